import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { createPrivateFile, fileTimestamp, fsyncPath } from '../../db/files.js';
import { databaseFiles, newestVersion, tooNewMessage } from '../../db/open.js';
import { isUserError, UserError } from '../errors.js';
import type { Output } from './output.js';
import { holdDataDirLock } from './serve-lock.js';

/** What a progress bar is drawn on: a terminal's stderr, or nothing (a pipe, a timer, a test). */
export interface ProgressLine {
  draw(text: string): void;
  done(): void;
}

/** `\r`-redrawn progress on stderr when it is a terminal; nothing otherwise. */
export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): ProgressLine | undefined {
  if (!stream.isTTY) return undefined;
  return {
    draw: (text) => void stream.write(`\r${text}`),
    done: () => void stream.write('\n'),
  };
}

function progressBar(done: number, total: number, width = 30): string {
  const share = total === 0 ? 1 : done / total;
  const filled = Math.round(share * width);
  return `Backing up [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(share * 100)}%`;
}

const BACKUP_NAME = /^haven-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(-\d+)?\.db$/;

function databasePath(dataDir: string): string {
  const path = join(dataDir, 'haven.db');
  if (!existsSync(path)) {
    throw new UserError(
      `There is no Haven data directory at ${dataDir} (no haven.db there); nothing was done.\n` +
        'Point at the BBS\'s data directory with --data-dir DIR or HAVEN_DATA_DIR=DIR.',
    );
  }
  return path;
}

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Makes `path` a self-contained rollback-journal database (no -wal needed beside it), checks
 * it page by page and returns its schema version; throws what is wrong with it otherwise.
 */
function checkDatabaseFile(path: string): number {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma('journal_mode = DELETE');
    const problems = db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
    const said = problems.map((p) => p.integrity_check);
    if (said.length !== 1 || said[0] !== 'ok') throw new Error(`the integrity check found: ${said.slice(0, 3).join('; ')}`);
    const hasMembers = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'members'").get();
    if (!hasMembers) throw new Error('it is an SQLite database, but not a Haven one (no members table)');
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db?.close();
    for (const f of databaseFiles(path).slice(1)) rmSync(f, { force: true });
  }
}

export interface BackupOptions {
  dataDir: string;
  /** A new file, or a directory to make haven-TIME.db in. */
  target: string;
  /** With a directory: keep this many haven-TIME.db files in it, removing the oldest. */
  keep?: number;
  out: Output;
  progress?: ProgressLine;
  now?: () => number;
}

/**
 * `haven backup FILE`: a consistent copy of the database while the server runs. SQLite's
 * backup API copies it page by page, letting the server write between steps; a write by the
 * server restarts the copy, and a restarted copy is finished in one step (one read
 * transaction, which does not stop the server writing), so a busy BBS cannot keep it going
 * for ever. The copy is written owner-only beside its final name, checked, forced to disk
 * and renamed, so FILE is either a whole, checked backup or not there.
 */
export async function backupCommand(opts: BackupOptions): Promise<number> {
  try {
    const source = databasePath(opts.dataDir);
    const now = opts.now ?? Date.now;
    const intoDir = existsSync(opts.target) && statSync(opts.target).isDirectory();
    if (opts.keep !== undefined && !intoDir) throw new UserError(`--keep needs a directory to keep backups in; ${opts.target} is not one.`);
    const dest = intoDir ? freeName(join(opts.target, `haven-${fileTimestamp(now())}`)) : opts.target;
    if (existsSync(dest)) throw new UserError(`${dest} already exists; nothing was written. Name a new file, or a directory.`);
    if (!existsSync(dirname(dest))) throw new UserError(`There is no directory ${dirname(dest)} to write ${basename(dest)} in.`);

    const started = Date.now();
    const partial = `${dest}.partial-${process.pid}`;
    createPrivateFile(partial);
    let pages = 0;
    try {
      const db = new Database(source, { fileMustExist: true });
      try {
        db.pragma('busy_timeout = 5000');
        let lastRemaining = Infinity;
        const result = await db.backup(partial, {
          progress: ({ totalPages, remainingPages }) => {
            opts.progress?.draw(progressBar(totalPages - remainingPages, totalPages));
            const restarted = remainingPages > lastRemaining;
            lastRemaining = remainingPages;
            // About a hundred steps make the bar move; after a restart, the rest in one step.
            return restarted ? totalPages : Math.max(100, Math.ceil(totalPages / 100));
          },
        });
        pages = result.totalPages;
        opts.progress?.draw(progressBar(pages, pages));
        opts.progress?.done();
      } finally {
        db.close();
      }
      checkDatabaseFile(partial);
      fsyncPath(partial);
      renameSync(partial, dest);
      fsyncPath(dirname(dest));
    } finally {
      for (const f of databaseFiles(partial)) rmSync(f, { force: true });
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    opts.out.out(`Backed up ${source} to ${dest} (${sizeText(statSync(dest).size)}, ${pages} pages, integrity checked) in ${seconds} s.\n`);
    if (intoDir && opts.keep !== undefined) {
      const removed = pruneBackups(opts.target, opts.keep);
      if (removed.length > 0) opts.out.out(`Removed the oldest backups, keeping ${opts.keep}: ${removed.join(', ')}\n`);
    }
    return 0;
  } catch (err) {
    if (!isUserError(err)) throw err;
    opts.out.err(`${err.message}\n`);
    return 1;
  }
}

function freeName(stem: string): string {
  let path = `${stem}.db`;
  for (let n = 2; existsSync(path); n++) path = `${stem}-${n}.db`;
  return path;
}

/** Removes the oldest haven-TIME.db files in `dir` beyond `keep`; returns their names. */
function pruneBackups(dir: string, keep: number): string[] {
  const names = readdirSync(dir).filter((f) => BACKUP_NAME.test(f)).sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const name of old) rmSync(join(dir, name));
  return old;
}

