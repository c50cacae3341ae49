import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { logIn, signUp, type MemberClient } from '../helpers/client.js';
import { KEY } from '../helpers/screen.js';
import { openBoard, startThread } from '../helpers/boards.js';

// The sysop's console (or `sqlite3`) holding the write lock: a second connection, as the CLI
// has, in a transaction that has written and not yet committed.
function holdWriteLock(dataDir: string): { release(): void } {
  const db = new Database(join(dataDir, 'haven.db'));
  db.exec('BEGIN IMMEDIATE');
  db.prepare('UPDATE settings SET value = value').run();
  const lock = {
    release() {
      if (!db.open) return;
      db.exec('COMMIT');
      db.close();
    },
  };
  held.push(lock);
  return lock;
}
// A failed test must not leave the lock for the next one.
const held: { release(): void }[] = [];
afterEach(() => held.splice(0).forEach((lock) => lock.release()));

/**
 * Presses `key` when it is due and resolves with the milliseconds from then until the first
 * byte of the answer arrived. The server runs in this process: counted from when the key was
 * due, not from when the loop got round to sending it, a stalled loop shows in the figure.
 */
async function timeKey(c: MemberClient, key: string, due: number): Promise<number> {
  if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
  const before = c.screen.bytesReceived;
  const sent = performance.now();
  c.send(key);
  while (c.screen.bytesReceived === before) {
    if (performance.now() - sent > 20_000) throw new Error(`No answer to a key. The screen shows:\n${c.text()}`);
    await new Promise((r) => setTimeout(r, 1));
  }
  const latency = performance.now() - due;
  // The whole answer, so the next key's answer is not taken for the rest of this one.
  for (let seen = -1; seen !== c.screen.bytesReceived; ) {
    seen = c.screen.bytesReceived;
    await new Promise((r) => setTimeout(r, 20));
  }
  return latency;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

// A short deadline for a write held back, so the test of giving up takes seconds, not half a minute.
const SAVE_DEADLINE_MS = 14_000;

let bbs: TestHaven;
let annie: MemberClient;
let bruno: MemberClient;

beforeAll(async () => {
  bbs = await startTestHaven({ saveDeadlineMs: SAVE_DEADLINE_MS });
  annie = await signUp(bbs.port, 'annie');
  bruno = await signUp(bbs.port, 'bruno');
  (await signUp(bbs.port, 'carol')).end();
  await openBoard(annie, 'Introductions', 1);
  await startThread(annie, 'Hello from annie', 'Some days are long.');
  annie.send(KEY.left);
  await annie.waitFor('1 thread');
  annie.send(KEY.left);
  await annie.waitFor('Announcements');
  annie.send(KEY.left);
  await annie.waitFor('Main menu');
  await openBoard(bruno, 'Introductions', 1);
  bruno.send(KEY.enter);
  await bruno.waitFor('Some days are long.');
}, 120_000);
afterAll(async () => {
  annie?.end();
  bruno?.end();
  await bbs?.stop();
});

describe('a write lock held by another process', () => {
  it('freezes nobody: keys answer at once, a reply waits with "Saving…" and lands when the lock goes, a log-in succeeds', async () => {
    const lag = monitorEventLoopDelay({ resolution: 10 });
    const lock = holdWriteLock(bbs.dataDir);
    lag.enable();

    // bruno replies while the lock is held: his write has to wait.
    const brunoSaving = (async () => {
      bruno.send('R');
      await bruno.waitFor('Reply:');
      bruno.send('Sending you strength.');
      bruno.send(KEY.ctrlS);
      await bruno.waitFor('Saving…');
    })();
    // (b) a log-in while the lock is held reaches the main menu.
    const carolArrives = logIn(bbs.port, 'carol');

    // annie moves about the boards for ten seconds: open the list, move, go back.
    const latencies: number[] = [];
    const cycle = ['B', KEY.down, KEY.down, KEY.up, KEY.up, KEY.left];
    // A key every 150 ms for the ten seconds, the pace of someone moving through lists.
    const start = performance.now();
    for (let i = 0; i * 150 < 10_000; i++) latencies.push(await timeKey(annie, cycle[i % cycle.length]!, start + i * 150));
    lag.disable();
    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    const maxLag = lag.max / 1e6;
    console.log(
      `keypress latency under a 10 s write lock: n=${sorted.length} p50=${p50.toFixed(1)} ms p99=${p99.toFixed(1)} ms max=${sorted.at(-1)!.toFixed(1)} ms; event loop lag max=${maxLag.toFixed(1)} ms`,
    );

    await brunoSaving;
    const carol = await carolArrives;
    expect(carol.text()).toContain('Main menu');
    carol.end();
    // Still waiting, with the draft, until the lock goes.
    expect(bruno.text()).toContain('Saving…');
    lock.release();
    await bruno.waitFor(/#2 · bruno · /);
    expect(bruno.text()).toContain('Sending you strength.');

    // Before, every write the server tried stalled the event loop for the whole 5 s
    // busy_timeout, and every key behind it waited too (p50 49.6 s, counted from when each
    // key was due). The aim is p99 < 100 ms, printed above; what is asserted leaves room for a
    // shared, loaded machine (other test files running beside this one stalled the loop
    // 450 ms and a key 760 ms) while staying well below a single 5 s wait.
    expect(sorted.at(-1)!).toBeLessThan(2500);
    expect(maxLag).toBeLessThan(2500);
  }, 120_000);

  it('past the deadline the draft stays in the editor and the member is told the database is busy', async () => {
    bruno.send('R');
    await bruno.waitFor('Reply:');
    bruno.send('Still here with you.');
    const lock = holdWriteLock(bbs.dataDir);
    bruno.send(KEY.ctrlS);
    await bruno.waitFor('Saving…');
    await bruno.waitFor('The database is busy just now', SAVE_DEADLINE_MS + 20_000);
    expect(bruno.text()).toContain('What you wrote is still here');
    expect(bruno.text()).toContain('Still here with you.');
    expect(bruno.text()).not.toContain('Saving…');
    lock.release();
    // Once the lock is gone, Ctrl-S sends the same draft.
    bruno.send(KEY.ctrlS);
    await bruno.waitFor(/#3 · bruno · /);
  }, 120_000);
});
