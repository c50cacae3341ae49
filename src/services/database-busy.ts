import { UserError } from '../errors.js';

/**
 * Another process (the sysop's console, or `sqlite3`) holds the database's write lock.
 * The server's connection waits only a few milliseconds for it (better-sqlite3 waits
 * synchronously, so a long wait would freeze every member), then gets one of these.
 */
export function isDatabaseBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** How long a member's write keeps trying before the member is told it could not be saved. */
export const SAVE_DEADLINE_MS = 30_000;

/** The plain first half of what a member reads when a write gave up; the caller may add what became of their words. */
export const BUSY_NOT_SAVED = 'The database is busy just now (the sysop may be working on it), so that was not saved.';

/** A write gave up waiting for the lock. */
export class DatabaseBusy extends UserError {
  constructor() {
    super(`${BUSY_NOT_SAVED} Please try again in a minute.`);
    this.name = 'DatabaseBusy';
  }
}

export interface RetryOptions {
  /** Gives up this long after the first retry began (default SAVE_DEADLINE_MS). */
  deadlineMs?: number;
  /** The first wait; each next one doubles, up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
}

/**
 * Runs `work` until it stops failing with a busy database, waiting between tries on timers
 * (never synchronously, so the event loop serves every other member meanwhile). Any other
 * error is thrown as it is; past the deadline, `DatabaseBusy`. The first try is immediate.
 */
export async function retryWhileBusy<T>(work: () => T | Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const now = opts.now ?? Date.now;
  const deadline = now() + (opts.deadlineMs ?? SAVE_DEADLINE_MS);
  let delay = opts.firstDelayMs ?? 50;
  const maxDelay = opts.maxDelayMs ?? 1000;
  for (;;) {
    try {
      return await work();
    } catch (err) {
      if (!isDatabaseBusy(err)) throw err;
      const left = deadline - now();
      if (left <= 0) throw new DatabaseBusy();
      // Unref'd: a write still waiting must not keep a stopping process alive.
      await new Promise((resolve) => setTimeout(resolve, Math.min(delay, left)).unref());
      delay = Math.min(maxDelay, delay * 2);
    }
  }
}

/**
 * For bookkeeping nobody waits for (a log-in's time, the online list): done now if the
 * database is free, otherwise again later in the background, and dropped after
 * `deadlineMs` (default five minutes) rather than ever blocking or failing what the member
 * is doing. Errors other than a busy database go to `onError`.
 */
export function writeWhenFree(work: () => void, onError: (err: unknown) => void, opts: RetryOptions = {}): void {
  try {
    work();
    return;
  } catch (err) {
    if (!isDatabaseBusy(err)) {
      onError(err);
      return;
    }
  }
  retryWhileBusy(work, { firstDelayMs: 200, maxDelayMs: 5000, deadlineMs: 300_000, ...opts }).catch((err: unknown) => {
    if (!(err instanceof DatabaseBusy)) onError(err);
  });
}

/** For a write that may simply not happen this time (a read mark): `skipped` while the database is busy. */
export function skipIfBusy<T>(work: () => T, skipped: T): T {
  try {
    return work();
  } catch (err) {
    if (isDatabaseBusy(err)) return skipped;
    throw err;
  }
}
