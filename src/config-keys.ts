import { SETTING_DEFINITIONS } from './services/setting-definitions.js';
import { DEFAULT_DRAIN_SECONDS, DEFAULT_HIBERNATE_SECONDS, type ServeConfig } from './config.js';

/**
 * One setting of haven.conf. The server's options (also command-line flags and HAVEN_*
 * variables) and the database settings (also `haven sysop config set`) are listed here once:
 * `haven serve`'s flags, the file's template and `haven config check` all come from this list,
 * so a new option is one entry.
 */
export interface ConfigKey {
  key: string;
  section: string;
  describe: string;
  kind: 'integer' | 'number' | 'string' | 'boolean' | 'choice';
  min?: number;
  max?: number;
  choices?: readonly string[];
  /** The default, as the file would spell it; undefined when the server works it out. */
  fallback?: string | number | boolean;
  /** What the default is, when there is no value to write (e.g. "this machine's name"). */
  fallbackText?: string;
  /** A server option's field in ServeConfig; a database setting has none. */
  field?: keyof ServeConfig;
  /** What a SIGHUP can change without a restart. */
  live: boolean;
}

const LIMIT = (key: string, field: keyof ServeConfig, describe: string, fallback: number): ConfigKey => ({
  key, field, describe, section: 'Connection limits', kind: 'integer', min: 1, max: 100_000, fallbackText: String(fallback), live: true,
});

/** `haven serve`'s options, in the order `--help` and the file show them. */
export const SERVE_KEYS: ConfigKey[] = [
  { key: 'data-dir', field: 'dataDir', section: 'Server', kind: 'string', fallback: './data', live: false,
    describe: 'Directory holding haven.db, the host key and the editable texts (read only from a file named with --config)' },
  { key: 'port', field: 'port', section: 'Server', kind: 'integer', min: 0, max: 65535, fallback: 2222, live: false,
    describe: 'TCP port to listen on (0 picks a free port)' },
  { key: 'host', field: 'host', section: 'Server', kind: 'string', fallback: '0.0.0.0', live: false,
    describe: 'Address to listen on (0.0.0.0 for all, 127.0.0.1 for local only)' },
  { key: 'name', field: 'bbsName', section: 'Server', kind: 'string', fallback: 'Haven', live: true,
    describe: 'The BBS name shown in every header' },
  { key: 'public-host', field: 'publicHost', section: 'Server', kind: 'string', fallbackText: "this machine's name", live: true,
    describe: 'Host name members use to connect, shown in hints' },
  { key: 'idle-minutes', field: 'idleMinutes', section: 'Server', kind: 'number', min: 1, max: 10080, fallback: 60, live: true,
    describe: 'Close sessions idle this long, in minutes (a change applies to sessions opened after it)' },
  { key: 'log-level', field: 'logLevel', section: 'Server', kind: 'choice', choices: ['debug', 'info', 'warn', 'error', 'silent'], fallback: 'info', live: true,
    describe: 'How much to log (never message contents)' },
  { key: 'log-format', field: 'logFormat', section: 'Server', kind: 'choice', choices: ['text', 'json'], fallbackText: 'text on a terminal or under journald, else json', live: false,
    describe: 'Log lines as text (key=value, for a person) or JSON (one object per line, for a collector)' },
  { key: 'legacy-algorithms', field: 'legacyAlgorithms', section: 'Server', kind: 'boolean', fallback: false, live: false,
    describe: 'Also offer older SSH algorithms (NIST curves, encrypt-and-MAC SHA-2 MACs) for old clients' },
  { key: 'slow-link-seconds', field: 'slowLinkSeconds', section: 'Server', kind: 'number', min: 0, max: 600, fallback: 4, live: true,
    describe: 'A connection whose key exchange takes longer than this gets the light look, unless the member chose (0: never)' },
  { key: 'hibernate-seconds', field: 'hibernateSeconds', section: 'Server', kind: 'number', min: 0, max: 86400, fallback: DEFAULT_HIBERNATE_SECONDS, live: false,
    describe: 'A member idle this long on the main menu gives up its screen\'s memory until their next key, a resize or news for them (0: never)' },
  { key: 'drain-seconds', field: 'drainSeconds', section: 'Server', kind: 'number', min: 0, max: 600, fallback: DEFAULT_DRAIN_SECONDS, live: true,
    describe: 'On SIGTERM/SIGINT, count down this long for members (their drafts are kept), then stop; 0 stops at once' },
  LIMIT('sessions-per-address', 'sessionsPerAddress', 'Logged-in sessions one network address may hold', 50),
  LIMIT('sessions-per-member', 'sessionsPerMember', 'Sessions one member may hold at once', 10),
  LIMIT('pending-per-address', 'pendingPerAddress', 'Connections not yet logged in one address may hold', 40),
  LIMIT('signup-minutes', 'signupMinutes', 'Time a newcomer has to finish sign-up, in minutes', 10),
  LIMIT('penalty-threshold', 'penaltyThreshold', 'Penalty score at which an address is refused (see README, Security)', 12),
];

const SECTION_OF_PREFIX: Record<string, string> = {
  mail: 'Mail', chat: 'Chat', reports: 'Reports', posting: 'Posting', accounts: 'Accounts',
};

/** The database settings, as haven.conf keys: the same names `haven sysop config set` takes. */
export const DATABASE_KEYS: ConfigKey[] = SETTING_DEFINITIONS.map((d) => ({
  key: d.key,
  section: SECTION_OF_PREFIX[d.key.split('.')[0]] ?? 'Other settings',
  describe: d.describe,
  kind: 'integer',
  min: d.min,
  max: d.max,
  fallback: d.fallback,
  live: true,
}));

export const CONFIG_KEYS: ConfigKey[] = [...SERVE_KEYS, ...DATABASE_KEYS];

/** What a key takes, as a sentence fragment: "a whole number from 0 to 65535". */
export function describeValues(def: ConfigKey): string {
  switch (def.kind) {
    case 'integer': return `a whole number from ${def.min} to ${def.max}`;
    case 'number': return `a number from ${def.min} to ${def.max}`;
    case 'boolean': return 'true or false';
    case 'choice': return `one of ${def.choices!.join(', ')}`;
    case 'string': return 'some text';
  }
}

export type ConfigValue = string | number | boolean;

/** Reads `text` as a value of `def`, or throws an Error that says what it takes. */
export function parseConfigValue(def: ConfigKey, text: string): ConfigValue {
  const t = text.trim();
  const refuse = (): never => {
    throw new Error(`${def.key} takes ${describeValues(def)}, not "${text}"`);
  };
  switch (def.kind) {
    case 'integer':
    case 'number': {
      const n = Number(t);
      const shaped = def.kind === 'integer' ? /^-?\d+$/.test(t) : /^-?\d+(\.\d+)?$/.test(t);
      if (!shaped || !Number.isFinite(n) || n < def.min! || n > def.max!) refuse();
      return n;
    }
    case 'boolean':
      if (['true', 'yes', 'on'].includes(t.toLowerCase())) return true;
      if (['false', 'no', 'off'].includes(t.toLowerCase())) return false;
      return refuse();
    case 'choice':
      if (!def.choices!.includes(t)) refuse();
      return t;
    case 'string':
      if (t === '') refuse();
      return t;
  }
}

export function configKey(key: string): ConfigKey | undefined {
  return CONFIG_KEYS.find((d) => d.key === key);
}
