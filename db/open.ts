import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Applies every migration newer than the database's user_version, each in its own transaction. */
export function migrate(db: Db, migrations = loadMigrations()): number {
  let applied = 0;
  for (const m of migrations) {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied++;
  }
  return applied;
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
}

/**
 * Opens (creating if needed) and migrates the database.
 * synchronous=FULL: an acknowledged post or mail must survive a killed process and a power cut;
 * the cost is one fsync per commit, which a BBS's write rate easily affords.
 */
export function openDatabase(path: string, opts: OpenOptions): Db {
  // SQLite gives the -wal and -shm files the database file's mode: create it owner-only, and
  // they are too (an existing file's mode is checked by restrictDataFiles).
  if (path !== ':memory:' && !opts.readonly) closeSync(openSync(path, 'a', 0o600));
  const db = new Database(path, { readonly: opts.readonly ?? false });
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  // Deleted content is overwritten with zeros, not left in free pages for anyone reading the file.
  db.pragma('secure_delete = ON');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.lockWaitMs))}`);
  db.pragma('synchronous = FULL');
  if (!opts.readonly) migrate(db);
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
