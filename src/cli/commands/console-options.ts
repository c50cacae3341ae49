import type { Argv } from 'yargs';
import { consoleDataDir, dataDirFromConfigFile, DEFAULTS } from '../../config.js';
import { initDataDir } from '../data-dir.js';

export const DATA_DIR_HELP = 'Directory holding haven.db, the host key and the editable texts';

// A console command works on an existing BBS: it never creates one unless told to with --init.
export const withDataDir = <T>(y: Argv<T>) =>
  y
    .option('data-dir', { type: 'string', defaultDescription: `$HAVEN_DATA_DIR, else ${DEFAULTS.dataDir}`, describe: DATA_DIR_HELP })
    .option('init', { type: 'boolean', default: false, describe: 'Create the data directory if there is none yet (`haven serve` does this by itself)' })
    // The server's config file may serve the console too: its data-dir applies, its other options are the server's.
    .config('config', 'Path to the server\'s config file: its data-dir is used', (path: string) => dataDirFromConfigFile(path));

/** The data directory a console command works on, created first when --init says so. */
export function consoleDir(argv: { 'data-dir'?: string; init?: boolean }): string {
  const dir = consoleDataDir(argv['data-dir']);
  if (argv.init) initDataDir(dir);
  return dir;
}

/** `--json`: the command prints one JSON document instead of a table (see printJson). */
export const withJson = <T>(y: Argv<T>) =>
  y.option('json', { type: 'boolean', default: false, describe: 'Print JSON for scripts instead of a table' });
