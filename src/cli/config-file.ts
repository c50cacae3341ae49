import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { consoleDataDir } from '../config.js';
import { defaultConfigPath, describeProblems, readConfigFile, writeConfigTemplate } from '../config-file.js';
import type { Output } from './output.js';

/** The file a config command means: the one named, else haven.conf in the data directory. */
export function configFileOf(path: string | undefined, dataDir: string | undefined): string {
  return path !== undefined ? resolve(path) : defaultConfigPath(consoleDataDir(dataDir));
}

/** `haven config init [PATH]`: writes the commented file with every setting; never overwrites one. */
export function configInitCommand(opts: { path: string; out: Output }): number {
  if (!writeConfigTemplate(opts.path)) {
    opts.out.err(`${opts.path} is already there; nothing was written. \`haven config check ${opts.path}\` checks it.\n`);
    return 1;
  }
  opts.out.out(`Wrote ${opts.path}: every setting, commented out at its default.\n`);
  return 0;
}

/** `haven config check [PATH]`: every problem, one a line with its line number; exit 0 when there is none. */
export function configCheckCommand(opts: { path: string; out: Output }): number {
  if (!existsSync(opts.path)) {
    opts.out.err(`There is no config file at ${opts.path}. \`haven config init ${opts.path}\` writes one.\n`);
    return 1;
  }
  const { values, problems } = readConfigFile(opts.path);
  if (problems.length > 0) {
    opts.out.err(`${describeProblems(opts.path, problems)}\n${problems.length === 1 ? '1 problem' : `${problems.length} problems`}; the server would refuse this file.\n`);
    return 1;
  }
  opts.out.out(`${opts.path} is good: ${values.size === 1 ? '1 setting' : `${values.size} settings`} set, the rest at their defaults.\n`);
  return 0;
}
