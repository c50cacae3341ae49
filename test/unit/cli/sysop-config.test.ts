import { describe, expect, it } from 'vitest';
import { useConsoleDataDir } from '../../helpers/console-data-dir.js';
import { configListCommand, configSetCommand } from '../../../src/cli/sysop-config.js';
import { BbsSettings } from '../../../src/services/bbs-settings.js';
import { CHAT_SETTINGS } from '../../../src/services/chat.js';

const sandbox = useConsoleDataDir();
const { withDb } = sandbox;
const printed = () => sandbox.output();

describe('haven sysop config', () => {
  it('lists the mail limits with their defaults, and sets one that the server then reads', () => {
    expect(configListCommand({ ...sandbox.target() })).toBe(0);
    expect(printed().text()).toMatch(/mail\.daily_limit\s+20\s+20\s+0-10000\s+Messages a member may send/);
    expect(configSetCommand({ ...sandbox.target(), key: 'mail.daily_limit', value: '30' })).toBe(0);
    expect(printed().text()).toContain('mail.daily_limit is now 30 (default 20; a whole number from 0 to 10000).');
    expect(withDb((db) => new BbsSettings(db).number('mail.daily_limit', 20))).toBe(30);
  });

  it('refuses an unknown key and a value that is not a whole number', () => {
    expect(configSetCommand({ ...sandbox.target(), key: 'mail.daily_limt', value: '3' })).toBe(1);
    expect(printed().errors()).toContain('There is no setting "mail.daily_limt"');
    for (const bad of ['-3', '2.5', 'lots', '']) {
      expect(configSetCommand({ ...sandbox.target(), key: 'mail.new_account_hours', value: bad })).toBe(1);
    }
    expect(printed().errors()).toContain('mail.new_account_hours takes a whole number from 0 to 8760, not "lots". Nothing was changed.');
    expect(withDb((db) => new BbsSettings(db).number('mail.new_account_hours', 24))).toBe(24);
  });

  it('refuses a value outside its range with the range, and the chat keeps applying the value it had', () => {
    expect(configSetCommand({ ...sandbox.target(), key: 'chat.max_line_chars', value: '5' })).toBe(1);
    expect(printed().errors()).toContain('chat.max_line_chars takes a whole number from 20 to 2000, not "5". Nothing was changed.');
    expect(configSetCommand({ ...sandbox.target(), key: 'chat.flood_lines', value: '0' })).toBe(1);
    expect(printed().errors()).toContain('chat.flood_lines takes a whole number from 1 to 100, not "0".');
    expect(configSetCommand({ ...sandbox.target(), key: 'chat.flood_lines', value: '101' })).toBe(1);
    expect(printed().text()).toBe('');
    expect(withDb((db) => db.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'chat.%'").get())).toEqual({ n: 0 });

    // What the console says is what the chat applies.
    expect(configSetCommand({ ...sandbox.target(), key: 'chat.max_line_chars', value: '20' })).toBe(0);
    expect(printed().text()).toContain('chat.max_line_chars is now 20');
    expect(withDb((db) => new BbsSettings(db).numberOf(CHAT_SETTINGS.maxLineChars))).toBe(20);
  });

  it('a value stored out of range by hand is applied within the range, and listed as applied', () => {
    withDb((db) => {
      new BbsSettings(db).set(CHAT_SETTINGS.maxLineChars.key, 5);
      new BbsSettings(db).set(CHAT_SETTINGS.floodLines.key, 0);
    });
    expect(withDb((db) => new BbsSettings(db).numberOf(CHAT_SETTINGS.maxLineChars))).toBe(20);
    expect(withDb((db) => new BbsSettings(db).numberOf(CHAT_SETTINGS.floodLines))).toBe(1);
    expect(configListCommand({ ...sandbox.target() })).toBe(0);
    expect(printed().text()).toMatch(/chat\.max_line_chars\s+20\s+500\s+20-2000\s/);
  });
});
