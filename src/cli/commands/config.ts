import type { Argv } from 'yargs';
import { configListCommand, configSetCommand } from '../sysop-config.js';
import { terminal } from '../output.js';
import { consoleDir, withDataDir, withJson } from './console-options.js';

/** `haven sysop config …`: the limits the running server applies. */
export const configCommands = <T>(c: Argv<T>) =>
  c
    .command(
      'list',
      'Show every setting, its value, its default and the range it takes',
      (a) => withJson(withDataDir(a)),
      (argv) => {
        process.exitCode = configListCommand({ dataDir: consoleDir(argv), out: terminal, json: argv.json });
      },
    )
    .command(
      'set <key> <value>',
      'Change a setting (e.g. config set mail.daily_limit 30)',
      (a) =>
        withDataDir(a)
          .positional('key', { type: 'string', demandOption: true, describe: 'The setting, as config list shows it' })
          .positional('value', { type: 'string', demandOption: true, describe: 'A whole number in the range config list shows' }),
      (argv) => {
        process.exitCode = configSetCommand({ dataDir: consoleDir(argv), out: terminal, key: argv.key, value: argv.value });
      },
    )
    .demandCommand(1, 'Say which: list or set');
