import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Settings for `haven serve`; every one also comes from HAVEN_* variables or a config file. */
export interface ServeConfig {
  port: number;
  host: string;
  dataDir: string;
  bbsName: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  idleMinutes: number;
  /** The address members are told to connect to (defaults to the host name). */
  publicHost?: string;
  /** Connection limits (see README, Security); unset means the server's default. */
  sessionsPerAddress?: number;
  sessionsPerMember?: number;
  pendingPerAddress?: number;
  signupMinutes?: number;
  penaltyThreshold?: number;
  /** A key exchange slower than this many seconds gives the session the light look (0: never chosen automatically). */
  slowLinkSeconds?: number;
  /** Also offer older algorithms (NIST curves, encrypt-and-MAC SHA-2) for clients that know no better. */
  legacyAlgorithms?: boolean;
}

export const DEFAULTS: ServeConfig = {
  port: 2222,
  host: '0.0.0.0',
  dataDir: './data',
  bbsName: 'Haven',
  logLevel: 'info',
  idleMinutes: 60,
};

export function resolveDataDir(dir: string): string {
  return resolve(dir);
}

/**
 * The data directory of a console command: --data-dir, else HAVEN_DATA_DIR, else the
 * --config file's, else ./data (the server's order). The server's other HAVEN_* variables
 * do not apply here.
 */
export function consoleDataDir(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(given ?? env.HAVEN_DATA_DIR ?? DEFAULTS.dataDir);
}

/**
 * From the server's --config file, only what a console command needs: the data directory.
 * HAVEN_DATA_DIR wins over the file, as every HAVEN_* variable does for the server.
 */
export function dataDirFromConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): { 'data-dir'?: string } {
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const dir = json['data-dir'] ?? json.dataDir;
  return typeof dir === 'string' && env.HAVEN_DATA_DIR === undefined ? { 'data-dir': dir } : {};
}
