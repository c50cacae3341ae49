// Builds a database with one very busy board, for the boards benchmark:
//   node --import tsx bench/seed-boards.ts [path]      (default .bench-data/boards.db)
// 100,000 threads and 1,000,000 posts (one thread of 5,000), 2,000 members, and a member
// called "reader" part-way through everything. Deterministic: the same numbers every run.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LOCK_WAIT_MS, openDatabase } from '../db/open.js';
import { Hub } from '../src/hub.js';
import type { Member } from '../src/services/accounts.js';
import { Boards } from '../src/services/boards.js';
import { seedDefaults } from '../src/services/seed.js';

export interface SeedOptions {
  threads: number;
  posts: number;
  longThreadPosts: number;
  members: number;
}

export interface SeededBoards {
  path: string;
  boardId: number;
  longThreadId: number;
  reader: Member;
  threads: number;
  posts: number;
}

export const SEED_VERSION = 'boards-seed-3';
const DEFAULT_OPTIONS: SeedOptions = { threads: 100_000, posts: 1_000_000, longThreadPosts: 5_000, members: 2_000 };
const START = Date.UTC(2023, 0, 1);
const SEED = 20240601;
const SPAN_SECONDS = 3 * 365 * 24 * 3600;

/** A small fast PRNG (mulberry32), so every run builds the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = (
  'i you we it the a and to of in that was is for my me with on but not have had this so just be at ' +
  'today feel felt day night week still know think like want time people really help hard better ' +
  'sleep work family mother father friend doctor talk tried again maybe little much every year'
).split(' ');
const TOPICAL = (
  'grief loss anxiety recovery sober meeting therapy hospital chemo scan diagnosis divorce custody ' +
  'lawyer interview redundancy savings baby feeding crying panic breathing walk garden tulips rain ' +
  'letter funeral anniversary relapse sponsor craving medication appointment insurance caregiver dementia'
).split(' ');

function vocabulary(random: () => number): string[] {
  const syllables = ['ka', 'lo', 'mi', 'ren', 'to', 'sa', 'vel', 'an', 'dor', 'is', 'pe', 'qua', 'ny', 'bri', 'os', 'un'];
  const words = new Set<string>();
  while (words.size < 3000) {
    let w = '';
    const n = 2 + Math.floor(random() * 3);
    for (let i = 0; i < n; i++) w += syllables[Math.floor(random() * syllables.length)];
    words.add(w);
  }
  return [...words];
}

function sentence(random: () => number, rare: string[], minWords: number, maxWords: number): string {
  const n = minWords + Math.floor(random() * (maxWords - minWords + 1));
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.6) words.push(COMMON[Math.floor(random() * COMMON.length)]);
    else if (r < 0.7) words.push(TOPICAL[Math.floor(random() * TOPICAL.length)]);
    else words.push(rare[Math.floor(random() * rare.length)]);
  }
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

/** One of the made-up words the seed sprinkles through posts (each is in ~0.3% of them). */
export function rareWord(): string {
  return vocabulary(rng(SEED))[0];
}

