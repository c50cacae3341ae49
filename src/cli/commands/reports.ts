import type { Argv } from 'yargs';
import { wholeNumber } from '../arguments.js';
import { reportsCloseCommand, reportsListCommand, reportsShowCommand } from '../sysop-reports.js';
import { terminal } from '../output.js';
import { consoleDir, withDataDir, withJson } from './console-options.js';

/** `haven sysop reports …`: what members reported. */
export const reportsCommands = <T>(r: Argv<T>) =>
  r
    .command(
      'list',
      'Open reports, newest first',
      (a) => withJson(withDataDir(a)).option('all', { type: 'boolean', default: false, describe: 'Closed reports too' }),
      (argv) => {
        process.exitCode = reportsListCommand({ dataDir: consoleDir(argv), out: terminal, all: argv.all, json: argv.json });
      },
    )
    .command(
      'show <id>',
      'One report with its copy of what was reported',
      (a) => withJson(withDataDir(a)).positional('id', { type: 'string', demandOption: true, coerce: wholeNumber('The report number'), describe: 'The report number' }),
      (argv) => {
        process.exitCode = reportsShowCommand({ dataDir: consoleDir(argv), out: terminal, id: argv.id, json: argv.json });
      },
    )
    .command(
      'close <id>',
      'Mark a report handled',
      (a) => withDataDir(a).positional('id', { type: 'string', demandOption: true, coerce: wholeNumber('The report number'), describe: 'The report number' }),
      (argv) => {
        process.exitCode = reportsCloseCommand({ dataDir: consoleDir(argv), out: terminal, id: argv.id });
      },
    )
    .demandCommand(1, 'Say which: list, show or close');
