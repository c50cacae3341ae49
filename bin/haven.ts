import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { DEFAULTS, resolveDataDir, type ServeConfig } from '../src/config.js';
import { serveCommand } from '../src/cli/serve.js';
import { userAddCommand, userListCommand } from '../src/cli/sysop-users.js';
import {
  CHAT_SETTING_NAMES,
  chatSettingsCommand,
  roomAddCommand,
  roomCloseCommand,
  roomListCommand,
  roomRenameCommand,
  roomScheduleCommand,
} from '../src/cli/sysop-rooms.js';

const withDataDir = <T>(y: Argv<T>) =>
  y.option('data-dir', { type: 'string', default: DEFAULTS.dataDir, describe: 'Directory holding haven.db, the host key and the editable texts' });

await yargs(hideBin(process.argv))
  .scriptName('haven')
  .usage('$0 <command> [options]\n\nHaven: a bulletin-board system for support groups, served over SSH.')
  .env('HAVEN')
  .config('config', 'Path to a JSON file with any of these options (e.g. {"port": 2222})')
  .command(
    'serve',
    'Run the BBS (the default for npm start)',
    (y) =>
      withDataDir(y)
        .option('port', { type: 'number', default: DEFAULTS.port, describe: 'TCP port to listen on' })
        .option('host', { type: 'string', default: DEFAULTS.host, describe: 'Address to listen on (0.0.0.0 for all, 127.0.0.1 for local only)' })
        .option('name', { type: 'string', default: DEFAULTS.bbsName, describe: 'The BBS name shown in every header' })
        .option('public-host', { type: 'string', describe: 'Host name members use to connect, shown in hints (default: this machine\'s name)' })
        .option('idle-minutes', { type: 'number', default: DEFAULTS.idleMinutes, describe: 'Close sessions idle this long' })
        .option('log-level', { choices: ['debug', 'info', 'warn', 'error', 'silent'] as const, default: DEFAULTS.logLevel, describe: 'How much to log (never message contents)' }),
    async (argv) => {
      const config: ServeConfig = {
        port: argv.port,
        host: argv.host,
        dataDir: resolveDataDir(argv['data-dir']),
        bbsName: argv.name,
        logLevel: argv['log-level'],
        idleMinutes: argv['idle-minutes'],
        publicHost: argv['public-host'],
      };
      await serveCommand(config);
    },
  )
  .command('sysop', 'Administer members from the server console', (y) =>
    y
      .command('user', 'Member accounts', (u) =>
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
              process.exitCode = await userAddCommand({ dataDir: resolveDataDir(argv['data-dir']), name: argv.name, password: argv.password, role: argv.role });
            },
          )
          .command(
            'list',
            'List members',
            (a) => withDataDir(a),
            (argv) => {
              process.exitCode = userListCommand({ dataDir: resolveDataDir(argv['data-dir']) });
            },
          )
          .demandCommand(1, 'Say which: add or list'),
      )
      .command('room', 'Chat rooms and their weekly meetings', (r) =>
        r
          .command('list', 'List the open rooms', (a) => withDataDir(a), (argv) => {
            process.exitCode = roomListCommand({ dataDir: resolveDataDir(argv['data-dir']) });
          })
          .command(
            'add <name>',
            'Open a room (e.g. one per support group)',
            (a) =>
              withDataDir(a)
                .positional('name', { type: 'string', demandOption: true, describe: 'The room name' })
                .option('topic', { type: 'string', describe: 'A one-line topic shown in the list of rooms' })
                .option('board', { type: 'string', describe: "The support group's board slug, e.g. bereavement" }),
            (argv) => {
              process.exitCode = roomAddCommand({ dataDir: resolveDataDir(argv['data-dir']), name: argv.name, topic: argv.topic, board: argv.board });
            },
          )
          .command(
            'rename <name> <new-name>',
            'Rename a room',
            (a) =>
              withDataDir(a)
                .positional('name', { type: 'string', demandOption: true })
                .positional('new-name', { type: 'string', demandOption: true }),
            (argv) => {
              process.exitCode = roomRenameCommand({ dataDir: resolveDataDir(argv['data-dir']), name: argv.name, newName: argv['new-name'] });
            },
          )
          .command(
            'close <name>',
            'Close a room (members inside move to the Lobby)',
            (a) => withDataDir(a).positional('name', { type: 'string', demandOption: true }),
            (argv) => {
              process.exitCode = roomCloseCommand({ dataDir: resolveDataDir(argv['data-dir']), name: argv.name });
            },
          )
          .command(
            'schedule <name>',
            "Set a room's weekly meeting (or --clear it)",
            (a) =>
              withDataDir(a)
                .positional('name', { type: 'string', demandOption: true })
                .option('day', { type: 'string', describe: 'Day of the week, e.g. tue' })
                .option('time', { type: 'string', describe: 'Start, 24-hour HH:MM' })
                .option('zone', { type: 'string', describe: 'Time zone of the day and time, e.g. Europe/London' })
                .option('minutes', { type: 'number', default: 60, describe: 'Length of the meeting' })
                .option('facilitator', { type: 'string', describe: 'The member who runs it' })
                .option('opening', { type: 'string', describe: 'Opening statement shown when it starts' })
                .option('opening-file', { type: 'string', describe: 'Read the opening statement from this file' })
                .option('clear', { type: 'boolean', describe: 'Remove the weekly meeting' }),
            (argv) => {
              process.exitCode = roomScheduleCommand({
                dataDir: resolveDataDir(argv['data-dir']),
                name: argv.name,
                clear: argv.clear,
                day: argv.day,
                time: argv.time,
                zone: argv.zone,
                minutes: argv.minutes,
                facilitator: argv.facilitator,
                opening: argv.opening,
                openingFile: argv['opening-file'],
              });
            },
          )
          .demandCommand(1, 'Say which: list, add, rename, close or schedule'),
      )
      .command(
        'chat',
        'Show chat settings (retention, flood control), changing those given',
        (a) => {
          let y = withDataDir(a);
          for (const name of CHAT_SETTING_NAMES) y = y.option(name, { type: 'number' });
          return y;
        },
        (argv) => {
          const values = Object.fromEntries(CHAT_SETTING_NAMES.map((n) => [n, (argv as Record<string, unknown>)[n] as number | undefined]));
          process.exitCode = chatSettingsCommand({ dataDir: resolveDataDir(argv['data-dir']), values });
        },
      )
      .demandCommand(1, 'Say which: user, room or chat'),
  )
  .demandCommand(1, 'Say which command to run; `haven serve` runs the BBS.')
  .strict()
  .help()
  .alias('h', 'help')
  .parseAsync();
