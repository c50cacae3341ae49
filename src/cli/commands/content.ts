import type { Argv } from 'yargs';
import { wholeNumber } from '../arguments.js';
import { terminal } from '../output.js';
import {
  postHideCommand, postRestoreCommand, postShowCommand, threadLockCommand, threadMoveCommand, threadPinCommand, threadShowCommand,
  threadSubjectCommand,
} from '../sysop-content.js';
import { consoleDir, withDataDir } from './console-options.js';

const withId = <T>(a: Argv<T>, what: 'post' | 'thread') =>
  withDataDir(a)
    .positional('id', {
      type: 'string',
      demandOption: true,
      coerce: wholeNumber(`The ${what} number`),
      describe: what === 'post' ? 'The post number (`post show` and the staff menu on the BBS show it)' : 'The thread number (`thread show` and the staff menu on the BBS show it)',
    })
    .option('json', { type: 'boolean', default: false, describe: 'Print the result as JSON' });

const withReason = <T>(a: Argv<T>, describe: string) => a.option('reason', { type: 'string', describe });

/** `haven sysop post …`: hide, restore and look at one post. */
export const postCommands = <T>(p: Argv<T>) =>
  p
    .command('show <id>', 'One post: its board, thread, author, text and whether it is hidden', (a) => withId(a, 'post'), (argv) => {
      process.exitCode = postShowCommand({ dataDir: consoleDir(argv), out: terminal, id: argv.id, json: argv.json });
    })
    .command(
      'hide <id>',
      'Hide a post from members: they read that a moderator removed it and why; its author still sees it',
      (a) => withReason(withId(a, 'post'), 'Why (required): members and the audit log read it'),
      (argv) => {
        process.exitCode = postHideCommand({ dataDir: consoleDir(argv), out: terminal, id: argv.id, reason: argv.reason, json: argv.json });
      },
    )
    .command(
      'restore <id>',
      'Show a hidden post to members again',
      (a) => withReason(withId(a, 'post'), 'Why, for the audit log'),
      (argv) => {
        process.exitCode = postRestoreCommand({ dataDir: consoleDir(argv), out: terminal, id: argv.id, reason: argv.reason, json: argv.json });
      },
    )
    .demandCommand(1, 'Say which: show, hide or restore');

/** `haven sysop thread …`: lock, pin, move a thread and edit its subject. */
export const threadCommands = <T>(t: Argv<T>) =>
  t
    .command('show <id>', 'One thread: its board, first post, and whether it is locked or pinned', (a) => withId(a, 'thread'), (argv) => {
      process.exitCode = threadShowCommand({ dataDir: consoleDir(argv), out: terminal, id: argv.id, json: argv.json });
    })
    .command('lock <id>', 'Lock a thread: only staff can reply', (a) => withReason(withId(a, 'thread'), 'Why, for the audit log'), (argv) => {
      process.exitCode = threadLockCommand({ dataDir: consoleDir(argv), out: terminal, id: argv.id, locked: true, reason: argv.reason, json: argv.json });
    })
    .command('unlock <id>', 'Open a locked thread for replies again', (a) => withReason(withId(a, 'thread'), 'Why, for the audit log'), (argv) => {
      process.exitCode = threadLockCommand({ dataDir: consoleDir(argv), out: terminal, id: argv.id, locked: false, reason: argv.reason, json: argv.json });
    })
    .command('pin <id>', 'Pin a thread to the top of its board', (a) => withId(a, 'thread'), (argv) => {
      process.exitCode = threadPinCommand({ dataDir: consoleDir(argv), out: terminal, id: argv.id, pinned: true, json: argv.json });
    })
    .command('unpin <id>', 'Unpin a thread', (a) => withId(a, 'thread'), (argv) => {
      process.exitCode = threadPinCommand({ dataDir: consoleDir(argv), out: terminal, id: argv.id, pinned: false, json: argv.json });
    })
    .command(
      'move <id>',
      'Move a thread, with its posts and read counts, to another board',
      (a) =>
        withReason(withId(a, 'thread'), 'Why, for the audit log').option('to', { type: 'string', describe: 'The board to move it to, as `board list` names it (required)' }),
      (argv) => {
        process.exitCode = threadMoveCommand({ dataDir: consoleDir(argv), out: terminal, id: argv.id, to: argv.to, reason: argv.reason, json: argv.json });
      },
    )
    .command(
      'subject <id> <subject>',
      "Change a thread's subject (the old one stays in the audit log)",
      (a) => withReason(withId(a, 'thread'), 'Why, for the audit log').positional('subject', { type: 'string', demandOption: true, describe: 'The new subject, in quotes' }),
      (argv) => {
        process.exitCode = threadSubjectCommand({ dataDir: consoleDir(argv), out: terminal, id: argv.id, subject: argv.subject, reason: argv.reason, json: argv.json });
      },
    )
    .demandCommand(1, 'Say which: show, lock, unlock, pin, unpin, move or subject');
