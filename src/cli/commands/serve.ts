import type { Argv } from 'yargs';
import { DEFAULTS, resolveDataDir, type ServeConfig } from '../../config.js';
import { terminal } from '../output.js';
import { serveCommand } from '../serve.js';
import { DATA_DIR_HELP } from './console-options.js';

/** `haven serve`'s options. */
export const serveOptions = <T>(y: Argv<T>) =>
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
    .option('sessions-per-address', { type: 'number', describe: 'Logged-in sessions one network address may hold (default 50)' })
    .option('sessions-per-member', { type: 'number', describe: 'Sessions one member may hold at once (default 10)' })
    .option('pending-per-address', { type: 'number', describe: 'Connections not yet logged in one address may hold (default 40)' })
    .option('signup-minutes', { type: 'number', describe: 'Time a newcomer has to finish sign-up (default 10)' })
    .option('penalty-threshold', { type: 'number', describe: 'Penalty score at which an address is refused (default 12; see README, Security)' })
    .option('slow-link-seconds', { type: 'number', describe: 'A connection whose key exchange takes longer than this gets the light look, unless the member chose (default 4; 0: never)' })
    .option('legacy-algorithms', { type: 'boolean', default: false, describe: 'Also offer older SSH algorithms (NIST curves, encrypt-and-MAC SHA-2 MACs) for old clients; see README, Security' })
    .option('log-level', { choices: ['debug', 'info', 'warn', 'error', 'silent'] as const, default: DEFAULTS.logLevel, describe: 'How much to log (never message contents)' })
    .check((argv) => {
      if (!Number.isInteger(argv.port) || argv.port < 0 || argv.port > 65535) throw new Error('--port takes a whole number from 0 to 65535 (0 picks a free port).');
      const idle = argv['idle-minutes'];
      if (!Number.isFinite(idle) || idle < 1 || idle > 10080) throw new Error('--idle-minutes takes a number of minutes from 1 to 10080 (a week).');
      const slow = argv['slow-link-seconds'];
      if (slow !== undefined && (!Number.isFinite(slow) || slow < 0 || slow > 600)) throw new Error('--slow-link-seconds takes a number of seconds from 0 (never) to 600.');
      for (const key of ['sessions-per-address', 'sessions-per-member', 'pending-per-address', 'signup-minutes', 'penalty-threshold'] as const) {
        const n = argv[key];
        if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > 100_000)) throw new Error(`--${key} takes a whole number from 1 to 100000.`);
      }
      return true;
    });

type ServeArgs = Awaited<ReturnType<ReturnType<typeof serveOptions>['parseAsync']>>;

/** Runs the BBS with the options given. */
export async function runServe(argv: ServeArgs): Promise<void> {
  const config: ServeConfig = {
    port: argv.port,
    host: argv.host,
    dataDir: resolveDataDir(argv['data-dir']),
    bbsName: argv.name,
    logLevel: argv['log-level'],
    idleMinutes: argv['idle-minutes'],
    publicHost: argv['public-host'],
    sessionsPerAddress: argv['sessions-per-address'],
    sessionsPerMember: argv['sessions-per-member'],
    pendingPerAddress: argv['pending-per-address'],
    signupMinutes: argv['signup-minutes'],
    penaltyThreshold: argv['penalty-threshold'],
    legacyAlgorithms: argv['legacy-algorithms'],
    slowLinkSeconds: argv['slow-link-seconds'],
  };
  await serveCommand(config, terminal);
}
