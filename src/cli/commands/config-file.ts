import type { Argv } from 'yargs';
import { configCheckCommand, configFileOf, configInitCommand } from '../config-file.js';
import { terminal } from '../output.js';
import { DATA_DIR_HELP } from './console-options.js';

const withPath = <T>(a: Argv<T>) =>
  a
    .positional('path', { type: 'string', describe: 'The file (default: haven.conf in the data directory)' })
    .option('data-dir', { type: 'string', describe: DATA_DIR_HELP });

/** `haven config init|check`: the server's config file. */
export const configFileCommands = <T>(c: Argv<T>) =>
  c
    .command('init [path]', 'Write the config file with every setting, commented out at its default (never overwrites)', withPath, (argv) => {
      process.exitCode = configInitCommand({ path: configFileOf(argv.path, argv['data-dir']), out: terminal });
    })
    .command('check [path]', 'Check the config file: every unknown key, bad value or malformed line, with its line number', withPath, (argv) => {
      process.exitCode = configCheckCommand({ path: configFileOf(argv.path, argv['data-dir']), out: terminal });
    })
    .demandCommand(1, 'Say which: init or check');
