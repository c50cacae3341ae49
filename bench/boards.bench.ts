// Boards at size: a board of 100,000 threads and 1,000,000 posts (bench/seed-boards.ts builds
// it in .bench-data/, once; later runs reuse it). Every number is server-side time of the
// service call a screen makes, in milliseconds, warm, as a running server would see it.
import { resolve } from 'node:path';
import { LOCK_WAIT_MS, openDatabase } from '../db/open.js';
import { Hub } from '../src/hub.js';
import type { Member } from '../src/services/accounts.js';
import { Boards } from '../src/services/boards.js';
import { rareWord, seedBoards, seededBoards } from './seed-boards.js';

const RUNS = 300;
const WARMUP = 20;

function measure(run: (i: number) => unknown, runs = RUNS): { median: number; p99: number } {
  for (let i = 0; i < WARMUP; i++) run(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    run(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p99: times[Math.min(times.length - 1, Math.ceil(times.length * 0.99) - 1)] };
}

export default async (): Promise<Record<string, number | string>> => {
  const path = resolve('.bench-data/boards.db');
  let seedSeconds: string = 'reused';
  let seeded = seededBoards(path);
  if (!seeded) {
    const t0 = Date.now();
    seeded = seedBoards(path);
    seedSeconds = ((Date.now() - t0) / 1000).toFixed(1);
  }
  const db = openDatabase(path, { lockWaitMs: LOCK_WAIT_MS.console });
  const boards = new Boards(db, new Hub());
  const { reader, boardId, longThreadId } = seeded;
  const newcomer: Member = { ...reader, id: (db.prepare(`SELECT id FROM members WHERE name_key = 'member1'`).get() as { id: number }).id, name: 'member1' };
  const out: Record<string, number | string> = {
    'seed (s)': seedSeconds,
    'threads / posts': `${seeded.threads} / ${seeded.posts}`,
  };
  const report = (name: string, target: number | undefined, m: { median: number; p99: number }) => {
    out[`${name}: median ms`] = m.median;
    out[`${name}: p99 ms${target ? ` (target <= ${target})` : ''}`] = m.p99;
  };

  report('thread list, first page of 20', 10, measure(() => boards.threads(reader, boardId, { limit: 20 })));

  // The key of the page 10,000 threads down, reached by paging as a member would.
  let page = boards.threads(reader, boardId, { limit: 20 });
  for (let i = 1; i < 500; i++) page = boards.threads(reader, boardId, { limit: 20, before: page.threads.at(-1)!.lastPostId });
  const deepKey = page.threads.at(-1)!.lastPostId;
  report('thread list, page 10,000 threads down', 10, measure(() => boards.threads(reader, boardId, { limit: 20, before: deepKey })));

  const window = boards.posts.window(reader, longThreadId);
  out['5,000-post thread opens at post'] = `${window.firstPosition + window.posts.findIndex((p) => p.id === window.focusPostId)} of ${window.thread.postCount}`;
  report('open 5,000-post thread at first unread', 20, measure(() => boards.posts.window(reader, longThreadId)));

  const unread = boards.list(reader).find((b) => b.id === boardId)!.unread;
  out['unread in the busy board for the reader'] = unread;
  report('unread counts, all boards, one member', 10, measure(() => boards.list(reader)));
  report('unread counts, all boards, a newcomer', 10, measure(() => boards.list(newcomer)));

  const rare = rareWord();
  report('FTS search "tulips" (~9% of posts), all boards', 50, measure(() => boards.search.search(reader, 'tulips')));
  report('FTS search "sleep tulips", all boards', 50, measure(() => boards.search.search(reader, 'sleep tulips')));
  out['rare word'] = rare;
  report('FTS search a rare word (~0.3% of posts), this board', 50, measure(() => boards.search.search(reader, rare, { boardId })));

  report('newscan: next unread post', undefined, measure(() => boards.nextUnread(reader, { boardId })));
  db.close();
  return out;
};
