import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Settings for `haven serve`; every one also comes from HAVEN_* variables or a config file. */
export interface ServeConfig {
  port: number;
  host: string;
  dataDir: string;
  bbsName: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** `text` or `json` lines; unset: text on a terminal or under journald, JSON otherwise. */
  logFormat?: 'text' | 'json';
  idleMinutes: number;
  /** The address members are told to connect to (defaults to the host name). */
  publicHost?: string;
  /** Connection limits (see README, Security); unset means the server's default. */
  sessionsPerAddress?: number;
  sessionsPerMember?: number;
  pendingPerAddress?: number;
  signupMinutes?: number;
  penaltyThreshold?: number;
  /**
   * A session idle this long on screens that can be built again (the main menu) gives up its
   * screen's memory until the next key; 0 never does.
   */
  hibernateSeconds?: number;
  /** A key exchange slower than this many seconds gives the session the light look (0: never chosen automatically). */
  slowLinkSeconds?: number;
  /** Also offer older algorithms (NIST curves, encrypt-and-MAC SHA-2) for clients that know no better. */
  legacyAlgorithms?: boolean;
  /** On SIGTERM/SIGINT, how long members see a countdown before the server stops (0: at once). */
  drainSeconds?: number;
}

/** The countdown members see before a restart, unless `--drain-seconds` says otherwise. */
export const DEFAULT_DRAIN_SECONDS = 5;
/** How long an idle member's session keeps its screen in memory when nothing on it is live. */
export const DEFAULT_HIBERNATE_SECONDS = 30;

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

const dirOfJson = (json: Record<string, unknown>): unknown => json['data-dir'] ?? json.dataDir;

/**
 * From the server's --config file (haven.conf or the old JSON), only what a console command needs: the data directory.
 * HAVEN_DATA_DIR wins over the file, as every HAVEN_* variable does for the server.
 */
export function dataDirFromConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): { 'data-dir'?: string } {
  const text = readFileSync(path, 'utf8');
  const dir = text.trimStart().startsWith('{') ? dirOfJson(JSON.parse(text) as Record<string, unknown>) : /^\s*data-dir\s*=\s*"?([^"#\n]*?)"?\s*(#.*)?$/m.exec(text)?.[1];
  return typeof dir === 'string' && env.HAVEN_DATA_DIR === undefined ? { 'data-dir': dir } : {};
}
