import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../errors.js';

/**
 * Makes sure only one `haven serve` runs on a data directory: two would both accept members,
 * each knowing only its own sessions, chat rooms and meeting timers.
 *
 * The lock is an exclusive SQLite transaction on `serve.lock`, held open for the life of the
 * process. SQLite takes it with a POSIX record lock, which the kernel drops when the process
 * ends however it ends, kill -9 included, so a crash never leaves a stale lock for the sysop
 * to clear. A pid file would need "is that pid alive, and is it really Haven?" guesses that
 * go wrong after a reboot or when the number is reused. Node has no flock of its own, and
 * better-sqlite3 is already here. The lock file holds no data.
 */
export function lockDataDir(dataDir: string): void {
  const lock = takeDataDirLock(
    dataDir,
    `Haven is already serving the data directory ${dataDir} (another \`haven serve\` holds it). ` +
      'Stop that one first, or give this one its own --data-dir.',
  );
  // Never released by hand: the lock lasts exactly as long as this process.
  held.push(lock);
}

/**
 * Takes the same lock for a command that must not run beside the server (restore), refusing
 * with `refusal` while one serves. The caller releases it when done.
 */
export function holdDataDirLock(dataDir: string, refusal: string): { release(): void } {
  const lock = takeDataDirLock(dataDir, refusal);
  return { release: () => lock.close() };
}

function takeDataDirLock(dataDir: string, refusal: string): Database.Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = new Database(join(dataDir, 'serve.lock'), { timeout: 0 });
  try {
    // Nothing is ever written: no journal file is needed beside it.
    lock.pragma('journal_mode = MEMORY');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    lock.close();
    if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
    throw new UserError(refusal);
  }
  return lock;
}

// Keeps the connection reachable, so it is not collected (and the lock dropped) while serving.
const held: Database.Database[] = [];