export interface RestoreOptions {
  dataDir: string;
  file: string;
  out: Output;
  now?: () => number;
}

/**
 * `haven restore FILE`, with the server stopped: checks FILE (a whole Haven database, no newer
 * than this Haven), keeps the database it replaces in backups/, and swaps it in atomically
 * (copied into the data directory, forced to disk, renamed over haven.db). An older backup
 * is upgraded the next time Haven opens it.
 */
export function restoreCommand(opts: RestoreOptions): number {
  let lock: { release(): void } | undefined;
  try {
    if (!existsSync(opts.file) || !statSync(opts.file).isFile()) throw new UserError(`There is no backup file ${opts.file}; nothing was changed.`);
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    lock = holdDataDirLock(
      opts.dataDir,
      `Haven is serving the data directory ${opts.dataDir}: stop it first (e.g. \`systemctl stop haven\`), then restore. Nothing was changed.`,
    );
    const dbPath = join(opts.dataDir, 'haven.db');
    const incoming = join(opts.dataDir, `haven.db.restoring-${process.pid}`);
    try {
      createPrivateFile(incoming);
      copyFileSync(opts.file, incoming);
      chmodSync(incoming, 0o600);
      let version: number;
      try {
        version = checkDatabaseFile(incoming);
      } catch (err) {
        throw new UserError(`${opts.file} is not a usable Haven backup (${(err as Error).message}). Nothing was changed.`);
      }
      const newest = newestVersion();
      if (version > newest) throw new UserError(tooNewMessage(opts.file, version, newest));
      fsyncPath(incoming);
      const keptAside = existsSync(dbPath) ? keepAside(dbPath, opts.dataDir, (opts.now ?? Date.now)()) : undefined;
      // A -wal left beside haven.db belongs to the old database: SQLite would replay it into the new one.
      for (const f of databaseFiles(dbPath).slice(1)) rmSync(f, { force: true });
      renameSync(incoming, dbPath);
      fsyncPath(opts.dataDir);
      opts.out.out(
        `Restored ${opts.file} (schema version ${version}) into ${dbPath}.\n` +
          (keptAside ? `The database it replaced is kept at ${keptAside}.\n` : '') +
          (version < newest ? `It will be upgraded to version ${newest} when Haven next starts.\n` : ''),
      );
      return 0;
    } finally {
      for (const f of databaseFiles(incoming)) rmSync(f, { force: true });
    }
  } catch (err) {
    if (!isUserError(err)) throw err;
    opts.out.err(`${err.message}\n`);
    return 1;
  } finally {
    lock?.release();
  }
}

/**
 * Puts the current database in backups/haven-replaced-TIME.db before it is replaced: first
 * folded together with its -wal (a server killed mid-write leaves committed posts there),
 * then linked (or copied) aside, so haven.db itself is only ever replaced by a rename.
 */
function keepAside(dbPath: string, dataDir: string, now: number): string {
  try {
    const db = new Database(dbPath, { fileMustExist: true });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  } catch {
    // A damaged database is kept as it is, with its -wal beside it: restoring over it is the point.
  }
  const dir = join(dataDir, 'backups');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const aside = freeName(join(dir, `haven-replaced-${fileTimestamp(now)}`));
  try {
    linkSync(dbPath, aside);
  } catch {
    copyFileSync(dbPath, aside);
    chmodSync(aside, 0o600);
  }
  const wal = `${dbPath}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    copyFileSync(wal, `${aside}-wal`);
    chmodSync(`${aside}-wal`, 0o600);
  }
  fsyncPath(dir);
  return aside;
}
