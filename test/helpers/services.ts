import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_WAIT_MS, openDatabase, type Db } from '../../db/open.js';
import { buildServices, type ServiceOptions } from '../../src/app.js';
import { createLogger } from '../../src/log.js';
import type { Services } from '../../src/services/index.js';
import { seedDefaults } from '../../src/services/seed.js';
import { Texts } from '../../src/services/texts.js';

/** What a unit test works with: the server's own services, and the database behind them. */
export interface TestServices {
  services: Services;
  /** For assertions the services do not answer; screens never get this. */
  db: Db;
}

// The texts only ever hold their defaults in these tests: one directory per test process will do.
let textsDir: string | undefined;
function defaultTexts(): Texts {
  if (!textsDir) {
    const dir = mkdtempSync(join(tmpdir(), 'haven-texts-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    textsDir = dir;
  }
  return new Texts(textsDir);
}

/**
 * The full services over a fresh in-memory database, wired by the composition root the server
 * uses (src/app.ts), with a quiet log unless the test gives one. `seedAt` adds the default
 * boards and rooms, created at that time.
 */
export function testServices(opts: ServiceOptions & { seedAt?: number } = {}): TestServices {
  const { seedAt, ...options } = opts;
  const db = openDatabase(':memory:', { lockWaitMs: LOCK_WAIT_MS.console });
  if (seedAt !== undefined) seedDefaults(db, seedAt);
  const services = buildServices(db, defaultTexts(), { log: createLogger('silent'), bbsName: 'Haven', ...options });
  return { services, db };
}
