import { describe, expect, it } from 'vitest';
import { boardSlowCommand, roomSlowCommand, watchAddCommand, watchListCommand, watchRemoveCommand } from '../../../src/cli/sysop-watch.js';
import { cliSandbox } from '../../helpers/cli-sandbox.js';

const cli = cliSandbox();

const query = <T>(sql: string): T[] => cli.query<T>(sql);

describe('haven sysop watch', () => {
  it('adds words site-wide and on a board, lists them (also as JSON) and removes them by number or pattern, each audited', () => {
    const out = cli.output.out;
    expect(watchAddCommand({ dataDir: cli.dataDir, out, pattern: 'Buy Now', action: 'block' })).toBe(0);
    expect(watchAddCommand({ dataDir: cli.dataDir, out, pattern: 'pill*', action: 'hold', board: 'bereavement' })).toBe(0);
    expect(cli.printed).toContain('Watching "buy now" (block) site-wide: number 1.');
    expect(cli.printed).toContain('Watching "pill*" (hold) on Bereavement & loss: number 2.');
    expect(watchListCommand({ dataDir: cli.dataDir, out })).toBe(0);
    expect(cli.printed).toMatch(/1\s+block\s+site-wide\s+buy now\s+/);
    expect(cli.printed).toMatch(/2\s+hold\s+Bereavement & loss\s+pill\*\s+.* by console/);
    cli.output.clear();
    expect(watchListCommand({ dataDir: cli.dataDir, out, json: true })).toBe(0);
    expect(JSON.parse(cli.printed)).toMatchObject([
      { id: 1, pattern: 'buy now', action: 'block', board: null, createdBy: 'console' },
      { id: 2, pattern: 'pill*', action: 'hold', board: 'Bereavement & loss' },
    ]);
    expect(watchRemoveCommand({ dataDir: cli.dataDir, out, word: 'PILL*' })).toBe(1);
    expect(cli.complained).toContain('"PILL*" is not watched site-wide');
    expect(watchRemoveCommand({ dataDir: cli.dataDir, out, word: 'PILL*', board: 'bereavement' })).toBe(0);
    expect(watchRemoveCommand({ dataDir: cli.dataDir, out, word: '1' })).toBe(0);
    expect(query<{ action: string; origin: string; target_label: string }>('SELECT action, origin, target_label FROM audit_log ORDER BY id')).toEqual([
      { action: 'word.add', origin: 'console', target_label: 'buy now' },
      { action: 'word.add', origin: 'console', target_label: 'pill*' },
      { action: 'word.remove', origin: 'console', target_label: 'pill*' },
      { action: 'word.remove', origin: 'console', target_label: 'buy now' },
    ]);
  });

  it('refuses a bad pattern, action or board with the reason, exit code 1, and changes nothing', () => {
    const out = cli.output.out;
    expect(watchAddCommand({ dataDir: cli.dataDir, out, pattern: '*', action: 'hold' })).toBe(1);
    expect(watchAddCommand({ dataDir: cli.dataDir, out, pattern: 'word', action: 'delete' })).toBe(1);
    expect(watchAddCommand({ dataDir: cli.dataDir, out, pattern: 'word', action: 'hold', board: 'nowhere' })).toBe(1);
    expect(watchRemoveCommand({ dataDir: cli.dataDir, out, word: '7' })).toBe(1);
    expect(cli.complained).toContain('at least one letter or number');
    expect(cli.complained).toContain('--action is hold, block or flag, not "delete". Nothing was changed.');
    expect(cli.complained).toContain('There is no board "nowhere"');
    expect(cli.complained).toContain('There is no watched word number 7.');
    expect(query('SELECT * FROM watched_words')).toEqual([]);
    expect(query('SELECT * FROM audit_log')).toEqual([]);
  });
});

describe('slow mode from the console', () => {
  it('sets a board and a room slow, refusing values out of range', () => {
    const out = cli.output.out;
    expect(boardSlowCommand({ dataDir: cli.dataDir, out, slug: 'bereavement', minutes: 5 })).toBe(0);
    expect(roomSlowCommand({ dataDir: cli.dataDir, out, name: 'lobby', seconds: 30 })).toBe(0);
    expect(boardSlowCommand({ dataDir: cli.dataDir, out, slug: 'bereavement', minutes: 5000 })).toBe(1);
    expect(roomSlowCommand({ dataDir: cli.dataDir, out, name: 'lobby', seconds: Number.NaN })).toBe(1);
    expect(cli.printed).toContain('Bereavement & loss: one post per 5 min per member (staff exempt).');
    expect(cli.printed).toContain('Lobby: one line per 30 s per member (staff exempt).');
    expect(cli.complained).toContain('from 0 (off) to 1440');
    expect(cli.complained).toContain('from 0 (off) to 3600');
    expect(query("SELECT slow_mode_minutes AS n FROM boards WHERE slug = 'bereavement'")).toEqual([{ n: 5 }]);
    expect(query("SELECT slow_mode_seconds AS n FROM chat_rooms WHERE name = 'Lobby'")).toEqual([{ n: 30 }]);
    expect(query<{ action: string }>('SELECT action FROM audit_log ORDER BY id').map((a) => a.action)).toEqual(['board.slow-mode', 'room.slow-mode']);
  });
});
