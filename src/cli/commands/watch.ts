import type { Argv } from 'yargs';
import { watchAddCommand, watchListCommand, watchRemoveCommand } from '../sysop-watch.js';
import { terminal } from '../output.js';
import { consoleDir, withDataDir } from './console-options.js';

/** `haven sysop watch …`: words and phrases held, blocked or flagged in posts and chat. */
export const watchCommands = <T>(w: Argv<T>) =>
  w
    .command(
      'add <pattern>',
      'Watch a word or phrase: * is any letters within a word, ? one letter (quote a phrase: "end it all")',
      (a) =>
        withDataDir(a)
          .positional('pattern', { type: 'string', demandOption: true, describe: 'A word or a phrase of up to 5 words' })
          .option('action', {
            type: 'string',
            demandOption: true,
            describe: 'hold: the post waits for approval; block: refused; flag: published and reported',
          })
          .option('board', { type: 'string', describe: 'Only on this board (its slug); site-wide without it' }),
      (argv) => {
        process.exitCode = watchAddCommand({ dataDir: consoleDir(argv), out: terminal, pattern: argv.pattern, action: argv.action, board: argv.board });
      },
    )
    .command(
      'list',
      'List the watched words',
      (a) => withDataDir(a).option('json', { type: 'boolean', default: false, describe: 'Print JSON for scripts' }),
      (argv) => {
        process.exitCode = watchListCommand({ dataDir: consoleDir(argv), out: terminal, json: argv.json });
      },
    )
    .command(
      'remove <word>',
      'Stop watching a word, by its number in `watch list` or its pattern',
      (a) =>
        withDataDir(a)
          .positional('word', { type: 'string', demandOption: true, describe: 'The number, or the pattern' })
          .option('board', { type: 'string', describe: "The board of a pattern that is watched on one board" }),
      (argv) => {
        process.exitCode = watchRemoveCommand({ dataDir: consoleDir(argv), out: terminal, word: argv.word, board: argv.board });
      },
    )
    .demandCommand(1, 'Say which: add, list or remove');
