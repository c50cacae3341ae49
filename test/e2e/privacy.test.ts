import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import type { MemberExportData } from '../../src/services/member-export.js';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { logIn, MemberClient, signUp } from '../helpers/client.js';
import { KEY } from '../helpers/screen.js';

let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
  bbs.haven.services.settings.set('mail.new_account_hours', 0);
});
afterAll(async () => {
  await bbs.stop();
});

/** Runs `command` over exec with a password, as `ssh NAME@host command` would: stdout, stderr, exit status. */
function execWithPassword(name: string, password: string, command: string): Promise<{ stdout: string; stderr: string; code: number | undefined }> {
  return new Promise((resolve, reject) => {
    const conn = new ssh2.Client();
    let stdout = '';
    let stderr = '';
    let code: number | undefined;
    conn.on('error', reject);
    conn.on('ready', () =>
      conn.exec(command, (err, channel) => {
        if (err) return reject(err);
        channel.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
        channel.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
        channel.on('exit', (c: number) => (code = c));
        channel.on('close', () => {
          conn.end();
          resolve({ stdout, stderr, code });
        });
      }),
    );
    conn.connect({ host: '127.0.0.1', port: bbs.port, username: name, password, readyTimeout: 30_000 });
  });
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The files of the data directory whose bytes contain `word` (or its first eight letters, which the search index's stemmer might keep). */
function filesHolding(word: string): string[] {
  return filesUnder(bbs.dataDir).filter((f) => {
    const bytes = readFileSync(f);
    return bytes.includes(word) || bytes.includes(word.slice(0, 8));
  });
}

describe('what Haven holds about me', () => {
  it('export by password over exec: JSON with the member\'s posts and mail, exit status 0, however long', async () => {
    const { accounts, boards } = bbs.haven.services;
    await (await signUp(bbs.port, 'writer')).end();
    const writer = accounts.findByName('writer')!;
    const board = boards.list(writer).find((b) => b.slug === 'introductions')!.id;
    // Well past one SSH window (2 MiB for OpenSSH, less for ssh2): the exit status must not overtake the data.
    const body = 'many words here '.repeat(240);
    for (let i = 0; i < 700; i++) boards.posts.startThread(writer, board, { subject: `Thread ${i}`, body });
    bbs.haven.services.safety.muteWord(writer.id, 'storms');
    const out = await execWithPassword('writer', 'correct horse', 'export');
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('');
    const data = JSON.parse(out.stdout) as MemberExportData;
    expect(data.posts).toHaveLength(700);
    expect(out.stdout.length).toBeGreaterThan(2_500_000);
    // The safety features' records are the member's too.
    expect(data.textsAccepted.map((t) => t.text)).toEqual(['disclaimer', 'guidelines']);
    expect(data.mutedWords.map((w) => w.word)).toEqual(['storms']);
  });

  it('Settings shows the same as a page to read, at 40x12 too', async () => {
    const me = await signUp(bbs.port, 'reader', 'correct horse', { cols: 40, rows: 12 });
    me.send('S');
    // At 40x12 the Settings list is longer than the screen: its hotkeys work all the same.
    await me.waitFor('Choose a setting');
    me.send('H');
    await me.waitFor('YOUR ACCOUNT');
    await me.waitFor('Name: reader');
    me.send(' ');
    me.send(' ');
    await me.waitFor(/YOUR POSTS|LOG-IN KEYS|SETTINGS/);
    me.send(KEY.escape);
    await me.waitFor('Choose a setting');
    me.end();
  });
});

describe('deleting my account', () => {
  it('Settings › Delete my account, after the password, logs off; logging in within the grace period restores it', async () => {
    const me = await signUp(bbs.port, 'leaving');
    const elsewhere = await logIn(bbs.port, 'leaving', 'correct horse', { cols: 40, rows: 12 });
    me.send('S');
    await me.waitFor('Delete my account');
    me.send('D');
    await me.waitFor('14 days to change your mind');
    me.send('k');
    await me.waitFor('Your password');
    me.line('not my password');
    await me.waitFor('That is not your password. Nothing was changed.');
    me.send('k');
    await me.waitFor('Your password');
    me.line('correct horse');
    await me.closed;
    expect(me.raw).toContain('Your account will be deleted on');
    expect(me.raw).toContain('If you log in before then, it is restored');
    // Their other session ends too, saying the same.
    await elsewhere.closed;
    expect(elsewhere.raw).toContain('Your account will be deleted on');
    const id = bbs.haven.services.accounts.findByName('leaving')!.id;
    expect(bbs.haven.services.accountDeletion.pending(id)).toMatchObject({ posts: 'keep' });

    const back = await MemberClient.connect({ port: bbs.port, username: 'leaving', password: 'correct horse', cols: 40, rows: 12 });
    await back.waitFor('account is restored');
    back.send(KEY.enter);
    await back.waitFor('Main menu');
    expect(bbs.haven.services.accountDeletion.pending(id)).toBeUndefined();
    back.end();
    // The next log-in is an ordinary one.
    const again = await logIn(bbs.port, 'leaving');
    again.end();
  });
});

describe('a deleted account\'s name', () => {
  it('rests: sign-up refuses it with a kind word, and takes another', async () => {
    bbs.haven.db.prepare('INSERT INTO reserved_names (name_key, until) VALUES (?, ?)').run('trusted', Date.now() + 86_400_000);
    const c = await MemberClient.connect({ port: bbs.port, username: 'trusted', cols: 40, rows: 12 });
    await c.waitFor('Choose a name');
    c.line('Trusted');
    await c.waitFor('left recently');
    c.send('\x15');
    c.line('newname');
    await c.waitFor('Choose a password');
    c.end();
  });
});

describe('deleted means unreadable', () => {
  it('deleted and edited words leave every file of the data directory once the log is checkpointed', async () => {
    const { accounts, boards, mail } = bbs.haven.services;
    await (await signUp(bbs.port, 'eraser')).end();
    await (await signUp(bbs.port, 'friend')).end();
    const eraser = accounts.findByName('eraser')!;
    const friend = accounts.findByName('friend')!;
    const board = boards.list(eraser).find((b) => b.slug === 'introductions')!.id;
    const words = { post: 'zqxvorpelmint', mail: 'jukwarbelstonk', edited: 'plorvexquandith' };

    const post = boards.posts.startThread(eraser, board, { subject: 'a thought', body: `I once said ${words.post} here` });
    const kept = boards.posts.startThread(eraser, board, { subject: 'another', body: `this has ${words.edited} in it` });
    const message = mail.send(eraser, { to: 'friend', subject: 'between us', body: `only ${words.mail} for you` });
    bbs.haven.db.pragma('wal_checkpoint(TRUNCATE)');
    // The scan finds what is there.
    for (const word of Object.values(words)) expect(filesHolding(word)).not.toEqual([]);

    boards.posts.remove(eraser, post.postId);
    boards.posts.edit(eraser, kept.postId, { body: 'this has nothing unusual in it' });
    mail.delete(eraser.id, message.id);
    mail.delete(friend.id, message.id);
    bbs.haven.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const word of Object.values(words)) expect({ word, files: filesHolding(word) }).toEqual({ word, files: [] });
    expect(boards.search.search(friend, 'unusual')).toHaveLength(1);
  });

  it('the data directory is owner-only, and its database files too', () => {
    expect(statSync(bbs.dataDir).mode & 0o777).toBe(0o700);
    for (const file of ['haven.db', 'haven.db-wal', 'haven.db-shm']) {
      expect({ file, mode: statSync(join(bbs.dataDir, file)).mode & 0o777 }).toEqual({ file, mode: 0o600 });
    }
  });

  it('a data directory opened with wider permissions is made owner-only at start, and the log says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haven-open-'));
    const first = await startTestHaven({ dataDir: dir });
    await first.stop();
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'haven.db'), 0o644);
    const lines: string[] = [];
    const second = await startTestHaven({ dataDir: dir, log: createLogger('info', (l) => lines.push(l)) });
    try {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'haven.db')).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'haven.db-wal')).mode & 0o777).toBe(0o600);
      expect(lines.join('')).toContain('data directory permissions fixed');
    } finally {
      await second.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
