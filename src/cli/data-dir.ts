import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDataDir } from '../app.js';
import type { Db } from '../../db/open.js';
import { isUserError, UserError } from '../errors.js';
import { terminal } from './output.js';

/**
 * Opens the data directory of a BBS that already exists. Only `haven serve` and `--init` create
 * one: a console command run from the wrong directory would otherwise make a new, empty BBS
 * there, and a sysop added to it "succeeds" on a BBS nobody serves.
 */
export function openExistingDataDir(dataDir: string): Db {
  if (!existsSync(join(dataDir, 'haven.db'))) {
    throw new UserError(
      `There is no Haven data directory at ${dataDir} (no haven.db there); nothing was changed.\n` +
        'Point at the BBS\'s data directory with --data-dir DIR or HAVEN_DATA_DIR=DIR.\n' +
        '`haven serve` creates a new one, and so does adding --init to this command.',
    );
  }
  return openDataDir(dataDir).db;
}

/** `--init`: creates the data directory (database, default boards and texts) if it is not there yet. */
export function initDataDir(dataDir: string): void {
  openDataDir(dataDir).db.close();
}

/**
 * Runs one console command on the data directory's database and closes it afterwards. A
 * problem the sysop caused (UserError) is printed on stderr and the command exits 1.
 */
export function withDataDir(dataDir: string, work: (db: Db) => number): number {
  let db: Db | undefined;
  try {
    db = openExistingDataDir(dataDir);
    return work(db);
  } catch (err) {
    if (!isUserError(err)) throw err;
    terminal.err(`${err.message}\n`);
    return 1;
  } finally {
    db?.close();
  }
}
