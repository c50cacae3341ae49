import { existsSync, mkdirSync } from 'node:fs';
import { DEFAULTS, type ServeConfig } from '../config.js';
import { DATABASE_KEYS, SERVE_KEYS, parseConfigValue, type ConfigValue } from '../config-keys.js';
import { defaultConfigPath, describeProblems, readConfigFile, writeConfigTemplate } from '../config-file.js';
import { UserError } from '../errors.js';

/** What `haven serve` was given on its command line or in HAVEN_* (yargs has already put flags before variables). */
export type GivenOptions = Record<string, unknown>;

/** Checks the options given as flags or variables against the same definitions the file uses. */
export function checkGiven(given: GivenOptions): Map<string, ConfigValue> {
  const values = new Map<string, ConfigValue>();
  for (const def of SERVE_KEYS) {
    const v = given[def.key];
    if (v === undefined) continue;
    try {
      values.set(def.key, parseConfigValue(def, String(v)));
    } catch (err) {
      throw new UserError(`--${(err as Error).message}.`);
    }
  }
  return values;
}

export interface ResolvedSettings {
  config: ServeConfig;
  /** The database settings the file sets, applied at start and on SIGHUP. */
  database: Map<string, ConfigValue>;
  /** The file's values, for telling what a SIGHUP changed. */
  file: Map<string, ConfigValue>;
  /** The file is the old JSON format. */
  json: boolean;
}

/**
 * Reads the config file and merges: flag, then HAVEN_* (both in `given`), then the file, then
 * the default. A file with any problem is refused whole with every problem named.
 */
export function loadSettings(given: Map<string, ConfigValue>, path: string): ResolvedSettings {
  const read = readConfigFile(path);
  if (read.problems.length > 0) throw new UserError(`The config file has mistakes; nothing was started or changed:\n${describeProblems(path, read.problems)}\nRun \`haven config check ${path}\` after fixing it.`);
  const config = { ...DEFAULTS } as ServeConfig;
  const record = config as unknown as Record<string, ConfigValue | undefined>;
  for (const def of SERVE_KEYS) {
    const value = given.get(def.key) ?? read.values.get(def.key) ?? def.fallback;
    record[def.field!] = value;
  }
  const database = new Map<string, ConfigValue>();
  for (const def of DATABASE_KEYS) {
    const v = read.values.get(def.key);
    if (v !== undefined) database.set(def.key, v);
  }
  return { config, database, file: read.values, json: read.json };
}

/**
 * Where the config file is: --config (or HAVEN_CONFIG), else haven.conf in the data directory,
 * written there with every setting commented out when it is not there yet.
 */
export function configPathFor(given: Map<string, ConfigValue>, configPath: string | undefined, resolveDir: (d: string) => string): { path: string; written: boolean } {
  if (configPath !== undefined) {
    if (!existsSync(configPath)) throw new UserError(`There is no config file at ${configPath}. \`haven config init ${configPath}\` writes one with every setting.`);
    return { path: configPath, written: false };
  }
  const dir = resolveDir(String(given.get('data-dir') ?? DEFAULTS.dataDir));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = defaultConfigPath(dir);
  return { path, written: writeConfigTemplate(path) };
}
