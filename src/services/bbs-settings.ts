import type { Db } from '../../db/open.js';

/**
 * Sysop-configurable values kept in the settings table, so the CLI can change them while
 * the server runs. Reads go to SQLite each time: they are a primary-key lookup, and a value
 * changed by another process is then seen at once.
 */
export class BbsSettings {
  private readonly getOne;
  private readonly setOne;

  constructor(db: Db) {
    this.getOne = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.setOne = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  /** The number stored under `key`, or `fallback` when unset or not a number. */
  number(key: string, fallback: number): number {
    const row = this.getOne.get(key);
    const n = row ? Number(row.value) : NaN;
    return Number.isFinite(n) ? n : fallback;
  }

  string(key: string, fallback: string): string {
    return this.getOne.get(key)?.value ?? fallback;
  }

  set(key: string, value: string | number): void {
    this.setOne.run(key, String(value));
  }
}
