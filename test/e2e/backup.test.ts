import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { newestVersion } from '../../db/open.js';
import { openDataDir, buildServices } from '../../src/app.js';
import { backupCommand, restoreCommand } from '../../src/cli/backup.js';
import { initDataDir } from '../../src/cli/data-dir.js';
import { hostKeyCommand } from '../../src/cli/host-key.js';
import { createLogger } from '../../src/log.js';
import { loadOrCreateHostKey } from '../../src/server/host-key.js';
import type { Member } from '../../src/services/accounts.js';
import type { Services } from '../../src/services/index.js';
import { captureOutput } from '../helpers/output.js';
import { HavenProcess, runHaven } from '../helpers/process.js';

const dirs: string[] = [];
const servers: HavenProcess[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.kill();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'haven-backup-'));
  dirs.push(dir);
  return dir;
}

/** A data directory with one member and one thread, and the services over it (as the server holds them). */
async function bbs() {
  const dataDir = tempDir();
  initDataDir(dataDir);
  const { db, texts } = openDataDir(dataDir);
  const services = buildServices(db, texts, { log: createLogger('silent') });
  const ada = await services.accounts.register({ name: 'Ada', password: 'a fine password', acceptedGuidelines: true });
  const boardId = services.boards.list(ada).find((b) => b.canPost)!.id;
  const { threadId } = services.boards.posts.startThread(ada, boardId, { subject: 'Evenings', body: 'The first post.' });
  return { dataDir, db, services, ada, threadId };
}

function postBodies(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT body FROM posts ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
}

