import { openDataDir } from '../app.js';
import type { Db } from '../../db/open.js';
import { isUserError } from '../errors.js';

/**
 * Runs one console command on the data directory's database and closes it afterwards. A
 * problem the sysop caused (UserError) is printed on stderr and the command exits 1.
 */
export function withDataDir(dataDir: string, work: (db: Db) => number): number {
  const { db } = openDataDir(dataDir);
  try {
    return work(db);
  } catch (err) {
    if (!isUserError(err)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  } finally {
    db.close();
  }
}
