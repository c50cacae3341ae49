import type { Argv } from 'yargs';
import { userAddCommand, userListCommand } from '../sysop-users.js';
import { terminal } from '../output.js';
import { consoleDir, withDataDir } from './console-options.js';

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
      'List members',
      (a) => withDataDir(a),
      (argv) => {
        process.exitCode = userListCommand({ dataDir: consoleDir(argv), out: terminal });
      },
    )
    .demandCommand(1, 'Say which: add or list');
