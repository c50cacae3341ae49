import { dirname } from 'node:path';
import { startHaven } from '../app.js';
import { UserError } from '../errors.js';
import { DEFAULT_DRAIN_SECONDS, type ServeConfig } from '../config.js';
import { SERVE_KEYS, type ConfigValue } from '../config-keys.js';
import { createLogger, defaultLogStyle, type Logger, type LogLevel } from '../log.js';
import { installProcessGuards } from '../server/process-guards.js';
import type { Output } from './output.js';
import { lockDataDir } from './serve-lock.js';
import { checkGiven, configPathFor, loadSettings, type GivenOptions, type ResolvedSettings } from './serve-settings.js';

type RunningHaven = Awaited<ReturnType<typeof startHaven>>;

/**
 * `haven serve`: runs until SIGINT/SIGTERM, then counts down for members (`drainSeconds`),
 * keeps what they were writing, closes cleanly and exits 0. A second signal stops at once.
 * SIGHUP re-reads the config and texts.
 */
export async function serveCommand(
  opts: { given: GivenOptions; configPath?: string; resolveDataDir: (dir: string) => string },
  out: Output,
): Promise<void> {
  const given = checkGiven(opts.given);
  const { path, written } = configPathFor(given, opts.configPath, opts.resolveDataDir);
  let settings = loadSettings(given, path);
  const config = settings.config;
  // The data directory's own file lives where it is: a data-dir in it cannot move it.
  config.dataDir = opts.resolveDataDir(opts.configPath === undefined ? dirname(path) : config.dataDir);
  lockDataDir(config.dataDir);
  let level: LogLevel = config.logLevel;
  const style = defaultLogStyle();
  const log = createLogger(() => level, undefined, { ...style, format: config.logFormat ?? style.format });
  if (written) log.info('config file written', { file: path });
  if (settings.json) log.warn('config file is JSON, which is still read; `haven config init` writes the commented format', { file: path });
  let stopping: Promise<void> | undefined;
  let haven: RunningHaven | undefined;
  installProcessGuards(
    log,
    (signal) => {
      if (stopping) {
        log.info('stopping at once', { signal });
        haven?.stopNow();
        process.exit(0);
      }
      const drainSeconds = settings.config.drainSeconds ?? DEFAULT_DRAIN_SECONDS;
      log.info('stop', { signal, drainSeconds });
      stopping = (haven?.drain(drainSeconds) ?? Promise.resolve()).then(
        () => process.exit(0),
        (err) => {
          log.error('shutdown failed', { err: String(err) });
          process.exit(1);
        },
      );
    },
    () => {
      if (!haven || stopping) return;
      const next = reload(haven, log, given, path, settings);
      if (next) {
        settings = next;
        level = next.config.logLevel;
      }
    },
  );
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
  applyDatabaseSettings(haven, settings);
  log.info('start', { name: config.bbsName, port: haven.port, pid: process.pid });
  out.out(
    `Haven "${config.bbsName}" is listening on ${config.host}:${haven.port}\n` +
      `Host key fingerprint: ${haven.fingerprint}\n` +
      `Data directory: ${config.dataDir}\n` +
      `Config file: ${path}\n` +
      `Connect with: ${haven.connectCommand('yourname')}\n`,
  );
}

/** The database settings the file names win over `haven sysop config set`: written at start and on each SIGHUP. */
function applyDatabaseSettings(haven: RunningHaven, settings: ResolvedSettings): void {
  for (const [key, value] of settings.database) haven.services.settings.set(key, value as number);
}

/**
 * SIGHUP: re-reads the texts and the config file. A file with a mistake is refused whole and
 * the server keeps what it had; otherwise what can change live is applied, and the keys that
 * need a restart are named in the log.
 */
function reload(haven: RunningHaven, log: Logger, given: Map<string, ConfigValue>, path: string, before: ResolvedSettings): ResolvedSettings | undefined {
  haven.services.texts.reload();
  let next: ResolvedSettings;
  try {
    next = loadSettings(given, path);
  } catch (err) {
    log.error('config reload refused: the server keeps its settings', { file: path, reason: (err as Error).message });
    return undefined;
  }
  const changed: string[] = [];
  const needsRestart: string[] = [];
  const liveConfig: ServeConfig = { ...before.config };
  for (const def of SERVE_KEYS) {
    const field = def.field!;
    const was = before.config[field];
    const now = next.config[field];
    if (field === 'dataDir' || was === now) continue;
    if (def.live) {
      (liveConfig as unknown as Record<string, unknown>)[field] = now;
      changed.push(def.key);
    } else needsRestart.push(def.key);
  }
  for (const [key, value] of next.database) if (before.file.get(key) !== value) changed.push(key);
  haven.reconfigure(liveConfig);
  applyDatabaseSettings(haven, next);
  log.info('config reloaded', { file: path, changed, needsRestart });
  return { ...next, config: liveConfig };
}
