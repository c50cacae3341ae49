import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOARDS } from '../../src/services/seed.js';
import { MemberClient, logIn, signUp } from '../helpers/client.js';
import { KEY } from '../helpers/screen.js';
import { HavenProcess } from '../helpers/process.js';

// `haven serve` as the sysop runs it: a child process with its own signals, files and exit code.

const dataDir = mkdtempSync(join(tmpdir(), 'haven-process-'));
const db = join(dataDir, 'haven.db');
let running: HavenProcess | undefined;
let firstFingerprint = '';

afterEach(() => {
  running?.kill();
  running = undefined;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function serve(): HavenProcess {
  running = new HavenProcess(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--log-level', 'warn', '--drain-seconds', '0']);
  return running;
}

/** The fingerprint of a host key as a client sees it on the wire. */
const fingerprintOf = (key: Buffer) => 'SHA256:' + createHash('sha256').update(key).digest('base64').replace(/=+$/, '');

function readDb<T>(work: (db: Database.Database) => T): T {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return work(conn);
  } finally {
    conn.close();
  }
}

/** Sends `signal` and checks the member is told, the process exits 0 soon, and the database is left closed. */
async function stopWith(haven: HavenProcess, signal: NodeJS.Signals, member: MemberClient): Promise<void> {
  const started = Date.now();
  haven.child.kill(signal);
  await member.closed;
  expect(member.raw).toContain('going down');
  expect(await haven.exit(5000)).toBe(0);
  expect(Date.now() - started).toBeLessThan(5000);
  // A cleanly closed SQLite database has folded its write-ahead log back in and removed it.
  expect(existsSync(`${db}-wal`)).toBe(false);
  expect(haven.stderr).not.toMatch(/"level":"error"/);
}

describe('haven serve as a process', () => {
  it('starts on a free port from --port 0 with a new key and database, and SIGTERM ends it cleanly', async () => {
    const haven = serve();
    const port = await haven.listening();
    expect(port).toBeGreaterThan(0);
    expect(haven.stdout).toContain(`listening on 127.0.0.1:${port}`);
    expect(haven.stdout).toContain(`Connect with: ssh -p ${port} yourname@127.0.0.1`);
    firstFingerprint = (await haven.waitForOutput(/Host key fingerprint: (SHA256:[A-Za-z0-9+/]+)\n/))[1]!;

    expect(statSync(join(dataDir, 'host_ed25519_key')).mode & 0o777).toBe(0o600);
    expect(existsSync(db)).toBe(true);
    const boards = readDb((c) => (c.prepare('SELECT count(*) AS n FROM boards').get() as { n: number }).n);
    expect(boards).toBeGreaterThanOrEqual(DEFAULT_BOARDS.length);
    expect(boards).toBeGreaterThanOrEqual(13);

    let seen = '';
    const member = await signUp(port, 'willow', 'a long password', { onHostKey: (key) => (seen = fingerprintOf(key)) });
    expect(seen).toBe(firstFingerprint);

    await stopWith(haven, 'SIGTERM', member);
    const members = readDb((c) => c.prepare('SELECT name FROM members').all() as Array<{ name: string }>);
    expect(members.map((m) => m.name)).toContain('willow');
  });

  it('a second start on the same data directory keeps the host key and the member, and SIGINT ends it the same way', async () => {
    expect(firstFingerprint).toMatch(/^SHA256:/);
    const haven = serve();
    const port = await haven.listening();
    expect(haven.stdout).toContain(`Host key fingerprint: ${firstFingerprint}\n`);

    let seen = '';
    const member = await logIn(port, 'willow', 'a long password', { onHostKey: (key) => (seen = fingerprintOf(key)) });
    expect(seen).toBe(firstFingerprint);
    expect(member.text()).toContain('Welcome, willow');

    await stopWith(haven, 'SIGINT', member);
    // Boards were seeded once, not again on the second start.
    const boards = readDb((c) => (c.prepare('SELECT count(*) AS n FROM boards').get() as { n: number }).n);
    expect(boards).toBe(DEFAULT_BOARDS.length);
  });
});

describe('the address members are told', () => {
  it('the start-up line, the sign-up hint and the no-terminal hint use --public-host and the port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haven-public-'));
    try {
      running = new HavenProcess(['serve', '--port', '0', '--host', '127.0.0.1', '--public-host', 'bbs.example.org', '--data-dir', dir, '--log-level', 'warn']);
      const port = await running.listening();
      expect(running.stdout).toContain(`Connect with: ssh -p ${port} yourname@bbs.example.org\n`);

      const newcomer = await MemberClient.connect({ port, username: 'harbour_seal', cols: 140, rows: 30 });
      await newcomer.waitFor('Choose a name', 15_000);
      newcomer.send(KEY.enter);
      await newcomer.waitFor(`ssh -p ${port} harbour_seal@bbs.example.org`, 15_000);
      newcomer.end();

      const scripted = await MemberClient.connect({ port, username: 'anyone', password: 'whatever', exec: 'ls' });
      await scripted.closed;
      expect(scripted.raw).toContain(`ssh -p ${port} yourname@bbs.example.org`);
    } finally {
      running?.kill();
      await running?.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
