import type { Argv, Options } from 'yargs';
import { resolveDataDir } from '../../config.js';
import { SERVE_KEYS, type ConfigKey } from '../../config-keys.js';
import { terminal } from '../output.js';
import { serveCommand } from '../serve.js';

function yargsOption(def: ConfigKey): Options {
  const shown = def.fallback !== undefined ? String(def.fallback) : def.fallbackText;
  const base: Options = { describe: def.describe, ...(shown !== undefined && { defaultDescription: shown }) };
  switch (def.kind) {
    case 'integer':
    case 'number': return { ...base, type: 'number' };
    case 'boolean': return { ...base, type: 'boolean' };
    case 'choice': return { ...base, choices: def.choices as string[] };
    case 'string': return { ...base, type: 'string' };
  }
}

/**
 * `haven serve`'s options, one per entry of SERVE_KEYS. None has a yargs default: an option
 * not given on the command line or in HAVEN_* comes from the config file, then the default.
 */
export const serveOptions = <T>(y: Argv<T>) => {
  // Only the server reads HAVEN_* variables for every option: set for it, HAVEN_PORT and
  // HAVEN_HOST would otherwise be unknown options to every console command.
  let out = y.env('HAVEN').option('config', {
    type: 'string',
    describe: 'The config file (default: haven.conf in the data directory, written with every setting on first start)',
  });
  for (const def of SERVE_KEYS) out = out.option(def.key, yargsOption(def));
  return out;
};

type ServeArgs = Record<string, unknown> & { config?: string };

/** Runs the BBS with the options given. */
export async function runServe(argv: ServeArgs): Promise<void> {
  const given: Record<string, unknown> = {};
  for (const def of SERVE_KEYS) if (argv[def.key] !== undefined) given[def.key] = argv[def.key];
  await serveCommand({ given, configPath: argv.config, resolveDataDir }, terminal);
}
