import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MemberClient, signUp } from '../helpers/client.js';
import { openBoard, startThread } from '../helpers/boards.js';
import { KEY } from '../helpers/screen.js';
import { HavenProcess } from '../helpers/process.js';

// `haven serve` restarting under a member who is writing: the countdown, the draft kept, the
// process gone within seconds, and the draft offered back when the member returns.

const dataDir = mkdtempSync(join(tmpdir(), 'haven-restart-'));
const running: HavenProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.kill();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function serve(drainSeconds: number): HavenProcess {
  const p = new HavenProcess(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--log-level', 'warn', '--drain-seconds', String(drainSeconds)]);
  running.push(p);
  return p;
}

function readDb<T>(work: (db: Database.Database) => T): T {
  const conn = new Database(join(dataDir, 'haven.db'), { readonly: true, fileMustExist: true });
  try {
    return work(conn);
  } finally {
    conn.close();
  }
}

const REPLY = ['Thank you for this.', 'I sleep badly too 🌙 but it gets better.', '', 'Take care'];

/** In a thread view: R, then the reply typed line by line (not sent). */
async function typeReply(c: MemberClient, lines: string[]): Promise<void> {
  c.send('R');
  await c.waitFor('Reply: Sleeping badly');
  c.send(lines.join('\r'));
  await c.waitFor(lines[lines.length - 1]!);
}

describe('a graceful restart', () => {
  it('SIGTERM with a member mid-post: a countdown, a prompt exit, and the draft is offered at the next log-in', async () => {
    const first = serve(3);
    const port = await first.listening(60_000);
    const willow = await signUp(port, 'willow');
    await openBoard(willow, 'Introductions', 1);
    await startThread(willow, 'Sleeping badly', 'Does anyone else lie awake?');
    await typeReply(willow, REPLY);

    const signalled = Date.now();
    first.child.kill('SIGTERM');
    await willow.waitFor(/Haven restarts in \d s: what you are writing will be kept\./);
    await willow.closed;
    expect(willow.raw).toContain('What you were writing is saved: you will be offered it when you next log in.');
    expect(await first.exit(15_000)).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(15_000);
    expect(first.stderr).not.toMatch(/"level":"error"/);
    // Never in the log: the words are the member's alone.
    expect(first.stderr + first.stdout).not.toContain('sleep badly too');

    const second = serve(0);
    const port2 = await second.listening(60_000);
    const back = await MemberClient.connect({ port: port2, username: 'willow', password: 'correct horse' });
    await back.waitFor('You have an unfinished reply to "Sleeping badly"');
    await back.waitFor('R resume, D discard, L later');
    back.send('r');
    await back.waitFor('Reply: Sleeping badly');
    for (const line of REPLY.filter(Boolean)) expect(back.text()).toContain(line);
    back.send(KEY.ctrlS);
    await back.waitFor(/#2 · willow · /);

    // Exactly what was typed, posted once; and the draft is gone.
    const bodies = readDb((db) => db.prepare('SELECT body FROM posts ORDER BY id').all() as Array<{ body: string }>);
    expect(bodies.map((b) => b.body)).toEqual(['Does anyone else lie awake?', REPLY.join('\n')]);
    expect(readDb((db) => db.prepare('SELECT count(*) AS n FROM drafts').get())).toEqual({ n: 0 });

    second.child.kill('SIGTERM');
    await back.closed;
    expect(await second.exit(15_000)).toBe(0);
  }, 180_000);

  it('with nobody connected there is no countdown to wait for', async () => {
    const haven = serve(30);
    await haven.listening(60_000);
    const signalled = Date.now();
    haven.child.kill('SIGTERM');
    expect(await haven.exit(15_000)).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
  }, 120_000);

  it('a second SIGTERM during the countdown stops at once, and the draft is still kept', async () => {
    const haven = serve(120);
    const port = await haven.listening(60_000);
    const robin = await signUp(port, 'robin');
    await openBoard(robin, 'Introductions', 1);
    await robin.waitFor('Sleeping badly');
    robin.send(KEY.enter);
    await robin.waitFor(/#1 · willow · /);
    await typeReply(robin, ['Me too.', 'Every night 🌱']);

    haven.child.kill('SIGTERM');
    await robin.waitFor(/restarts in \d+ s/);
    const again = Date.now();
    haven.child.kill('SIGTERM');
    expect(await haven.exit(15_000)).toBe(0);
    expect(Date.now() - again).toBeLessThan(5_000);
    const drafts = readDb((db) => db.prepare("SELECT d.kind, d.body FROM drafts d JOIN members m ON m.id = d.member_id WHERE m.name = 'robin'").all());
    expect(drafts).toEqual([{ kind: 'reply', body: 'Me too.\nEvery night 🌱' }]);
  }, 180_000);
});
