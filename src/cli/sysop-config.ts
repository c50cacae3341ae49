import { describeRange, type NumberSetting } from '../services/bbs-settings.js';
import { SETTING_DEFINITIONS } from '../services/setting-definitions.js';
import { existsSync } from 'node:fs';
import { defaultConfigPath, readConfigFile } from '../config-file.js';
import { UserError } from '../errors.js';
import { withServices } from './data-dir.js';
import { printJson, type Output } from './output.js';

export { SETTING_DEFINITIONS };

/** `haven sysop config list`: every setting, its value now, its default, its range and what it does. */
export function configListCommand(opts: { dataDir: string; out: Output; json?: boolean }): number {
  return withServices(opts, ({ settings }) => {
    if (opts.json) {
      printJson(opts.out, SETTING_DEFINITIONS.map((d) => ({ key: d.key, value: settings.numberOf(d), default: d.fallback, min: d.min, max: d.max, meaning: d.describe })));
      return 0;
    }
    const keyW = Math.max(...SETTING_DEFINITIONS.map((d) => d.key.length)) + 2;
    const range = (d: NumberSetting) => `${d.min}-${d.max}`;
    const rangeW = Math.max(...SETTING_DEFINITIONS.map((d) => range(d).length)) + 2;
    opts.out.out(`${'KEY'.padEnd(keyW)}${'VALUE'.padEnd(8)}${'DEFAULT'.padEnd(9)}${'RANGE'.padEnd(rangeW)}MEANING\n`);
    for (const d of SETTING_DEFINITIONS) {
      opts.out.out(`${d.key.padEnd(keyW)}${String(settings.numberOf(d)).padEnd(8)}${String(d.fallback).padEnd(9)}${range(d).padEnd(rangeW)}${d.describe}\n`);
    }
    return 0;
  });
}

/**
 * `haven sysop config set KEY VALUE`: stores a whole number within the setting's range, or
 * refuses it and changes nothing. A running server reads settings on each use, so the change
 * applies at once.
 */
export function configSetCommand(opts: { dataDir: string; out: Output; key: string; value: string }): number {
  return withServices(opts, ({ settings }) => {
    const def = SETTING_DEFINITIONS.find((d) => d.key === opts.key);
    if (!def) throw new UserError(`There is no setting "${opts.key}". Settings are: ${SETTING_DEFINITIONS.map((d) => d.key).join(', ')}`);
    const n = settings.setNumber(def, opts.value);
    opts.out.out(`${def.key} is now ${n} (default ${def.fallback}; ${describeRange(def)}).\n`);
    const file = defaultConfigPath(opts.dataDir);
    const fromFile = existsSync(file) ? readConfigFile(file).values.get(def.key) : undefined;
    if (fromFile !== undefined) {
      opts.out.err(`Note: ${file} sets ${def.key} = ${String(fromFile)}, which wins: the server applies it again at its next start or SIGHUP. Change it there to keep this value.\n`);
    }
    return 0;
  });
}
