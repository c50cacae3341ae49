import type { Db } from '../../db/open.js';
import type { Hub } from '../hub.js';
import type { Logger } from '../log.js';

/** What the BBS counts per hour: how often, never who or what. */
export interface ActivityCounts {
  logIns: number;
  failedLogIns: number;
  signUps: number;
  posts: number;
  mail: number;
  chatLines: number;
}
export type ActivityKind = keyof ActivityCounts;

const COLUMN: Record<ActivityKind, string> = {
  logIns: 'log_ins',
  failedLogIns: 'failed_log_ins',
  signUps: 'sign_ups',
  posts: 'posts',
  mail: 'mail',
  chatLines: 'chat_lines',
};
const KINDS = Object.keys(COLUMN) as ActivityKind[];

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Hours older than this are pruned: a 30-day chart and today's figures need no more. */
export const KEEP_DAYS = 31;

/** The running server's own figures: connections, penalised sources, memory. */
export interface ServerFigures {
  /** When they were taken (the console reads what the server last wrote). */
  asOf: number;
  sessions: number;
  pending: number;
  penalised: number;
  /** Penalised sources refused right now. */
  refusing: number;
  rssBytes?: number;
  heapBytes?: number;
}

/** One bar of a chart: the bucket's start (ms, UTC) and its counts. */
export interface ActivityBucket {
  start: number;
  counts: ActivityCounts;
}

type Row = { hour: number; log_ins: number; failed_log_ins: number; sign_ups: number; posts: number; mail: number; chat_lines: number };

const zero = (): ActivityCounts => ({ logIns: 0, failedLogIns: 0, signUps: 0, posts: 0, mail: 0, chatLines: 0 });

/** What members did, summed for a chart: log-ins, posts, mail and chat lines. */
export function activityTotal(c: ActivityCounts): number {
  return c.logIns + c.posts + c.mail + c.chatLines;
}

/**
 * Hourly counts of what happens on the BBS (table `activity_hours`), for the sysop's status
 * screen. `follow` is the one place that hears the events, counts them and writes the log line
 * for those that have one.
 */
export class Activity {
  private readonly bump: Record<ActivityKind, { run(hour: number, n: number): unknown }>;
  private readonly range;
  private readonly pruneOld;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.bump = Object.fromEntries(
      KINDS.map((kind) => [
        kind,
        db.prepare<[number, number]>(`INSERT INTO activity_hours (hour, ${COLUMN[kind]}) VALUES (?, ?) ON CONFLICT (hour) DO UPDATE SET ${COLUMN[kind]} = ${COLUMN[kind]} + excluded.${COLUMN[kind]}`),
      ]),
    ) as unknown as Record<ActivityKind, { run(hour: number, n: number): unknown }>;
    this.range = db.prepare<[number, number], Row>('SELECT * FROM activity_hours WHERE hour >= ? AND hour < ? ORDER BY hour');
    this.pruneOld = db.prepare<[number]>('DELETE FROM activity_hours WHERE hour < ?');
  }

  count(kind: ActivityKind, n = 1): void {
    this.bump[kind].run(Math.floor(this.now() / HOUR_MS), n);
  }

  /** Removes hours older than KEEP_DAYS; returns how many. */
  prune(): number {
    return this.pruneOld.run(Math.floor((this.now() - KEEP_DAYS * DAY_MS) / HOUR_MS)).changes;
  }

  /** The last `n` hours, oldest first, the current (unfinished) hour last; empty hours are zeros. */
  hours(n = 24): ActivityBucket[] {
    const current = Math.floor(this.now() / HOUR_MS);
    return this.buckets(current - n + 1, n, 1);
  }

  /** The last `n` UTC days, oldest first, today last. */
  days(n = 30): ActivityBucket[] {
    const today = Math.floor(this.now() / DAY_MS) * 24;
    return this.buckets(today - (n - 1) * 24, n, 24);
  }

  /** Counts since `from` (ms), to the hour: the hour holding `from` counts whole. */
  since(from: number): ActivityCounts {
    const first = Math.floor(from / HOUR_MS);
    const last = Math.floor(this.now() / HOUR_MS);
    return this.buckets(first, 1, last - first + 1)[0]!.counts;
  }

  private buckets(firstHour: number, n: number, hoursEach: number): ActivityBucket[] {
    const out: ActivityBucket[] = Array.from({ length: n }, (_, i) => ({ start: (firstHour + i * hoursEach) * HOUR_MS, counts: zero() }));
    for (const row of this.range.all(firstHour, firstHour + n * hoursEach)) {
      const c = out[Math.floor((row.hour - firstHour) / hoursEach)]!.counts;
      for (const kind of KINDS) c[kind] += row[COLUMN[kind] as keyof Row];
    }
    return out;
  }

  /**
   * Hears the hub: counts posts, mail, chat lines, log-ins, failed log-ins and sign-ups, and
   * logs one line for each log-in, log-off, sign-up, failed log-in and staff action (names
   * and ids, never text a member wrote). Prunes old hours now and hourly. Returns the stop.
   */
  follow(hub: Hub, log: Logger): () => void {
    const offs = [
      hub.on('post:created', () => this.count('posts')),
      hub.on('mail:new', () => this.count('mail')),
      hub.on('chat:line', (line) => {
        if (line.memberId !== null) this.count('chatLines');
      }),
      hub.on('session:logged-in', (e) => {
        this.count('logIns');
        log.info('log-in', { member: e.name, id: e.memberId, via: e.via });
      }),
      hub.on('session:logged-off', (e) => log.info('log-off', { member: e.name, id: e.memberId })),
      hub.on('member:signed-up', (e) => {
        this.count('signUps');
        log.info('sign-up', { member: e.name, id: e.memberId, savedKey: e.savedKey });
      }),
      hub.on('log-in:failed', (e) => {
        this.count('failedLogIns');
        log.info('log-in-failed', { member: e.name });
      }),
      // The label and reason are staff's or members' words (a thread's subject): not logged.
      hub.on('staff:action', (e) =>
        log.info('staff-action', {
          action: e.action,
          by: e.actorName,
          origin: e.origin,
          target: e.targetKind || undefined,
          targetId: e.targetId ?? undefined,
          memberId: e.memberId ?? undefined,
          boardId: e.boardId ?? undefined,
        }),
      ),
    ];
    this.prune();
    const timer = setInterval(() => this.prune(), HOUR_MS);
    timer.unref();
    return () => {
      clearInterval(timer);
      for (const off of offs) off();
    };
  }
}
