import { BbsSettings } from '../services/bbs-settings.js';
import { CHAT_SETTINGS } from '../services/chat.js';
import { MAIL_SETTINGS } from '../services/mail.js';
import { withDataDir } from './data-dir.js';

/** A value the sysop may set with `haven sysop config set`. */
export interface SettingDefinition {
  key: string;
  fallback: number;
  describe: string;
}

/** Every sysop-configurable number; a feature adds its own here. */
export const SETTING_DEFINITIONS: SettingDefinition[] = [...Object.values(MAIL_SETTINGS), ...Object.values(CHAT_SETTINGS)];

const out = (s: string) => process.stdout.write(s);
const err = (s: string) => process.stderr.write(s);

/** `haven sysop config list`: every setting, its value now, its default and what it does. */
export function configListCommand(opts: { dataDir: string }): number {
  return withDataDir(opts.dataDir, (db) => {
    const settings = new BbsSettings(db);
    const keyW = Math.max(...SETTING_DEFINITIONS.map((d) => d.key.length)) + 2;
    out(`${'KEY'.padEnd(keyW)}${'VALUE'.padEnd(8)}${'DEFAULT'.padEnd(9)}MEANING\n`);
    for (const d of SETTING_DEFINITIONS) {
      out(`${d.key.padEnd(keyW)}${String(settings.number(d.key, d.fallback)).padEnd(8)}${String(d.fallback).padEnd(9)}${d.describe}\n`);
    }
    return 0;
  });
}

/**
 * `haven sysop config set KEY VALUE`: stores a whole number of 0 or more. A running server
 * reads settings on each use, so the change applies at once.
 */
export function configSetCommand(opts: { dataDir: string; key: string; value: string }): number {
  const def = SETTING_DEFINITIONS.find((d) => d.key === opts.key);
  if (!def) {
    err(`There is no setting "${opts.key}". Settings are: ${SETTING_DEFINITIONS.map((d) => d.key).join(', ')}\n`);
    return 1;
  }
  const n = Number(opts.value);
  if (!/^\d+$/.test(opts.value.trim()) || !Number.isSafeInteger(n)) {
    err(`${opts.key} takes a whole number of 0 or more, not "${opts.value}".\n`);
    return 1;
  }
  return withDataDir(opts.dataDir, (db) => {
    new BbsSettings(db).set(def.key, n);
    out(`${def.key} is now ${n} (default ${def.fallback}).\n`);
    return 0;
  });
}
