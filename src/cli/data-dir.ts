import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildServices, openDataDir } from '../app.js';
import { isUserError, UserError } from '../errors.js';
import { createLogger, type Logger } from '../log.js';
import { watchExternalChanges } from '../services/db-watch.js';
import type { Services } from '../services/index.js';
import { figuresFromStatus, readConnectionStatus } from '../server/connection-status.js';
import type { Output } from './output.js';

/**
 * The services over the data directory of a BBS that already exists, built by the same
 * composition root the server uses. Only `haven serve` and `--init` create a data directory:
 * a console command run from the wrong directory would otherwise make a new, empty BBS there,
 * and a sysop added to it "succeeds" on a BBS nobody serves.
 *
 * Announcements on the hub go nowhere: the running server is a separate process and notices
 * the change in the database (src/services/db-watch.ts).
 */
export function openExistingServices(dataDir: string, log: Logger = createLogger('warn')): {
  services: Services;
  close(): void;
  /** Calls `onChange` within two seconds of a commit by another process (the running server). */
  watch(onChange: () => void): () => void;
} {
  if (!existsSync(join(dataDir, 'haven.db'))) {
    throw new UserError(
      `There is no Haven data directory at ${dataDir} (no haven.db there); nothing was changed.\n` +
        'Point at the BBS\'s data directory with --data-dir DIR or HAVEN_DATA_DIR=DIR.\n' +
        '`haven serve` creates a new one, and so does adding --init to this command.',
    );
  }
  // Only warnings reach the sysop's terminal: what a command did, it prints itself.
  const { db, texts } = openDataDir(dataDir, log);
  return {
    services: buildServices(db, texts, { log, serverFigures: () => figuresFromStatus(readConnectionStatus(dataDir)) }),
    close: () => db.close(),
    watch: (onChange) => watchExternalChanges(db, onChange),
  };
}

/** `--init`: creates the data directory (database, default boards and texts) if it is not there yet. */
export function initDataDir(dataDir: string): void {
  openDataDir(dataDir).db.close();
}

/**
 * Runs one console command on the data directory's services and closes the database
 * afterwards. A problem the sysop caused (UserError) is printed as a refusal and the command exits 1.
 */
export function withServices(opts: { dataDir: string; out: Output }, work: (services: Services) => number): number {
  let close: (() => void) | undefined;
  try {
    const opened = openExistingServices(opts.dataDir);
    close = opened.close;
    return work(opened.services);
  } catch (err) {
    if (!isUserError(err)) throw err;
    opts.out.err(`${err.message}\n`);
    return 1;
  } finally {
    close?.();
  }
}
