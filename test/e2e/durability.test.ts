import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LOCK_WAIT_MS, openDatabase, type Db } from '../../db/open.js';
import { BbsSettings } from '../../src/services/bbs-settings.js';
import { MAIL_SETTINGS } from '../../src/services/mail.js';
import { signUp, type MemberClient } from '../helpers/client.js';
import { startTestHaven } from '../helpers/haven.js';
import { HavenProcess } from '../helpers/process.js';
import { KEY } from '../helpers/screen.js';

// What a member has been shown as saved is on disk: `haven serve` killed with SIGKILL the moment
// the screen says so loses none of it. A killed process cannot tell a commit that reached the
// disk from one still in the OS's cache, so the level the server's connection writes at is
// checked as well: only FULL also survives a power cut.

const SYNCHRONOUS_FULL = 2;
// A child `haven serve` takes ten seconds or more to start on a loaded machine, before two sign-ups.
const PROCESS_TEST_MS = 90_000;
const dirs: string[] = [];
let running: HavenProcess | undefined;
const clients: MemberClient[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.end();
  running?.kill();
  running = undefined;
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Starts `haven serve` as a child process; `prepare` may set up its database first. */
async function serve(prepare?: (db: Db) => void): Promise<{ haven: HavenProcess; port: number; db: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'haven-kill-'));
  dirs.push(dataDir);
  if (prepare) {
    const db = openDatabase(join(dataDir, 'haven.db'), { lockWaitMs: LOCK_WAIT_MS.console });
    prepare(db);
    db.close();
  }
  running = new HavenProcess(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--log-level', 'warn']);
  return { haven: running, port: await running.listening(), db: join(dataDir, 'haven.db') };
}

async function killNow(haven: HavenProcess): Promise<void> {
  haven.child.kill('SIGKILL');
  expect(await haven.exit()).toBe('SIGKILL');
}

function readDb<T>(path: string, work: (db: Database.Database) => T): T {
  const db = new Database(path, { fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

async function member(port: number, name: string): Promise<MemberClient> {
  const c = await signUp(port, name);
  clients.push(c);
  return c;
}

describe('what a member was shown as saved survives the server being killed', () => {
  it('the server writes at synchronous=FULL, and a chat line, a post and a mail leave it there', async () => {
    const bbs = await startTestHaven();
    try {
      const { services, db } = bbs.haven;
      const level = () => db.pragma('synchronous', { simple: true });
      expect(level()).toBe(SYNCHRONOUS_FULL);
      services.settings.set(MAIL_SETTINGS.newAccountHours.key, 0);
      const ann = await services.accounts.register({ name: 'ann', password: 'correct horse', acceptedGuidelines: true });
      await services.accounts.register({ name: 'ben', password: 'correct horse', acceptedGuidelines: true });
      services.chat.say(services.chatRooms.lobby().id, ann, 'a chat line');
      expect(level()).toBe(SYNCHRONOUS_FULL);
      const board = services.boards.list(ann).find((b) => b.slug === 'introductions')!;
      services.boards.posts.startThread(ann, board.id, { subject: 'Hello', body: 'a post' });
      expect(level()).toBe(SYNCHRONOUS_FULL);
      services.mail.send(ann, { to: 'ben', subject: 'Hi', body: 'a letter' });
      expect(level()).toBe(SYNCHRONOUS_FULL);
    } finally {
      await bbs.stop();
    }
  });

  it('a thread its author saw posted is in the database after kill -9', { timeout: PROCESS_TEST_MS }, async () => {
    const { haven, port, db } = await serve();
    const ann = await member(port, 'ann');
    ann.send('B');
    await ann.waitFor('Introductions');
    ann.send(KEY.down);
    ann.send(KEY.enter);
    await ann.waitFor(/Introductions.*page 1/);
    ann.send('P');
    await ann.waitFor('Subject:');
    ann.send('Still here');
    await ann.waitFor('Still here');
    ann.send(KEY.tab + KEY.tab);
    ann.send('Written just before the lights went out.');
    await ann.waitFor('Written just before the lights went out.');
    ann.send(KEY.ctrlS);
    await ann.waitFor(/#1 · ann · /);
    await killNow(haven);
    const posts = readDb(db, (d) => d.prepare('SELECT subject, body FROM posts').all());
    expect(posts).toEqual([{ subject: 'Still here', body: 'Written just before the lights went out.' }]);
  });

  it('a letter its writer saw sent is in the database after kill -9', { timeout: PROCESS_TEST_MS }, async () => {
    // Members who joined a moment ago may mail at once here.
    const { haven, port, db } = await serve((d) => new BbsSettings(d).set(MAIL_SETTINGS.newAccountHours.key, 0));
    await member(port, 'ben');
    const ann = await member(port, 'ann');
    ann.send('M');
    await ann.waitFor('[C] Write');
    ann.send('C');
    await ann.waitFor('Write to which member?');
    ann.line('ben');
    await ann.waitFor('Subject:');
    ann.send('Thinking of you');
    await ann.waitFor('Thinking of you');
    ann.press('tab');
    ann.send('A letter sent a moment before the crash.');
    await ann.waitFor('A letter sent a moment before the crash.');
    ann.press('ctrlS');
    await ann.waitFor('Sent to ben.');
    await killNow(haven);
    const mail = readDb(db, (d) => d.prepare('SELECT subject, body FROM mail').all());
    expect(mail).toEqual([{ subject: 'Thinking of you', body: 'A letter sent a moment before the crash.' }]);
  });
});
