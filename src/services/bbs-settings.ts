import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';

/**
 * A number the sysop may set, with the range the BBS works within. Each feature declares its
 * own next to the code that reads it; the console and any settings screen check values against
 * the same range, so a value is refused where it is typed instead of being quietly replaced.
 */
export interface NumberSetting {
  key: string;
  fallback: number;
  min: number;
  max: number;
  describe: string;
}

/** The range of a setting as the sysop reads it: "a whole number from 20 to 2000". */
export function describeRange(def: NumberSetting): string {
  return `a whole number from ${def.min} to ${def.max}`;
}

/** Reads a value typed for `def`: a whole number within its range, or a UserError that names the range. */
export function parseSettingValue(def: NumberSetting, typed: string): number {
  const text = typed.trim();
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n) || n < def.min || n > def.max) {
    throw new UserError(`${def.key} takes ${describeRange(def)}, not "${typed}". Nothing was changed.`);
  }
  return n;
}

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

  /** The value of `def`, kept within its range (a value stored before the range existed, or by hand, cannot break the BBS). */
  numberOf(def: NumberSetting): number {
    return Math.min(def.max, Math.max(def.min, this.number(def.key, def.fallback)));
  }

  /** Stores a value typed for `def` after checking it; nothing changes when it is refused. */
  setNumber(def: NumberSetting, typed: string): number {
    const n = parseSettingValue(def, typed);
    this.set(def.key, n);
    return n;
  }

  set(key: string, value: string | number): void {
    this.setOne.run(key, String(value));
  }
}
