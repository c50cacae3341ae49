import { createRequire } from 'node:module';
import { hideBin } from 'yargs/helpers';
import { isUserError } from '../src/errors.js';
import { quietOnClosedPipe, terminal } from '../src/cli/output.js';
import { explainUnknownCommand, type CommandTree } from '../src/cli/unknown-command.js';
import { runServe, serveOptions } from '../src/cli/commands/serve.js';
import { userCommands } from '../src/cli/commands/users.js';
import { boardCommands } from '../src/cli/commands/boards.js';
import { configCommands } from '../src/cli/commands/config.js';
import { reportsCommands } from '../src/cli/commands/reports.js';
import { roomCommands } from '../src/cli/commands/rooms.js';
import { broadcastCommandSpec } from '../src/cli/commands/broadcast.js';
import { postCommands, threadCommands } from '../src/cli/commands/content.js';
import { consoleOptions, runConsole } from '../src/cli/commands/console.js';
import { auditOptions, runAudit, runStats, statsOptions } from '../src/cli/commands/stats.js';
import { watchCommands } from '../src/cli/commands/watch.js';
import { backupOptions, hostKeyOptions, restoreOptions, runBackup, runHostKey, runRestore } from '../src/cli/commands/backup.js';
import { configFileCommands } from '../src/cli/commands/config-file.js';
import { bulletinCommands } from '../src/cli/commands/bulletins.js';

// yargs's CommonJS build: its ES module build wraps help text in the middle of words.
const yargs = createRequire(import.meta.url)('yargs') as typeof import('yargs').default;

// The names in the yargs tree below, so a misspelt command can be told the one it is near.
const COMMANDS: CommandTree = {
  serve: {},
  console: {},
  backup: {},
  restore: {},
  'host-key': {},
  config: { init: {}, check: {} },
  sysop: {
    user: { add: {}, list: {}, show: {}, role: {}, rename: {}, 'reset-password': {}, suspend: {}, ban: {}, unban: {}, disconnect: {}, warn: {} },
    board: { list: {}, add: {}, edit: {}, move: {}, archive: {}, unarchive: {}, set: {}, moderator: {}, admit: {}, slow: {} },
    config: { list: {}, set: {} },
    reports: { list: {}, show: {}, act: {}, dismiss: {}, close: {} },
    room: { list: {}, add: {}, rename: {}, close: {}, schedule: {}, slow: {} },
    broadcast: {},
    post: { show: {}, hide: {}, restore: {} },
    thread: { show: {}, lock: {}, unlock: {}, pin: {}, unpin: {}, move: {}, subject: {} },
    stats: {},
    audit: {},
    watch: { add: {}, list: {}, remove: {} },
    bulletin: { add: {}, list: {}, remove: {} },
  },
};

const args = hideBin(process.argv);

await yargs(args)
  .scriptName('haven')
  .usage('$0 <command> [options]\n\nHaven: a bulletin-board system for support groups, served over SSH.')
  .command(
    'serve',
    'Run the BBS (the default for npm start)',
    serveOptions,
    runServe,
  )
  .command('backup <target>', 'Copy the database while the server runs, to a new FILE or into a DIR (--keep N)', backupOptions, runBackup)
  .command('restore <file>', 'Put a backup back, with the server stopped (the database it replaces is kept in backups/)', restoreOptions, runRestore)
  .command('host-key', 'Print the host key fingerprint members compare when they first connect', hostKeyOptions, runHostKey)
  .command('config', 'The config file, haven.conf: write it with every setting, or check it', configFileCommands)
  .command('console', 'Use the BBS on this terminal as a member (--as NAME), without SSH: the sysop at the server', consoleOptions, runConsole)
  .command('sysop', 'Administer members from the server console', (y) =>
    y
      // A listing piped into `head` ends quietly; the server is left to its own guards, so a
      // closed stdout never stops it.
      .middleware(() => quietOnClosedPipe())
      .command('user', 'Member accounts', userCommands)
      .command('board', 'Boards: read-only, members-only, moderators', boardCommands)
      .command('config', 'Limits and other values the running server applies at once', configCommands)
      .command('reports', 'What members reported', reportsCommands)
      .command('room', 'Chat rooms and their weekly meetings', roomCommands)
      .command(broadcastCommandSpec)
      .command('post', 'Hide, restore or look at one post', postCommands)
      .command('thread', 'Lock, pin, move a thread or edit its subject', threadCommands)
      .command('stats', 'Members, who is online and where, today\'s activity, open reports, database size', statsOptions, runStats)
      .command('audit', 'What staff did, newest first (--since 7d, --by NAME)', auditOptions, runAudit)
            .command('watch', 'Watched words: hold, block or flag posts and chat lines that contain them', watchCommands)
      .command('bulletin', 'Bulletins: short notices members see once after log-in, then in a list', bulletinCommands)
      .demandCommand(1, 'Say which: user, board, room, post, thread, config, reports, watch, bulletin, broadcast, stats or audit'),
  )
  .demandCommand(1, 'Say which command to run; `haven serve` runs the BBS.')
  .epilogue(
    'Each command has its own options: `haven serve --help` lists the server\'s (--port, --host, --data-dir, ...). ' +
      'Any option of the server can also come from an environment variable (HAVEN_PORT=2222, HAVEN_DATA_DIR=/srv/haven) or from the config file (haven.conf in the data directory, or --config FILE); ' +
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
