import { startHaven } from '../app.js';
import { UserError } from '../errors.js';
import { DEFAULT_DRAIN_SECONDS, type ServeConfig } from '../config.js';
import { createLogger } from '../log.js';
import { installProcessGuards } from '../server/process-guards.js';
import type { Output } from './output.js';
import { lockDataDir } from './serve-lock.js';

/**
 * `haven serve`: runs until SIGINT/SIGTERM, then counts down for members (`drainSeconds`),
 * keeps what they were writing, closes cleanly and exits 0. A second signal stops at once.
 */
export async function serveCommand(config: ServeConfig, out: Output): Promise<void> {
  lockDataDir(config.dataDir);
  const log = createLogger(config.logLevel);
  let stopping: Promise<void> | undefined;
  let haven: Awaited<ReturnType<typeof startHaven>> | undefined;
  installProcessGuards(log, (signal) => {
    if (stopping) {
      log.info('stopping at once', { signal });
      haven?.stopNow();
      process.exit(0);
    }
    const drainSeconds = config.drainSeconds ?? DEFAULT_DRAIN_SECONDS;
    log.info('shutting down', { signal, drainSeconds });
    stopping = (haven?.drain(drainSeconds) ?? Promise.resolve()).then(
      () => process.exit(0),
      (err) => {
        log.error('shutdown failed', { err: String(err) });
        process.exit(1);
      },
    );
  });
  try {
    haven = await startHaven(config, { log });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const where = `${config.host}:${config.port}`;
    if (code === 'EADDRINUSE') throw new UserError(`Cannot listen on ${where}: the port is in use (is Haven already running?). Choose another with --port.`);
    if (code === 'EACCES') throw new UserError(`Cannot listen on ${where}: ports below 1024 need privileges. Choose another with --port (2222 is usual).`);
    if (code === 'EADDRNOTAVAIL') throw new UserError(`Cannot listen on ${where}: this machine has no such address. Try --host 0.0.0.0.`);
    throw err;
  }
  out.out(
    `Haven "${config.bbsName}" is listening on ${config.host}:${haven.port}\n` +
      `Host key fingerprint: ${haven.fingerprint}\n` +
      `Data directory: ${config.dataDir}\n` +
      `Connect with: ${haven.connectCommand('yourname')}\n`,
  );
}