/** Creates (replacing) the benchmark database at `path`. */
export function seedBoards(path: string, options: Partial<SeedOptions> = {}): SeededBoards {
  const o = { ...DEFAULT_OPTIONS, ...options };
  mkdirSync(dirname(path), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const db = openDatabase(path, { lockWaitMs: LOCK_WAIT_MS.console });
  seedDefaults(db, START);
  const random = rng(SEED);
  const rare = vocabulary(random);

  // Bulk mode: no fsync, no foreign-key checks, and the secondary indexes and FTS triggers
  // are rebuilt once at the end, which is far cheaper than maintaining them row by row.
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  const saved = db
    .prepare(`SELECT sql, name FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name IN ('posts', 'threads') AND type IN ('index', 'trigger')`)
    .all() as Array<{ sql: string; name: string }>;
  for (const s of saved) db.exec(`DROP ${s.sql.startsWith('CREATE TRIGGER') ? 'TRIGGER' : 'INDEX'} ${s.name}`);

  const boardId = Number(
    db
      .prepare(`INSERT INTO boards (slug, name, description, position, created_at) VALUES ('busy', 'Busy board', 'A million posts', 100, ?)`)
      .run(START).lastInsertRowid,
  );
  const insertMember = db.prepare(
    `INSERT INTO members (name, name_key, password_hash, role, created_at, guidelines_accepted_at) VALUES (?, ?, '!', 'member', ?, ?)`,
  );
  const memberIds: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < o.members; i++) {
      const name = i === 0 ? 'reader' : `member${i}`;
      memberIds.push(Number(insertMember.run(name, name, START, START).lastInsertRowid));
    }
  })();

  // How many posts each thread gets: the long one gets its share, the rest is spread unevenly
  // (most threads short, a few long), and every thread has at least its first post.
  // Started after the reader's catch-up point, so that they are really half-way through it.
  const longIndex = Math.floor(o.threads * 0.85);
  const sizes = new Uint32Array(o.threads).fill(1);
  sizes[longIndex] = o.longThreadPosts;
  let remaining = o.posts - o.threads - (o.longThreadPosts - 1);
  const weights = new Float64Array(o.threads);
  let total = 0;
  for (let i = 0; i < o.threads; i++) {
    weights[i] = i === longIndex ? 0 : -Math.log(1 - random());
    total += weights[i];
  }
  for (let i = 0; i < o.threads && remaining > 0; i++) {
    const extra = Math.min(remaining, Math.floor((weights[i] / total) * (o.posts - o.threads - o.longThreadPosts + 1)));
    sizes[i] += extra;
    remaining -= extra;
  }
  for (let i = 0; remaining > 0; i = (i + 1) % o.threads) {
    if (i === longIndex) continue;
    sizes[i]++;
    remaining--;
  }

  // A timeline: thread i starts at an even pace; its replies follow over the next days (the
  // long thread over a year). Each event is (second << 17 | thread) so one numeric sort orders them.
  const events = new Float64Array(o.posts);
  const SHIFT = 131072;
  let e = 0;
  for (let i = 0; i < o.threads; i++) {
    const start = Math.floor((i / o.threads) * SPAN_SECONDS * 0.95);
    events[e++] = start * SHIFT + i;
    const spread = i === longIndex ? 365 * 24 * 3600 : 1 + Math.floor(random() * 20 * 24 * 3600);
    for (let k = 1; k < sizes[i]; k++) events[e++] = (start + 1 + Math.floor(random() * spread)) * SHIFT + i;
  }
  events.sort();

  const insertPost = db.prepare(
    `INSERT INTO posts (id, thread_id, board_id, author_id, subject, content_warning, body, created_at, support_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const firstPost = new Uint32Array(o.threads);
  const lastPost = new Uint32Array(o.threads);
  const lastAt = new Float64Array(o.threads);
  const lastAuthor = new Uint32Array(o.threads);
  const firstAuthor = new Uint32Array(o.threads);
  const count = new Uint32Array(o.threads);
  const BATCH = 50_000;
  for (let from = 0; from < o.posts; from += BATCH) {
    db.transaction(() => {
      for (let p = from; p < Math.min(o.posts, from + BATCH); p++) {
        const second = Math.floor(events[p] / SHIFT);
        const thread = events[p] - second * SHIFT;
        const id = p + 1;
        const at = START + second * 1000;
        const author = memberIds[1 + Math.floor(random() * (memberIds.length - 1))];
        const first = count[thread] === 0;
        const body = [sentence(random, rare, 6, 20), sentence(random, rare, 6, 20), sentence(random, rare, 4, 14)].join(' ');
        const warning = random() < 0.01 ? 'grief' : null;
        insertPost.run(id, thread + 1, boardId, author, first ? sentence(random, rare, 3, 8).slice(0, -1) : null, warning, body, at, Math.floor(random() * random() * 4));
        if (first) {
          firstPost[thread] = id;
          firstAuthor[thread] = author;
        }
        lastPost[thread] = id;
        lastAt[thread] = at;
        lastAuthor[thread] = author;
        count[thread]++;
      }
    })();
  }

  const insertThread = db.prepare(
    `INSERT INTO threads (id, board_id, author_id, created_at, first_post_id, last_post_id, last_post_at, last_author_id, post_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < o.threads; i++) {
      const createdAt = START + Math.floor(((i / o.threads) * SPAN_SECONDS * 0.95)) * 1000;
      insertThread.run(i + 1, boardId, firstAuthor[i], createdAt, firstPost[i], lastPost[i], lastAt[i], lastAuthor[i], count[i]);
    }
    db.prepare(
      `UPDATE boards SET thread_count = ?, post_count = ?, last_post_id = (SELECT max(id) FROM posts),
         last_post_at = (SELECT max(created_at) FROM posts) WHERE id = ?`,
    ).run(o.threads, o.posts, boardId);
  })();

  for (const s of saved.filter((x) => !x.sql.startsWith('CREATE TRIGGER'))) db.exec(s.sql);
  db.exec(`INSERT INTO posts_fts (posts_fts) VALUES ('rebuild')`);
  for (const s of saved.filter((x) => x.sql.startsWith('CREATE TRIGGER'))) db.exec(s.sql);
  db.pragma('foreign_keys = ON');

  // The reader caught up with the board at 80% of its posts, then read on in 2,000 threads, and
  // is half-way through the long thread: the read state of a regular, not of a newcomer.
  const boards = new Boards(db, new Hub());
  const reader: Member = { id: memberIds[0], name: 'reader', role: 'member', createdAt: START, lastLoginAt: null, timeZone: 'UTC', monochrome: false };
  const catchUpAt = Math.floor(o.posts * 0.8);
  db.prepare(
    `INSERT INTO board_reads (member_id, board_id, baseline_post_id, baseline_count, extra_read) VALUES (?, ?, ?, ?, 0)`,
  ).run(reader.id, boardId, catchUpAt, catchUpAt);
  const recent = db
    .prepare('SELECT id, last_post_id FROM threads WHERE board_id = ? AND last_post_id > ? ORDER BY (id * 7919) % 100003 LIMIT 2000')
    .all(boardId, catchUpAt) as Array<{ id: number; last_post_id: number }>;
  for (const t of recent) boards.reads.markRead(reader.id, t.id, t.last_post_id);
  const longThreadId = longIndex + 1;
  const middle = db
    .prepare('SELECT id FROM posts WHERE thread_id = ? ORDER BY id LIMIT 1 OFFSET ?')
    .get(longThreadId, Math.floor(o.longThreadPosts / 2)) as { id: number };
  db.prepare('DELETE FROM thread_reads WHERE member_id = ? AND thread_id = ?').run(reader.id, longThreadId);
  boards.reads.markRead(reader.id, longThreadId, middle.id);

  db.prepare(`INSERT INTO settings (key, value) VALUES ('bench:seed', ?)`).run(JSON.stringify({ version: SEED_VERSION, ...o, boardId, longThreadId }));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { path, boardId, longThreadId, reader, threads: o.threads, posts: o.posts };
}

