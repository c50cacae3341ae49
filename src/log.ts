/**
 * One line per event. Callers pass facts (event names, counts, member names and ids), never
 * passwords, post bodies or mail: the logger has no way to know what is private. What it can
 * recognise, an IP address inside a value (an error message may carry one), it blanks out.
 */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

/**
 * `text`: `[TIME ]LEVEL EVENT key=value …`, for a person reading journalctl or a terminal;
 * `json`: one JSON object per line, for a log collector.
 */
export type LogFormat = 'text' | 'json';
export const LOG_FORMATS: readonly LogFormat[] = ['text', 'json'];

export interface LogStyle {
  format?: LogFormat;
  /** Start text lines with the ISO time (JSON lines always carry `t`). */
  timestamps?: boolean;
}

/**
 * The format when none is asked for: text for a person (a terminal, or journald, which keeps
 * its own time for every line, so the line needs none), JSON for anything else reading the pipe.
 */
export function defaultLogStyle(env: NodeJS.ProcessEnv = process.env, stderrIsTty = Boolean(process.stderr.isTTY)): Required<LogStyle> {
  const journald = Boolean(env.JOURNAL_STREAM);
  return { format: journald || stderrIsTty ? 'text' : 'json', timestamps: !journald };
}

const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g;
const IPV6 = /(?<![\w:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{0,4}::(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{0,4})(?![\w:])/gi;

/** Replaces anything shaped like an IPv4 or IPv6 address with `[address]`. */
export function withoutAddresses(text: string): string {
  return text.replace(IPV4, '[address]').replace(IPV6, (m) => (m === '::' ? m : '[address]'));
}

function scrub(value: unknown): unknown {
  if (typeof value === 'string') return withoutAddresses(value);
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
  return value;
}

/** A value as text: bare when it is one plain word, else quoted JSON (so a line stays one line). */
function textValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=\\]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (value === undefined) return 'undefined';
  return JSON.stringify(value);
}

export function formatLine(format: LogFormat, at: Date, level: string, event: string, fields: Record<string, unknown> = {}, timestamps = true): string {
  const clean = scrub(fields) as Record<string, unknown>;
  const name = withoutAddresses(event).replace(/\s+/g, ' ');
  if (format === 'json') return JSON.stringify({ t: at.toISOString(), level, event: name, ...clean });
  const parts = [level.padEnd(5), name];
  for (const [key, value] of Object.entries(clean)) if (value !== undefined) parts.push(`${key}=${textValue(value)}`);
  return (timestamps ? `${at.toISOString()} ` : '') + parts.join(' ');
}

/**
 * A logger writing lines to stderr (or `write`) at or above `level` (a function when it may
 * change: the level a SIGHUP set, read at each line); JSON unless told otherwise.
 */
export function createLogger(
  level: LogLevel | (() => LogLevel) = 'info',
  write: (line: string) => void = (l) => process.stderr.write(l),
  style: LogStyle = {},
): Logger {
  const format = style.format ?? 'json';
  const timestamps = style.timestamps ?? true;
  const current = typeof level === 'function' ? level : () => level;
  const at = (name: Exclude<LogLevel, 'silent'>) => (event: string, fields?: Record<string, unknown>) => {
    if (LEVELS[name] < LEVELS[current()]) return;
    write(formatLine(format, new Date(), name, event, fields, timestamps) + '\n');
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
