import { closeSync, existsSync, fsyncSync, openSync, readSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';

/** Creates an empty file only its owner may read (it will hold members' data); fails if it exists. */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'wx', 0o600));
}

/** Forces a file's (or a directory's) contents to disk, so a rename after it cannot land first. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A UTC time that sorts and is safe in a file name: 2026-12-01T09-30-00Z. */
export function fileTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

/**
 * Copies the open database to a new file, owner-only, as one consistent snapshot (a read
 * transaction: writers carry on meanwhile), and forces it to disk. The copy is a plain
 * rollback-journal file that needs no -wal beside it.
 */
export function vacuumInto(db: Database.Database, dest: string): void {
  createPrivateFile(dest);
  db.prepare('VACUUM INTO ?').run(dest);
  fsyncPath(dest);
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * The schema version (PRAGMA user_version) of the database file at `path`, read from its
 * header without opening it in SQLite: opening even read-only creates -wal and -shm files
 * beside a WAL database, and a database this Haven refuses must be left exactly as it was.
 * Returns undefined when the header cannot tell: an empty file, or a -wal beside it whose
 * frames may hold a newer header.
 */
export function headerSchemaVersion(path: string): number | undefined {
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) return undefined;
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) return undefined;
  return header.readUInt32BE(60);
}
