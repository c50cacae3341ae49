import { startHaven } from '../app.js';
import type { ServeConfig } from '../config.js';
import { createLogger } from '../log.js';
import { installProcessGuards } from '../server/process-guards.js';

/** `haven serve`: runs until SIGINT/SIGTERM, then tells members, closes cleanly and exits 0. */
export async function serveCommand(config: ServeConfig): Promise<void> {
  const log = createLogger(config.logLevel);
  let stopping: Promise<void> | undefined;
  let haven: Awaited<ReturnType<typeof startHaven>> | undefined;
  installProcessGuards(log, (signal) => {
    if (stopping) return;
    log.info('shutting down', { signal });
    stopping = (haven?.stop() ?? Promise.resolve()).then(
      () => process.exit(0),
      (err) => {
        log.error('shutdown failed', { err: String(err) });
        process.exit(1);
      },
    );
  });
  haven = await startHaven(config, { log });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  process.stdout.write(
    `Haven "${config.bbsName}" is listening on ${config.host}:${haven.port}\n` +
      `Host key fingerprint: ${haven.fingerprint}\n` +
      `Data directory: ${config.dataDir}\n` +
      `Connect with: ssh -p ${haven.port} yourname@${shownHost}\n`,
  );
}
