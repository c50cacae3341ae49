import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { bulletinAddCommand, bulletinListCommand, bulletinRemoveCommand } from '../sysop-bulletins.js';
import { terminal } from '../output.js';
import { consoleDir, withDataDir } from './console-options.js';

/** Standard input when something was piped in; never waits on a terminal. */
function pipedInput(): string {
  return process.stdin.isTTY ? '' : readFileSync(0, 'utf8');
}

/** `haven sysop bulletin …`: short notices members see once after log-in, then in a list. */
export const bulletinCommands = <T>(b: Argv<T>) =>
  b
    .command(
      'add',
      'Add a bulletin: members see it once after log-in, then in Bulletins (the text from --text, --file or standard input)',
      (a) =>
        withDataDir(a)
          .option('title', { type: 'string', demandOption: true, describe: 'One line, up to 60 characters' })
          .option('text', { type: 'string', describe: 'The text (up to 2,000 characters)' })
          .option('file', { type: 'string', describe: 'Read the text from this file' }),
      (argv) => {
        process.exitCode = bulletinAddCommand({ dataDir: consoleDir(argv), out: terminal, title: argv.title, text: argv.text, file: argv.file, stdin: pipedInput });
      },
    )
    .command(
      'list',
      'List the bulletins, newest first',
      (a) => withDataDir(a).option('json', { type: 'boolean', default: false, describe: 'Print JSON for scripts' }),
      (argv) => {
        process.exitCode = bulletinListCommand({ dataDir: consoleDir(argv), out: terminal, json: argv.json });
      },
    )
    .command(
      'remove <id>',
      'Remove a bulletin, by its number in `bulletin list`',
      (a) => withDataDir(a).positional('id', { type: 'string', demandOption: true, describe: 'The number' }),
      (argv) => {
        process.exitCode = bulletinRemoveCommand({ dataDir: consoleDir(argv), out: terminal, id: argv.id });
      },
    )
    .demandCommand(1, 'Say which: add, list or remove');
