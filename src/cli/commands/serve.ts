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
    .option('log-level', { choices: ['debug', 'info', 'warn', 'error', 'silent'] as const, default: DEFAULTS.logLevel, describe: 'How much to log (never message contents)' })
    .check((argv) => {
      if (!Number.isInteger(argv.port) || argv.port < 0 || argv.port > 65535) throw new Error('--port takes a whole number from 0 to 65535 (0 picks a free port).');
      const idle = argv['idle-minutes'];
      if (!Number.isFinite(idle) || idle < 1 || idle > 10080) throw new Error('--idle-minutes takes a number of minutes from 1 to 10080 (a week).');
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
  };
  await serveCommand(config, terminal);
}
