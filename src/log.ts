/**
 * Structured one-line logs. Callers pass facts (event names, counts, member ids), never
 * passwords, post bodies or mail: the logger has no way to know what is private.
 */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

/** A logger writing JSON lines to stderr at or above `level` (a function when it may change). */
export function createLogger(level: LogLevel | (() => LogLevel) = 'info', write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  // A function: the level a SIGHUP set, read at each line.
  const current = typeof level === 'function' ? level : () => level;
  const at = (name: Exclude<LogLevel, 'silent'>) => (event: string, fields?: Record<string, unknown>) => {
    if (LEVELS[name] < LEVELS[current()]) return;
    write(JSON.stringify({ t: new Date().toISOString(), level: name, event, ...fields }) + '\n');
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
