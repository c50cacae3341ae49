import { createRequire } from 'node:module';
import type { Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { isUserError } from '../src/errors.js';
import { consoleDataDir, dataDirFromConfigFile, DEFAULTS, resolveDataDir, type ServeConfig } from '../src/config.js';
import { wholeNumber } from '../src/cli/arguments.js';
import { initDataDir } from '../src/cli/data-dir.js';
import { quietOnClosedPipe, terminal } from '../src/cli/output.js';
import { serveCommand } from '../src/cli/serve.js';
import { explainUnknownCommand, type CommandTree } from '../src/cli/unknown-command.js';
import { userAddCommand, userListCommand } from '../src/cli/sysop-users.js';
import {
  roomAddCommand,
  roomCloseCommand,
  roomListCommand,
  roomRenameCommand,
  roomScheduleCommand,
} from '../src/cli/sysop-rooms.js';
import { boardListCommand, boardPersonCommand, boardSetCommand } from '../src/cli/sysop-boards.js';
import { configListCommand, configSetCommand } from '../src/cli/sysop-config.js';
import { reportsCloseCommand, reportsListCommand, reportsShowCommand } from '../src/cli/sysop-reports.js';

// yargs's CommonJS build: its ES module build wraps help text in the middle of words.
const yargs = createRequire(import.meta.url)('yargs') as typeof import('yargs').default;

const DATA_DIR_HELP = 'Directory holding haven.db, the host key and the editable texts';

// A console command works on an existing BBS: it never creates one unless told to with --init.
const withDataDir = <T>(y: Argv<T>) =>
  y
    .option('data-dir', { type: 'string', defaultDescription: `$HAVEN_DATA_DIR, else ${DEFAULTS.dataDir}`, describe: DATA_DIR_HELP })
    .option('init', { type: 'boolean', default: false, describe: 'Create the data directory if there is none yet (`haven serve` does this by itself)' })
    // The server's config file may serve the console too: its data-dir applies, its other options are the server's.
    .config('config', 'Path to the server\'s JSON config file: its data-dir is used', (path: string) => dataDirFromConfigFile(path));

/** The data directory a console command works on, created first when --init says so. */
function consoleDir(argv: { 'data-dir'?: string; init?: boolean }): string {
  const dir = consoleDataDir(argv['data-dir']);
  if (argv.init) initDataDir(dir);
  return dir;
}

// The names in the yargs tree below, so a misspelt command can be told the one it is near.
const COMMANDS: CommandTree = {
  serve: {},
  sysop: {
    user: { add: {}, list: {} },
    board: { list: {}, set: {}, moderator: {}, admit: {} },
    config: { list: {}, set: {} },
    reports: { list: {}, show: {}, close: {} },
    room: { list: {}, add: {}, rename: {}, close: {}, schedule: {} },
  },
};

const args = hideBin(process.argv);

await yargs(args)
  .scriptName('haven')
  .usage('$0 <command> [options]\n\nHaven: a bulletin-board system for support groups, served over SSH.')
  .config('config', 'Path to a JSON file with any of these options (e.g. {"port": 2222})')
  .command(
    'serve',
    'Run the BBS (the default for npm start)',
    (y) =>
      // Only the server reads HAVEN_* variables for every option: set for it, HAVEN_PORT and
      // HAVEN_HOST would otherwise be unknown options to every console command.
      y
        .env('HAVEN')
        .option('data-dir', { type: 'string', default: DEFAULTS.dataDir, describe: DATA_DIR_HELP })
        .option('port', { type: 'number', default: DEFAULTS.port, describe: 'TCP port to listen on' })
        .option('host', { type: 'string', default: DEFAULTS.host, describe: 'Address to listen on (0.0.0.0 for all, 127.0.0.1 for local only)' })
        .option('name', { type: 'string', default: DEFAULTS.bbsName, describe: 'The BBS name shown in every header' })
        .option('public-host', { type: 'string', describe: 'Host name members use to connect, shown in hints (default: this machine\'s name)' })
        .option('idle-minutes', { type: 'number', default: DEFAULTS.idleMinutes, describe: 'Close sessions idle this long' })
        .option('log-level', { choices: ['debug', 'info', 'warn', 'error', 'silent'] as const, default: DEFAULTS.logLevel, describe: 'How much to log (never message contents)' })
        .check((argv) => {
          if (!Number.isInteger(argv.port) || argv.port < 0 || argv.port > 65535) throw new Error('--port takes a whole number from 0 to 65535 (0 picks a free port).');
          return true;
        }),
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
      // A listing piped into `head` ends quietly; the server is left to its own guards, so a
      // closed stdout never stops it.
      .middleware(() => quietOnClosedPipe())
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
              process.exitCode = await userAddCommand({ dataDir: consoleDir(argv), name: argv.name, password: argv.password, role: argv.role });
            },
          )
          .command(
            'list',
            'List members',
            (a) => withDataDir(a),
            (argv) => {
              process.exitCode = userListCommand({ dataDir: consoleDir(argv) });
            },
          )
          .demandCommand(1, 'Say which: add or list'),
      )
      .command('board', 'Boards: read-only, members-only, moderators', (b) =>
        b
          .command('list', 'List boards with their flags and moderators', (a) => withDataDir(a), (argv) => {
            process.exitCode = boardListCommand({ dataDir: consoleDir(argv) });
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
              process.exitCode = boardSetCommand({ dataDir: consoleDir(argv), slug: argv.slug, readOnly: argv['read-only'], membersOnly: argv['members-only'] });
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
              process.exitCode = boardPersonCommand({ dataDir: consoleDir(argv), slug: argv.slug, name: argv.name, as, remove: argv.remove });
            },
          )
          .demandCommand(1, 'Say which: list, set, moderator or admit'),
      )
      .command('config', 'Limits and other values the running server applies at once', (c) =>
        c
          .command(
            'list',
            'Show every setting, its value, its default and the range it takes',
            (a) => withDataDir(a),
            (argv) => {
              process.exitCode = configListCommand({ dataDir: consoleDir(argv) });
            },
          )
          .command(
            'set <key> <value>',
            'Change a setting (e.g. config set mail.daily_limit 30)',
            (a) =>
              withDataDir(a)
                .positional('key', { type: 'string', demandOption: true, describe: 'The setting, as config list shows it' })
                .positional('value', { type: 'string', demandOption: true, describe: 'A whole number in the range config list shows' }),
            (argv) => {
              process.exitCode = configSetCommand({ dataDir: consoleDir(argv), key: argv.key, value: argv.value });
            },
          )
          .demandCommand(1, 'Say which: list or set'),
      )
      .command('reports', 'What members reported', (r) =>
        r
          .command(
            'list',
            'Open reports, newest first',
            (a) => withDataDir(a).option('all', { type: 'boolean', default: false, describe: 'Closed reports too' }),
            (argv) => {
              process.exitCode = reportsListCommand({ dataDir: consoleDir(argv), all: argv.all });
            },
          )
          .command(
            'show <id>',
            'One report with its copy of what was reported',
            (a) => withDataDir(a).positional('id', { type: 'string', demandOption: true, coerce: wholeNumber('The report number'), describe: 'The report number' }),
            (argv) => {
              process.exitCode = reportsShowCommand({ dataDir: consoleDir(argv), id: argv.id });
            },
          )
          .command(
            'close <id>',
            'Mark a report handled',
            (a) => withDataDir(a).positional('id', { type: 'string', demandOption: true, coerce: wholeNumber('The report number'), describe: 'The report number' }),
            (argv) => {
              process.exitCode = reportsCloseCommand({ dataDir: consoleDir(argv), id: argv.id });
            },
          )
          .demandCommand(1, 'Say which: list, show or close'),
      )
      .command('room', 'Chat rooms and their weekly meetings', (r) =>
        r
          .command('list', 'List the open rooms', (a) => withDataDir(a), (argv) => {
            process.exitCode = roomListCommand({ dataDir: consoleDir(argv) });
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
              process.exitCode = roomAddCommand({ dataDir: consoleDir(argv), name: argv.name, topic: argv.topic, board: argv.board });
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
              process.exitCode = roomRenameCommand({ dataDir: consoleDir(argv), name: argv.name, newName: argv['new-name'] });
            },
          )
          .command(
            'close <name>',
            'Close a room (members inside move to the Lobby)',
            (a) => withDataDir(a).positional('name', { type: 'string', demandOption: true }),
            (argv) => {
              process.exitCode = roomCloseCommand({ dataDir: consoleDir(argv), name: argv.name });
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
                dataDir: consoleDir(argv),
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
      .demandCommand(1, 'Say which: user, board, room, config or reports'),
  )
  .demandCommand(1, 'Say which command to run; `haven serve` runs the BBS.')
  .epilogue(
    'Each command has its own options: `haven serve --help` lists the server\'s (--port, --host, --data-dir, ...). ' +
      'Any option of the server can also come from an environment variable (HAVEN_PORT=2222, HAVEN_DATA_DIR=/srv/haven) or from a --config file; ' +
      'the sysop commands read HAVEN_DATA_DIR and ignore the others. Only `haven serve` (or --init) creates a data directory.',
  )
  .fail((message, err) => {
    // A mistake on the command line or a refusal (port taken) is told plainly; a bug keeps its stack.
    const said = err && !message ? (isUserError(err) ? err.message : ((err as Error).stack ?? String(err))) : (message ?? String(err));
    const text = explainUnknownCommand(said, args, COMMANDS) ?? said;
    terminal.err(`${text}\nRun \`haven --help\` for the commands and their options.\n`);
    process.exit(1);
  })
  .strict()
  .wrap(null)
  .help()
  .alias('h', 'help')
  .parseAsync();
