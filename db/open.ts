import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../src/errors.js';
import { fileTimestamp, headerSchemaVersion, vacuumInto } from './files.js';

export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Lists the numbered migration files (NNN_name.sql) in order. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

/** The newest schema version the given migrations lead to. */
export function newestVersion(migrations = loadMigrations()): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

/** The words for a database this Haven is too old to open: said the same by start-up and restore. */
export function tooNewMessage(what: string, version: number, newest: number): string {
  return (
    `${what} was written by a newer Haven (schema version ${version}; this Haven knows up to ${newest}). ` +
    'Nothing was changed. Run the newer Haven on it, or restore a backup made by this version.'
  );
}

export interface MigrateOptions {
  /**
   * Where to copy a database that holds data before upgrading it (haven-before-vN-TIME.db,
   * owner-only). Without it (tests, :memory:) no copy is made.
   */
  backupDir?: string;
  now?: () => number;
}

/**
 * Applies every migration newer than the database's user_version, all in one transaction:
 * a migration that fails leaves the database as it was, at its old version. A database that
 * holds data is copied into `backupDir` first; a brand-new one (version 0) needs no copy.
 * Refuses, changing nothing, a database from a newer Haven.
 * Returns how many migrations ran.
 */
export function migrate(db: Db, migrations = loadMigrations(), opts: MigrateOptions = {}): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = newestVersion(migrations);
  if (current > newest) throw new UserError(tooNewMessage(`The database ${db.name}`, current, newest));
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return 0;
  const backup = current > 0 && opts.backupDir ? backupBeforeUpgrade(db, opts.backupDir, newest, opts.now ?? Date.now) : undefined;
  let running: Migration | undefined;
  let ran = 0;
  try {
    // Immediate: the write lock first, then the version again, so a server and a console
    // command opening the database at the same moment upgrade it once, not twice.
    db.transaction(() => {
      const now = db.pragma('user_version', { simple: true }) as number;
      for (const m of pending) {
        if (m.version <= now) continue;
        running = m;
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
        ran++;
      }
    }).immediate();
  } catch (err) {
    throw new UserError(
      `Upgrading the database from schema version ${current} to ${newest} failed in ${running?.name ?? 'a migration'}: ` +
        `${(err as Error).message}\nThe upgrade was rolled back: the database is still at version ${current}` +
        (backup ? `, and the copy taken before it is ${backup}.` : '.'),
    );
  }
  return ran;
}

/** Copies the database aside before its schema changes: haven-before-v13-2026-12-01T09-30-00Z.db. */
function backupBeforeUpgrade(db: Db, dir: string, target: number, now: () => number): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stem = join(dir, `haven-before-v${target}-${fileTimestamp(now())}`);
  let path = `${stem}.db`;
  for (let n = 2; existsSync(path); n++) path = `${stem}-${n}.db`;
  vacuumInto(db, path);
  return path;
}

/**
 * The schema version of an existing database file, looked at without changing anything: the
 * header when it can tell, else a read-only connection (its -wal is there already).
 */
export function peekSchemaVersion(path: string): number {
  const fromHeader = headerSchemaVersion(path);
  if (fromHeader !== undefined) return fromHeader;
  if (statSync(path).size === 0) return 0;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

/**
 * How long a connection waits for another process's write lock. better-sqlite3 waits
 * synchronously, so the server's event loop stands still for the whole wait: the server
 * waits a moment and retries on timers instead (src/services/database-busy.ts). A console
 * command is one sysop waiting for one answer, and may wait longer.
 */
export const LOCK_WAIT_MS = { server: 20, console: 5000 } as const;

export interface OpenOptions {
  readonly?: boolean;
  /** Milliseconds to wait for a lock another connection holds: LOCK_WAIT_MS.server or .console. */
  lockWaitMs: number;
  migrations?: Migration[];
  now?: () => number;
}

/**
 * Opens (creating if needed) and migrates the database, copying it into `backups/` beside it
 * before an upgrade. A database from a newer Haven is refused before SQLite opens it, so not
 * even a -wal file appears beside it.
 * synchronous=FULL: an acknowledged post or mail must survive a killed process and a power cut;
 * the cost is one fsync per commit, which a BBS's write rate easily affords.
 */
export function openDatabase(path: string, opts: OpenOptions): Db {
  const onDisk = path !== ':memory:';
  const migrations = opts.migrations ?? loadMigrations();
  if (onDisk && !opts.readonly && existsSync(path)) {
    const version = peekSchemaVersion(path);
    const newest = newestVersion(migrations);
    if (version > newest) throw new UserError(tooNewMessage(`The database ${path}`, version, newest));
  }
  // SQLite gives the -wal and -shm files the database file's mode: create it owner-only, and
  // they are too (an existing file's mode is checked by restrictDataFiles).
  if (onDisk && !opts.readonly) closeSync(openSync(path, 'a', 0o600));
  const db = new Database(path, { readonly: opts.readonly ?? false });
  try {
    if (onDisk) db.pragma('journal_mode = WAL');
    // Deleted content is overwritten with zeros, not left in free pages for anyone reading the file.
    db.pragma('secure_delete = ON');
    db.pragma('foreign_keys = ON');
    // Opening and upgrading may wait as a console command does; serving waits as asked.
    db.pragma(`busy_timeout = ${LOCK_WAIT_MS.console}`);
    db.pragma('synchronous = FULL');
    if (!opts.readonly) migrate(db, migrations, { backupDir: onDisk ? join(dirname(path), 'backups') : undefined, now: opts.now });
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.lockWaitMs))}`);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** The files SQLite keeps for the database at `path`. */
export function databaseFiles(path: string): string[] {
  return [path, `${path}-wal`, `${path}-shm`];
}

/**
 * Makes the data directory owner-only (0700) and the database's files owner-only (0600),
 * whatever they were made with. Returns what had to be changed, for the log.
 */
export function restrictDataFiles(dir: string, dbPath: string): string[] {
  const fixed: string[] = [];
  const restrict = (path: string, mode: number) => {
    if (!existsSync(path)) return;
    const current = statSync(path).mode & 0o777;
    if (current === mode) return;
    chmodSync(path, mode);
    fixed.push(`${path}: ${current.toString(8)} -> ${mode.toString(8)}`);
  };
  restrict(dir, 0o700);
  for (const file of databaseFiles(dbPath)) restrict(file, 0o600);
  return fixed;
}
