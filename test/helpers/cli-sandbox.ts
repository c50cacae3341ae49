import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { initDataDir } from '../../src/cli/data-dir.js';

/** What a sysop command printed, in a fresh data directory per test. */
export interface CliSandbox {
  dataDir: string;
  /** Everything written, stdout and stderr, in order. */
  out: string[];
  printed: string;
  complained: string;
}

/** Gives each test of the file its own data directory (as `haven serve` leaves it) and captures what commands print. */
export function cliSandbox(): CliSandbox {
  const box: CliSandbox = { dataDir: '', out: [], printed: '', complained: '' };
  beforeEach(() => {
    box.dataDir = mkdtempSync(join(tmpdir(), 'haven-cli-'));
    // Console commands refuse a directory with no BBS in it.
    initDataDir(box.dataDir);
    box.out = [];
    box.printed = '';
    box.complained = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (box.out.push(String(s)), (box.printed += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (box.out.push(String(s)), (box.complained += String(s)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(box.dataDir, { recursive: true, force: true });
  });
  return box;
}
