import type { Argv } from 'yargs';
import {
  userAddCommand,
  userListCommand,
  userRenameCommand,
  userResetPasswordCommand,
  userRoleCommand,
  userShowCommand,
} from '../sysop-users.js';
import { userBanCommand, userDisconnectCommand, userSuspendCommand, userUnbanCommand, userWarnCommand } from '../sysop-sanctions.js';
import { terminal } from '../output.js';
import { consoleDir, withDataDir, withJson } from './console-options.js';

const nameArgument = { type: 'string', demandOption: true, describe: 'The member\'s name (any case)' } as const;

/** `haven sysop user …`: member accounts. */
export const userCommands = <T>(u: Argv<T>) =>
  u
    .command(
      'add <name>',
      'Create a member (e.g. the first sysop)',
      (a) =>
        withDataDir(a)
          .positional('name', { type: 'string', demandOption: true, describe: 'The member name' })
          .option('password', { type: 'string', demandOption: true, describe: 'At least 8 characters' })
          .option('role', { choices: ['member', 'sysop'] as const, default: 'member' as const, describe: 'The role' }),
      async (argv) => {
        process.exitCode = await userAddCommand({ dataDir: consoleDir(argv), out: terminal, name: argv.name, password: argv.password, role: argv.role });
      },
    )
    .command(
      'list',
      'List members, or who is online now (--online)',
      (a) => withJson(withDataDir(a)).option('online', { type: 'boolean', default: false, describe: 'Who is online now, and where (as the running server last wrote it)' }),
      (argv) => {
        process.exitCode = userListCommand({ dataDir: consoleDir(argv), out: terminal, online: argv.online, json: argv.json });
      },
    )
    .command(
      'show <name>',
      'One member: role, boards moderated, log-ins, keys, posts, sanctions and reports (never mail or passwords)',
      (a) => withJson(withDataDir(a)).positional('name', nameArgument),
      (argv) => {
        process.exitCode = userShowCommand({ dataDir: consoleDir(argv), out: terminal, name: argv.name, json: argv.json });
      },
    )
    .command(
      'role <name> <role>',
      'Make a member a sysop, a moderator of a board (--board SLUG), or a member with no staff role',
      (a) =>
        withDataDir(a)
          .positional('name', nameArgument)
          .positional('role', { choices: ['sysop', 'moderator', 'member'] as const, demandOption: true, describe: 'member removes sysop rights and every moderatorship' })
          .option('board', { type: 'string', describe: 'The board a moderator moderates' }),
      (argv) => {
        process.exitCode = userRoleCommand({ dataDir: consoleDir(argv), out: terminal, name: argv.name, role: argv.role, board: argv.board });
      },
    )
    .command(
      'rename <name> <new-name>',
      'Give a member another name (the rules of sign-up apply; a taken name is refused)',
      (a) => withDataDir(a).positional('name', nameArgument).positional('new-name', { type: 'string', demandOption: true }),
      (argv) => {
        process.exitCode = userRenameCommand({ dataDir: consoleDir(argv), out: terminal, name: argv.name, newName: argv['new-name'] });
      },
    )
    .command(
      'reset-password <name>',
      'Print a one-time password; the member chooses a new one at their next log-in before anything else',
      (a) => withDataDir(a).positional('name', nameArgument),
      async (argv) => {
        process.exitCode = await userResetPasswordCommand({ dataDir: consoleDir(argv), out: terminal, name: argv.name });
      },
    )
    .command(
      'suspend <name>',
      'Keep a member out for a while; a session they have open ends within seconds',
      (a) =>
        withJson(withDataDir(a))
          .positional('name', { type: 'string', demandOption: true, describe: 'The member name' })
          .option('for', { type: 'string', demandOption: true, describe: 'How long: 30m, 12h, 1d, 3d, 7d, 30d, 2w (up to 365d)' })
          .option('reason', { type: 'string', demandOption: true, describe: 'Why: the member reads it' }),
      (argv) => {
        process.exitCode = userSuspendCommand({ dataDir: consoleDir(argv), out: terminal, json: argv.json, name: argv.name, for: argv.for, reason: argv.reason });
      },
    )
    .command(
      'ban <name>',
      'Keep a member out until unbanned; a session they have open ends within seconds',
      (a) =>
        withJson(withDataDir(a))
          .positional('name', { type: 'string', demandOption: true, describe: 'The member name' })
          .option('reason', { type: 'string', demandOption: true, describe: 'Why: the member reads it' }),
      (argv) => {
        process.exitCode = userBanCommand({ dataDir: consoleDir(argv), out: terminal, json: argv.json, name: argv.name, reason: argv.reason });
      },
    )
    .command(
      'unban <name>',
      "Lift a member's suspension or ban",
      (a) => withJson(withDataDir(a)).positional('name', { type: 'string', demandOption: true, describe: 'The member name' }),
      (argv) => {
        process.exitCode = userUnbanCommand({ dataDir: consoleDir(argv), out: terminal, json: argv.json, name: argv.name });
      },
    )
    .command(
      'disconnect <name>',
      "End a member's sessions now (they may log in again)",
      (a) =>
        withJson(withDataDir(a))
          .positional('name', { type: 'string', demandOption: true, describe: 'The member name' })
          .option('reason', { type: 'string', describe: 'Why: the member reads it' }),
      (argv) => {
        process.exitCode = userDisconnectCommand({ dataDir: consoleDir(argv), out: terminal, json: argv.json, name: argv.name, reason: argv.reason });
      },
    )
    .command(
      'warn <name>',
      'Send a member a warning they must acknowledge (at once if online, else at their next log-in)',
      (a) =>
        withJson(withDataDir(a))
          .positional('name', { type: 'string', demandOption: true, describe: 'The member name' })
          .option('reason', { type: 'string', demandOption: true, describe: 'The warning: the member reads it' }),
      (argv) => {
        process.exitCode = userWarnCommand({ dataDir: consoleDir(argv), out: terminal, json: argv.json, name: argv.name, reason: argv.reason });
      },
    )
    .demandCommand(1, 'Say which: add, list, show, role, rename, reset-password, suspend, ban, unban, disconnect or warn');