function integrity(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

function reply(services: Services, member: Member, threadId: number, body: string): void {
  services.boards.posts.reply(member, threadId, { body });
}

describe('haven backup', () => {
  it('copies the database during a burst of posts: the copy is whole and holds every post acknowledged before it began', async () => {
    const { dataDir, db, services, ada, threadId } = await bbs();
    // Enough pages that the copy takes many steps, with posts committed between them.
    const filler = 'words of support '.repeat(200);
    db.transaction(() => {
      for (let i = 0; i < 1500; i++) reply(services, ada, threadId, `earlier ${i} ${filler}`);
    })();
    let written = 0;
    const acknowledged: string[] = [];
    const burst = setInterval(() => {
      for (let i = 0; i < 5; i++) {
        const body = `burst ${written++}`;
        reply(services, ada, threadId, body);
        acknowledged.push(body);
      }
    }, 1);
    try {
      // Wait for the burst to be going before the backup starts.
      while (written < 50) await new Promise((r) => setTimeout(r, 5));
      const before = [...acknowledged];
      const file = join(tempDir(), 'nightly.db');
      const result = await runHaven(['backup', file, '--data-dir', dataDir], { timeoutMs: 120_000 });
      const during = written - before.length;
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Backed up .* to ${file} \\(.*integrity checked\\) in `));
      expect(during).toBeGreaterThan(0);

      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readdirSync(join(file, '..'))).toEqual(['nightly.db']);
      expect(integrity(file)).toBe('ok');
      const saved = new Set(postBodies(file));
      expect(saved.size).toBeGreaterThan(1500);
      expect(before.filter((body) => !saved.has(body))).toEqual([]);
    } finally {
      clearInterval(burst);
      db.close();
    }
  }, 180_000);
});

describe('haven restore', () => {
  it('puts a backup back, keeping the database it replaced, and Haven opens it', async () => {
    const { dataDir, db, services, ada, threadId } = await bbs();
    const file = join(tempDir(), 'before.db');
    const out = captureOutput();
    expect(await backupCommand({ dataDir, target: file, out: out.out })).toBe(0);
    reply(services, ada, threadId, 'Written after the backup.');
    db.close();

    out.clear();
    expect(restoreCommand({ dataDir, file, out: out.out, now: () => Date.UTC(2026, 11, 1, 10) })).toBe(0);

    const aside = join(dataDir, 'backups', 'haven-replaced-2026-12-01T10-00-00Z.db');
    expect(out.text()).toBe(`Restored ${file} (schema version ${newestVersion()}) into ${join(dataDir, 'haven.db')}.\nThe database it replaced is kept at ${aside}.\n`);
    expect(out.errors()).toBe('');
    expect(postBodies(join(dataDir, 'haven.db'))).toEqual(['The first post.']);
    expect(postBodies(aside)).toEqual(['The first post.', 'Written after the backup.']);
    expect(statSync(join(dataDir, 'haven.db')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('haven.db'))).toEqual(['haven.db']);
    const reopened = openDataDir(dataDir);
    expect(buildServices(reopened.db, reopened.texts).accounts.findByName('Ada')).toBeDefined();
    reopened.db.close();
  });

  it('is refused while the server runs, and changes nothing', async () => {
    const { dataDir, db } = await bbs();
    const file = join(tempDir(), 'before.db');
    const out = captureOutput();
    expect(await backupCommand({ dataDir, target: file, out: out.out })).toBe(0);
    db.close();
    const server = new HavenProcess(['serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn', '--data-dir', dataDir]);
    servers.push(server);
    await server.listening(60_000);
    const files = readdirSync(dataDir);

    out.clear();
    expect(restoreCommand({ dataDir, file, out: out.out })).toBe(1);

    expect(out.errors()).toBe(`Haven is serving the data directory ${dataDir}: stop it first (e.g. \`systemctl stop haven\`), then restore. Nothing was changed.\n`);
    expect(readdirSync(dataDir)).toEqual(files);
  }, 90_000);

  it('refuses a damaged file and a backup from a newer Haven, changing nothing', async () => {
    const { dataDir, db } = await bbs();
    const good = join(tempDir(), 'good.db');
    const out = captureOutput();
    expect(await backupCommand({ dataDir, target: good, out: out.out })).toBe(0);
    db.close();
    const current = readFileSync(join(dataDir, 'haven.db'));
    // Restore takes the serve lock (an empty file it may leave) so no server starts meanwhile.
    const files = () => readdirSync(dataDir).filter((f) => f !== 'serve.lock');
    const filesBefore = files();

    // A page of data near the end overwritten: the file still opens, but is no longer whole.
    const damaged = join(tempDir(), 'damaged.db');
    copyFileSync(good, damaged);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, statSync(damaged).size - 2 * 4096);
    closeSync(fd);
    out.clear();
    expect(restoreCommand({ dataDir, file: damaged, out: out.out })).toBe(1);
    expect(out.errors()).toMatch(new RegExp(`^${damaged} is not a usable Haven backup \\(.+\\)\\. Nothing was changed\\.\\n$`));

    const newer = join(tempDir(), 'newer.db');
    copyFileSync(good, newer);
    const later = new Database(newer);
    later.pragma(`user_version = ${newestVersion() + 1}`);
    later.close();
    out.clear();
    expect(restoreCommand({ dataDir, file: newer, out: out.out })).toBe(1);
    expect(out.errors()).toBe(
      `${newer} was written by a newer Haven (schema version ${newestVersion() + 1}; this Haven knows up to ${newestVersion()}). ` +
        'Nothing was changed. Run the newer Haven on it, or restore a backup made by this version.\n',
    );

    expect(readFileSync(join(dataDir, 'haven.db')).equals(current)).toBe(true);
    expect(files()).toEqual(filesBefore);
    expect(existsSync(join(dataDir, 'backups'))).toBe(false);
  });
});

describe('haven host-key', () => {
  it('prints the fingerprint OpenSSH shows for the server\'s key', () => {
    const dataDir = tempDir();
    const key = loadOrCreateHostKey(join(dataDir, 'host_ed25519_key'));
    const out = captureOutput();
    expect(hostKeyCommand({ dataDir, out: out.out })).toBe(0);
    const openssh = execFileSync('ssh-keygen', ['-l', '-f', join(dataDir, 'host_ed25519_key')], { encoding: 'utf8' });
    const fingerprint = /(SHA256:\S+)/.exec(openssh)![1];
    expect(key.fingerprint).toBe(fingerprint);
    expect(out.text()).toMatch(new RegExp(`^ED25519 key fingerprint is ${fingerprint.replace(/[+/]/g, '\\$&')}\\nknown_hosts line .*: ssh-ed25519 AAAA\\S+\\n$`));
  });
});
