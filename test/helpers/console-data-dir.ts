import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDataDir } from '../../src/app.js';
import { initDataDir } from '../../src/cli/data-dir.js';
import { captureOutput, type CapturedOutput } from './output.js';

type Db = ReturnType<typeof openDataDir>['db'];

/**
 * A fresh data directory and captured console output for each test of a console command,
 * and `withDb` to look at or prepare the database as the running server would, in its own
 * connection.
 */
export function useConsoleDataDir(): {
  dataDir(): string;
  output(): CapturedOutput;
  /** What every console command is given: the data directory and where to print. */
  target(): { dataDir: string; out: CapturedOutput['out'] };
  withDb<T>(work: (db: Db) => T): T;
} {
  let dataDir = '';
  let output: CapturedOutput;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'haven-cli-'));
    initDataDir(dataDir);
    output = captureOutput();
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir: () => dataDir,
    output: () => output,
    target: () => ({ dataDir, out: output.out }),
    withDb(work) {
      const { db } = openDataDir(dataDir);
      try {
        return work(db);
      } finally {
        db.close();
      }
    },
  };
}
