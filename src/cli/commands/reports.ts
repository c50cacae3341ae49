import type { Argv } from 'yargs';
import { wholeNumber } from '../arguments.js';
import { reportsHandleCommand, reportsListCommand, reportsShowCommand } from '../sysop-reports.js';
import { terminal } from '../output.js';
import { consoleDir, withDataDir, withJson } from './console-options.js';

const reportId = <T>(a: Argv<T>) =>
  withDataDir(a).positional('id', { type: 'string', demandOption: true, coerce: wholeNumber('The report number'), describe: 'The report number' });
const withNote = <T>(a: Argv<T>) =>
  reportId(a).option('note', { type: 'string', describe: 'Why, for the audit log' });

/** `haven sysop reports …`: what members reported. */
export const reportsCommands = <T>(r: Argv<T>) =>
  r
    .command(
      'list',
      'Open reports, newest first',
      (a) =>
        withDataDir(a)
          .option('all', { type: 'boolean', default: false, describe: 'Closed reports too' })
          .option('json', { type: 'boolean', default: false, describe: 'As JSON, for scripts' }),
      (argv) => {
        process.exitCode = reportsListCommand({ dataDir: consoleDir(argv), out: terminal, all: argv.all, json: argv.json });
      },
    )
    .command(
      'show <id>',
      'One report with its copy of what was reported',
      (a) => reportId(a).option('json', { type: 'boolean', default: false, describe: 'As JSON, for scripts' }),
      (argv) => {
        process.exitCode = reportsShowCommand({ dataDir: consoleDir(argv), out: terminal, id: argv.id, json: argv.json });
      },
    )
    .command(
      'act <id>',
      'Mark the reports of that item acted on (all of them, one audit entry)',
      withNote,
      (argv) => {
        process.exitCode = reportsHandleCommand({ dataDir: consoleDir(argv), out: terminal, id: argv.id, outcome: 'acted', note: argv.note });
      },
    )
    .command(
      'dismiss <id>',
      'Dismiss the reports of that item: nothing to act on (one audit entry)',
      withNote,
      (argv) => {
        process.exitCode = reportsHandleCommand({ dataDir: consoleDir(argv), out: terminal, id: argv.id, outcome: 'dismissed', note: argv.note });
      },
    )
    .command(
      'close <id>',
      'The same as act (its old name)',
      withNote,
      (argv) => {
        process.exitCode = reportsHandleCommand({ dataDir: consoleDir(argv), out: terminal, id: argv.id, outcome: 'acted', note: argv.note });
      },
    )
    .demandCommand(1, 'Say which: list, show, act, dismiss or close');
