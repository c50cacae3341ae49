import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_KEYS, configKey, describeValues, parseConfigValue, type ConfigKey, type ConfigValue } from './config-keys.js';
import { nearest } from './cli/unknown-command.js';

/** The config file's name in the data directory, its default place. */
export const CONFIG_FILE_NAME = 'haven.conf';

export function defaultConfigPath(dataDir: string): string {
  return join(dataDir, CONFIG_FILE_NAME);
}

export interface ConfigProblem {
  line: number;
  message: string;
}

export interface ParsedConfig {
  /** Each key set (uncommented), with its value checked against its definition. */
  values: Map<string, ConfigValue>;
  problems: ConfigProblem[];
}

/**
 * Reads haven.conf's text: `key = value` lines; `#` starts a note (a whole line, or after a
 * space at the end of an unquoted value); a value may be put in double quotes. Every line is
 * checked, so one run names every problem.
 */
export function parseConfigText(text: string): ParsedConfig {
  const values = new Map<string, ConfigValue>();
  const problems: ConfigProblem[] = [];
  const firstLine = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) {
      problems.push({ line, message: `"${trimmed}" is not a setting: write key = value (a note starts with #)` });
      return;
    }
    const key = trimmed.slice(0, eq).trim();
    let value = trimmed.slice(eq + 1).trim();
    const quoted = /^"(.*)"$/.exec(value);
    if (quoted) value = quoted[1];
    else value = value.replace(/\s+#.*$/, '');
    const def = configKey(key);
    if (!def) {
      const near = nearest(key, CONFIG_KEYS.map((d) => d.key));
      problems.push({ line, message: `unknown key "${key}"${near ? `; did you mean "${near}"?` : ''}` });
      return;
    }
    const seen = firstLine.get(key);
    if (seen !== undefined) {
      problems.push({ line, message: `${key} is set twice (first on line ${seen}); keep one` });
      return;
    }
    firstLine.set(key, line);
    try {
      values.set(key, parseConfigValue(def, value));
    } catch (err) {
      problems.push({ line, message: (err as Error).message });
    }
  });
  return { values, problems };
}

/** The old JSON --config file: the server's options by name ("data-dir" or "dataDir"). */
export function parseJsonConfig(text: string): ParsedConfig {
  const values = new Map<string, ConfigValue>();
  const problems: ConfigProblem[] = [];
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    return { values, problems: [{ line: 1, message: `not valid JSON: ${(err as Error).message}` }] };
  }
  for (const [name, v] of Object.entries(json)) {
    const key = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const def = configKey(key) ?? CONFIG_KEYS.find((d) => d.field === name);
    if (!def) {
      problems.push({ line: 1, message: `unknown key "${name}"` });
      continue;
    }
    try {
      values.set(def.key, parseConfigValue(def, String(v)));
    } catch (err) {
      problems.push({ line: 1, message: (err as Error).message });
    }
  }
  return { values, problems };
}

/** A config file read from disk: JSON (the old format) when it starts with "{". */
export function readConfigFile(path: string): ParsedConfig & { json: boolean } {
  const text = readFileSync(path, 'utf8');
  const json = text.trimStart().startsWith('{');
  return { ...(json ? parseJsonConfig(text) : parseConfigText(text)), json };
}

/** The problems of a file as the sysop reads them: "haven.conf:12: unknown key …". */
export function describeProblems(path: string, problems: ConfigProblem[]): string {
  return problems.map((p) => `${path}:${p.line}: ${p.message}`).join('\n');
}

function shownDefault(def: ConfigKey): string {
  if (def.fallback === undefined) return '';
  return def.kind === 'string' && /\s|#/.test(String(def.fallback)) ? `"${def.fallback}"` : String(def.fallback);
}

/** The commented file written on first start and by `haven config init`: every key, commented out at its default. */
export function configTemplate(): string {
  const lines = [
    '# Haven configuration.',
    '#',
    '# Every setting is listed below, commented out at its default. To change one, remove the',
    '# "#" in front of it and edit the value. Notes start with "#"; a value may be put in quotes.',
    '#',
    '# Precedence: a command-line flag (--port 2022) wins over an environment variable',
    '# (HAVEN_PORT=2022), which wins over this file, which wins over the default.',
    '#',
    '# After editing, check the file with `haven config check`, then send the server SIGHUP',
    '# (`kill -HUP <pid>`): it re-reads this file and the texts, applies what can change while',
    '# it runs, and logs what needs a restart. A file with a mistake is refused whole on SIGHUP,',
    '# and the server keeps its settings.',
    '#',
    '# The database settings (mail, chat, reports, posting, accounts) can also be changed with',
    '# `haven sysop config set KEY VALUE`; a key set (uncommented) here wins: it is applied',
    '# again at every start and SIGHUP.',
    '#',
    '# The texts members read are their own files in the data directory: welcome.txt (above the',
    '# main menu), guidelines.txt, disclaimer.txt, resources.txt (Ctrl-R), at-risk.txt and',
    '# crisis-words.txt.',
  ];
  let section = '';
  for (const def of CONFIG_KEYS) {
    if (def.section !== section) {
      section = def.section;
      lines.push('', `# ---- ${section} ----`);
    }
    const facts = [describeValues(def), def.fallback === undefined && def.fallbackText ? `default: ${def.fallbackText}` : '', def.live ? '' : 'needs a restart']
      .filter(Boolean)
      .join('; ');
    lines.push('', `# ${def.describe}.`, `# Takes ${facts}.`, `#${def.key} = ${shownDefault(def)}`.trimEnd());
  }
  return lines.join('\n') + '\n';
}

/** Writes the template at `path`; false (nothing written) when a file is already there. */
export function writeConfigTemplate(path: string): boolean {
  if (existsSync(path)) return false;
  writeFileSync(path, configTemplate(), { mode: 0o600, flag: 'wx' });
  return true;
}
