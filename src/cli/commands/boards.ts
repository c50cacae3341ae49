import type { Argv } from 'yargs';
import { boardListCommand, boardPersonCommand, boardSetCommand } from '../sysop-boards.js';
import { boardSlowCommand } from '../sysop-watch.js';
import { terminal } from '../output.js';
import { consoleDir, withDataDir } from './console-options.js';

/** `haven sysop board …`: read-only and members-only boards, moderators and admitted members. */
export const boardCommands = <T>(b: Argv<T>) =>
  b
    .command('list', 'List boards with their flags and moderators', (a) => withDataDir(a), (argv) => {
      process.exitCode = boardListCommand({ dataDir: consoleDir(argv), out: terminal });
    })
    .command(
      'set <slug>',
      'Make a board read-only (only sysops and its moderators post) or members-only (seen only by members you admit)',
      (a) =>
        withDataDir(a)
          .positional('slug', { type: 'string', demandOption: true, describe: 'The board, as `board list` names it' })
          .option('read-only', { type: 'boolean', describe: 'Only sysops and the board moderators post' })
          .option('members-only', { type: 'boolean', describe: 'Only admitted members, moderators and sysops see it' }),
      (argv) => {
        process.exitCode = boardSetCommand({ dataDir: consoleDir(argv), out: terminal, slug: argv.slug, readOnly: argv['read-only'], membersOnly: argv['members-only'] });
      },
    )
    .command(
      ['moderator <slug> <name>', 'admit <slug> <name>'],
      'Make a member a moderator of a board / admit them to a members-only board (--remove undoes it)',
      (a) =>
        withDataDir(a)
          .positional('slug', { type: 'string', demandOption: true })
          .positional('name', { type: 'string', demandOption: true })
          .option('remove', { type: 'boolean', default: false }),
      (argv) => {
        const as = argv._.includes('admit') ? 'member' : 'moderator';
        process.exitCode = boardPersonCommand({ dataDir: consoleDir(argv), out: terminal, slug: argv.slug, name: argv.name, as, remove: argv.remove });
      },
    )
    .command(
      'slow <slug>',
      'Slow mode: one post per N minutes per member on a board (staff exempt; 0 turns it off)',
      (a) =>
        withDataDir(a)
          .positional('slug', { type: 'string', demandOption: true, describe: 'The board, as `board list` names it' })
          .option('minutes', { type: 'number', demandOption: true, describe: 'Minutes between a member\'s posts, 0 to 1440' }),
      (argv) => {
        process.exitCode = boardSlowCommand({ dataDir: consoleDir(argv), out: terminal, slug: argv.slug, minutes: argv.minutes });
      },
    )
    .demandCommand(1, 'Say which: list, set, moderator, admit or slow');
