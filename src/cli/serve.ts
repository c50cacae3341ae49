import { startHaven } from '../app.js';
import { UserError } from '../errors.js';
import type { ServeConfig } from '../config.js';
import { createLogger, defaultLogStyle } from '../log.js';
import { installProcessGuards } from '../server/process-guards.js';
import type { Output } from './output.js';
import { lockDataDir } from './serve-lock.js';

/** `haven serve`: runs until SIGINT/SIGTERM, then tells members, closes cleanly and exits 0. */
export async function serveCommand(config: ServeConfig, out: Output): Promise<void> {
  lockDataDir(config.dataDir);
  const style = defaultLogStyle();
  const log = createLogger(config.logLevel, undefined, { ...style, format: config.logFormat ?? style.format });
  let stopping: Promise<void> | undefined;
  let haven: Awaited<ReturnType<typeof startHaven>> | undefined;
  installProcessGuards(log, (signal) => {
    if (stopping) return;
    log.info('stop', { signal });
    stopping = (haven?.stop() ?? Promise.resolve()).then(
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
  log.info('start', { name: config.bbsName, port: haven.port, pid: process.pid });
  out.out(
    `Haven "${config.bbsName}" is listening on ${config.host}:${haven.port}\n` +
      `Host key fingerprint: ${haven.fingerprint}\n` +
      `Data directory: ${config.dataDir}\n` +
      `Connect with: ${haven.connectCommand('yourname')}\n`,
  );
}
