import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { initDataDir } from '../../src/cli/data-dir.js';
import { openDataDir } from '../../src/app.js';
import { captureOutput, type CapturedOutput } from './output.js';

/** A fresh data directory per test, and the writer its sysop commands print to. */
export interface CliSandbox {
  dataDir: string;
  output: CapturedOutput;
  /** Everything written, results and refusals, in order. */
  readonly all: string;
  readonly printed: string;
  readonly complained: string;
  /** Rows of `sql` read from the sandbox's database, as a check after a command. */
  query<T>(sql: string): T[];
}

/** Gives each test of the file its own data directory (as `haven serve` leaves it) and a writer that captures what commands print. */
export function cliSandbox(): CliSandbox {
  const box: CliSandbox = {
    dataDir: '',
    output: captureOutput(),
    get all() {
      return this.output.all();
    },
    get printed() {
      return this.output.text();
    },
    get complained() {
      return this.output.errors();
    },
    query<T>(sql: string): T[] {
      const { db } = openDataDir(box.dataDir);
      try {
        return db.prepare(sql).all() as T[];
      } finally {
        db.close();
      }
    },
  };
  beforeEach(() => {
    box.dataDir = mkdtempSync(join(tmpdir(), 'haven-cli-'));
    // Console commands refuse a directory with no BBS in it.
    initDataDir(box.dataDir);
    box.output = captureOutput();
  });
  afterEach(() => {
    rmSync(box.dataDir, { recursive: true, force: true });
  });
  return box;
}
