import type { Argv } from 'yargs';
import { onOff, wholeNumber } from '../arguments.js';
import {
  boardAddCommand,
  boardArchiveCommand,
  boardEditCommand,
  boardListCommand,
  boardMoveCommand,
  boardPersonCommand,
  boardSetCommand,
} from '../sysop-boards.js';
import { boardSlowCommand } from '../sysop-watch.js';
import { terminal } from '../output.js';
import { consoleDir, withDataDir, withJson } from './console-options.js';

const slugArgument = { type: 'string', demandOption: true, describe: 'The board\'s short name, as `board list` shows it' } as const;

/** `haven sysop board …`: boards, their order and settings, moderators and admitted members. */
export const boardCommands = <T>(b: Argv<T>) =>
  b
    .command(
      'list',
      'List boards in members\' order with their flags, moderators and chat rooms',
      (a) => withJson(withDataDir(a)).option('all', { type: 'boolean', default: false, describe: 'Archived boards too' }),
      (argv) => {
        process.exitCode = boardListCommand({ dataDir: consoleDir(argv), out: terminal, all: argv.all, json: argv.json });
      },
    )
    .command(
      'add <slug>',
      'Add a board, last in the list (e.g. board add grief-circle --name "Grief circle")',
      (a) =>
        withJson(withDataDir(a))
          .positional('slug', { ...slugArgument, describe: 'Its short name: lower-case letters, digits and -' })
          .option('name', { type: 'string', demandOption: true, describe: 'The name members see' })
          .option('description', { type: 'string', describe: 'One line under the name' })
          .option('read-only', { type: 'boolean', default: false, describe: 'Only sysops and the board moderators post' })
          .option('members-only', { type: 'boolean', default: false, describe: 'Only admitted members, moderators and sysops see it' }),
      (argv) => {
        process.exitCode = boardAddCommand({
          dataDir: consoleDir(argv), out: terminal, slug: argv.slug, name: argv.name, description: argv.description,
          readOnly: argv['read-only'], membersOnly: argv['members-only'], json: argv.json,
        });
      },
    )
    .command(
      'edit <board>',
      'Change a board: its name, description, short name, flags, or the chat room linked to it',
      (a) =>
        withJson(withDataDir(a))
          .positional('board', slugArgument)
          .option('name', { type: 'string', describe: 'The name members see' })
          .option('description', { type: 'string', describe: 'One line under the name' })
          .option('slug', { type: 'string', describe: 'A new short name' })
          .option('read-only', { type: 'string', coerce: onOff('--read-only'), describe: 'true or false' })
          .option('members-only', { type: 'string', coerce: onOff('--members-only'), describe: 'true or false' })
          .option('room', { type: 'string', describe: 'Link this chat room to the board (its support group\'s room)' }),
      (argv) => {
        process.exitCode = boardEditCommand({
          dataDir: consoleDir(argv), out: terminal, slug: argv.board, newSlug: argv.slug, name: argv.name, description: argv.description,
          readOnly: argv['read-only'] as boolean | undefined, membersOnly: argv['members-only'] as boolean | undefined, room: argv.room, json: argv.json,
        });
      },
    )
    .command(
      'move <slug>',
      'Put a board elsewhere in members\' lists: --to POSITION, --before SLUG or --after SLUG',
      (a) =>
        withJson(withDataDir(a))
          .positional('slug', slugArgument)
          .option('to', { type: 'string', coerce: wholeNumber('--to'), describe: 'The position, 1 for the first' })
          .option('before', { type: 'string', describe: 'Just before this board' })
          .option('after', { type: 'string', describe: 'Just after this board' }),
      (argv) => {
        process.exitCode = boardMoveCommand({
          dataDir: consoleDir(argv), out: terminal, slug: argv.slug, to: argv.to as number | undefined, before: argv.before, after: argv.after, json: argv.json,
        });
      },
    )
    .command(
      ['archive <slug>', 'unarchive <slug>'],
      'Archive a board: gone from members\' lists, newscan and search, its posts kept (unarchive brings it back)',
      (a) => withJson(withDataDir(a)).positional('slug', slugArgument),
      (argv) => {
        const archived = !argv._.includes('unarchive');
        process.exitCode = boardArchiveCommand({ dataDir: consoleDir(argv), out: terminal, slug: argv.slug, archived, json: argv.json });
      },
    )
    .command(
      'set <slug>',
      'Make a board read-only (only sysops and its moderators post) or members-only (seen only by members you admit)',
      (a) =>
        withDataDir(a)
          .positional('slug', slugArgument)
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
    .demandCommand(1, 'Say which: list, add, edit, move, archive, unarchive, set, moderator, admit or slow');