/** The seeded database at `path` if it is there and current, else undefined. */
export function seededBoards(path: string, options: Partial<SeedOptions> = {}): SeededBoards | undefined {
  if (!existsSync(path)) return undefined;
  const o = { ...DEFAULT_OPTIONS, ...options };
  const db = openDatabase(path, { lockWaitMs: LOCK_WAIT_MS.console });
  try {
    const row = db.prepare(`SELECT value FROM settings WHERE key = 'bench:seed'`).get() as { value: string } | undefined;
    if (!row) return undefined;
    const meta = JSON.parse(row.value) as SeedOptions & { version: string; boardId: number; longThreadId: number };
    if (meta.version !== SEED_VERSION || meta.threads !== o.threads || meta.posts !== o.posts) return undefined;
    const r = db.prepare(`SELECT id FROM members WHERE name_key = 'reader'`).get() as { id: number };
    const reader: Member = { id: r.id, name: 'reader', role: 'member', createdAt: START, lastLoginAt: null, timeZone: 'UTC', monochrome: false };
    return { path, boardId: meta.boardId, longThreadId: meta.longThreadId, reader, threads: meta.threads, posts: meta.posts };
  } finally {
    db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const path = resolve(process.argv[2] ?? '.bench-data/boards.db');
  const started = Date.now();
  const seeded = seedBoards(path);
  process.stdout.write(`Seeded ${seeded.threads} threads, ${seeded.posts} posts into ${path} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

