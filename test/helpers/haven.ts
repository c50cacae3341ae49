import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHaven, type RunningHaven } from '../../src/app.js';
import { createLogger, type Logger } from '../../src/log.js';
import type { ServerLimits } from '../../src/server/ssh-server.js';
import { DEFAULTS } from '../../src/config.js';

export interface TestHaven {
  port: number;
  dataDir: string;
  haven: RunningHaven;
  stop(): Promise<void>;
}

/**
 * Starts the real server on a free port with a fresh data directory. `log` replaces the
 * silent logger, e.g. to check what the server writes to its log.
 */
export async function startTestHaven(
  opts: { limits?: Partial<ServerLimits>; dataDir?: string; bbsName?: string; log?: Logger; legacyAlgorithms?: boolean; saveDeadlineMs?: number; hibernateSeconds?: number } = {},
): Promise<TestHaven> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'haven-test-'));
  const haven = await startHaven(
    { ...DEFAULTS, port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', bbsName: opts.bbsName ?? 'Haven', legacyAlgorithms: opts.legacyAlgorithms, hibernateSeconds: opts.hibernateSeconds },
    // A loaded machine can make any key exchange slow: the light look is chosen only where a test asks.
    { limits: { slowLinkHandshakeMs: Number.POSITIVE_INFINITY, ...opts.limits }, saveDeadlineMs: opts.saveDeadlineMs, log: opts.log ?? createLogger(process.env.HAVEN_TEST_LOG ? 'debug' : 'silent') },
  );
  return {
    port: haven.port,
    dataDir,
    haven,
    async stop() {
      await haven.stop('Test over');
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
