import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { serveOptions } from '../../../src/cli/commands/serve.js';
import { SETTING_DEFINITIONS } from '../../../src/services/setting-definitions.js';
import { configTemplate, parseConfigText } from '../../../src/config-file.js';

const yargs = createRequire(import.meta.url)('yargs') as typeof import('yargs').default;

/** Every option `haven serve` takes, as yargs knows it (so one added outside the definitions is seen). */
function serveOptionNames(): string[] {
  const options = (serveOptions(yargs([])) as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions();
  return Object.keys(options.key).filter((k) => !['help', 'version', 'config', '$0'].includes(k) && !/[A-Z]/.test(k));
}

describe('the config file written on first start', () => {
  it('names every haven serve option and every database setting, commented out', () => {
    const template = configTemplate();
    const names = [...serveOptionNames(), ...SETTING_DEFINITIONS.map((d) => d.key)];
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect(template, name).toMatch(new RegExp(`^#${name.replace(/\./g, '\\.')} =`, 'm'));
    expect(parseConfigText(template)).toEqual({ values: new Map(), problems: [] });
  });

  it('with every line uncommented at its default, it is good', () => {
    const uncommented = configTemplate().replace(/^#([a-z][\w.-]* = .+)$/gm, '$1');
    const { values, problems } = parseConfigText(uncommented);
    expect(problems).toEqual([]);
    expect(values.get('port')).toBe(2222);
    expect(values.get('mail.daily_limit')).toBe(SETTING_DEFINITIONS.find((d) => d.key === 'mail.daily_limit')!.fallback);
  });
});

describe('haven config check names what is wrong', () => {
  it('an unknown key with the nearest, a value out of range with the range, a duplicate, a line that is no setting', () => {
    const { problems } = parseConfigText(
      ['# a note', 'prot = 2022', 'port = 70000', 'name = "Harbour BBS"', 'name = Other', '[mail]', 'log-level = loud', 'mail.daily_limit = 7 # a week'].join('\n'),
    );
    expect(problems).toEqual([
      { line: 2, message: 'unknown key "prot"; did you mean "port"?' },
      { line: 3, message: 'port takes a whole number from 0 to 65535, not "70000"' },
      { line: 5, message: 'name is set twice (first on line 4); keep one' },
      { line: 6, message: '"[mail]" is not a setting: write key = value (a note starts with #)' },
      { line: 7, message: 'log-level takes one of debug, info, warn, error, silent, not "loud"' },
    ]);
  });

  it('reads quoted values and notes after a value', () => {
    const { values, problems } = parseConfigText('name = "Harbour # 2"\nmail.daily_limit = 7 # a week\nlegacy-algorithms = yes\n');
    expect(problems).toEqual([]);
    expect([...values]).toEqual([['name', 'Harbour # 2'], ['mail.daily_limit', 7], ['legacy-algorithms', true]]);
  });
});
