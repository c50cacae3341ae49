import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, newestVersion, openDatabase, LOCK_WAIT_MS } from '../../../db/open.js';

const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'haven-v12.db');

let dir: string;
let dbPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'haven-upgrade-'));
  dbPath = join(dir, 'haven.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The real migrations plus `extra` (file name to SQL), loaded from a directory of their own. */
function migrationsWith(extra: Record<string, string>) {
  const migrations = join(dir, 'migrations');
  mkdirSync(migrations);
  for (const m of loadMigrations()) writeFileSync(join(migrations, m.name), m.sql);
  for (const [name, sql] of Object.entries(extra)) writeFileSync(join(migrations, name), sql);
  return loadMigrations(migrations);
}

const backups = () => (existsSync(join(dir, 'backups')) ? readdirSync(join(dir, 'backups')) : []);

/** What the fixture holds, read through a plain connection: names, post bodies and mail subjects. */
function contents(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      members: db.prepare('SELECT name FROM members ORDER BY id').pluck().all(),
      posts: db.prepare('SELECT body FROM posts ORDER BY id').pluck().all(),
      mail: db.prepare('SELECT subject FROM mail ORDER BY id').pluck().all(),
      boards: db.prepare('SELECT slug FROM boards ORDER BY id').pluck().all(),
    };
  } finally {
    db.close();
  }
}

describe('opening a database from an older version', () => {
  it('migrates it forward with its data intact, after copying it into backups/', () => {
    copyFileSync(FIXTURE, dbPath);
    const before = contents(FIXTURE);
    expect(before.version).toBe(12);
    expect(before.members).toEqual(['Mira', 'Ada', 'Ben']);
    const migrations = migrationsWith({ '999_probe.sql': 'CREATE TABLE upgrade_probe (id INTEGER PRIMARY KEY);' });

    openDatabase(dbPath, { lockWaitMs: LOCK_WAIT_MS.console, migrations, now: () => Date.UTC(2026, 11, 1, 9, 30) }).close();

    const after = contents(dbPath);
    expect(after.version).toBe(999);
    expect({ ...after, version: 12 }).toEqual(before);
    expect(backups()).toEqual(['haven-before-v999-2026-12-01T09-30-00Z.db']);
    const backup = join(dir, 'backups', backups()[0]!);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(contents(backup)).toEqual(before);
  });

  it('makes no copy of a brand-new database', () => {
    openDatabase(dbPath, { lockWaitMs: LOCK_WAIT_MS.console }).close();
    expect(backups()).toEqual([]);
  });

  it('rolls a failed migration back, leaving the database as it was and the copy beside it', () => {
    copyFileSync(FIXTURE, dbPath);
    const before = contents(FIXTURE);
    const migrations = migrationsWith({
      '998_good.sql': 'CREATE TABLE fine_so_far (id INTEGER PRIMARY KEY);',
      '999_broken.sql': 'ALTER TABLE posts ADD COLUMN fine INTEGER;\nTHIS IS NOT SQL;',
    });

    expect(() => openDatabase(dbPath, { lockWaitMs: LOCK_WAIT_MS.console, migrations })).toThrow(/999_broken\.sql.*\n.*rolled back.*still at version 12.*backups/s);

    const after = contents(dbPath);
    expect(after).toEqual(before);
    const db = new Database(dbPath, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE name = 'fine_so_far'").all();
    const columns = db.prepare("SELECT name FROM pragma_table_info('posts') WHERE name = 'fine'").all();
    db.close();
    expect(tables).toEqual([]);
    expect(columns).toEqual([]);
    expect(backups()).toHaveLength(1);
    expect(contents(join(dir, 'backups', backups()[0]!))).toEqual(before);
  });
});

describe('opening a database from a newer version', () => {
  it('refuses it with a clear message and never touches it', () => {
    copyFileSync(FIXTURE, dbPath);
    const newest = newestVersion();
    const setup = new Database(dbPath);
    // As a backup or a copy is: a rollback-journal file, which opening it as Haven does would switch to WAL.
    setup.pragma('journal_mode = DELETE');
    setup.pragma(`user_version = ${newest + 5}`);
    setup.close();
    const bytes = readFileSync(dbPath);
    const mtime = statSync(dbPath).mtimeMs;
    const files = readdirSync(dir);

    expect(() => openDatabase(dbPath, { lockWaitMs: LOCK_WAIT_MS.console })).toThrow(
      `The database ${dbPath} was written by a newer Haven (schema version ${newest + 5}; this Haven knows up to ${newest}). Nothing was changed.`,
    );

    expect(readFileSync(dbPath).equals(bytes)).toBe(true);
    expect(statSync(dbPath).mtimeMs).toBe(mtime);
    expect(readdirSync(dir)).toEqual(files);
  });
});
