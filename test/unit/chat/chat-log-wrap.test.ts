import { describe, expect, it } from 'vitest';
import { wrapEntry, type LogEntry, type Tone } from '../../../screens/widgets/chat-rows.js';

const ATTR: Record<Tone, number> = { plain: 0, time: 1, name: 2, action: 3, whisper: 4, system: 5, notice: 6, local: 7 };
const text = (rows: ReturnType<typeof wrapEntry>) => rows.map((r) => r.map((c) => (c[1] === '\x03' ? '' : c[1])).join(''));
const line = (name: string, words: string): LogEntry => [
  { text: '14:05 ', tone: 'time' },
  { text: name, tone: 'name' },
  { text: ': ' + words, tone: 'plain' },
];

describe('wrapping a chat line into rows of cells', () => {
  it('breaks at spaces, and continuation rows start under the name', () => {
    const rows = wrapEntry(line('alice', 'one two three four five six seven'), ATTR, 30, 6, true);
    expect(text(rows)).toEqual(['14:05 alice: one two three', '      four five six seven']);
    expect(rows[0]!.slice(6, 11).every((c) => c[0] === ATTR.name)).toBe(true);
    expect(rows.every((r) => r.length <= 30)).toBe(true);
  });

  it('cuts a word longer than the row, and keeps the paragraphs of a multi-line notice', () => {
    expect(text(wrapEntry(line('bob', 'x'.repeat(40)), ATTR, 30, 6, true))).toEqual([
      '14:05 bob:',
      '      ' + 'x'.repeat(24),
      '      ' + 'x'.repeat(16),
    ]);
    expect(text(wrapEntry([{ text: 'first\n\nthird', tone: 'system' }], ATTR, 30, 6, true))).toEqual(['first', '      ', '      third']);
  });

  it('gives a wide character two cells and never lets it straddle the edge', () => {
    const rows = wrapEntry([{ text: '日本語のテキスト', tone: 'plain' }], ATTR, 7, 6, true);
    for (const r of rows) {
      expect(r.length).toBeLessThanOrEqual(7);
      r.forEach((c, i) => {
        if (c[1] === '\x03') expect(r[i - 1]![1]).not.toBe('\x03');
      });
    }
    expect(text(rows).join('')).toBe('日本語のテキスト');
  });

  it('keeps combining marks with their letter, and shows non-ASCII as ? on terminals without Unicode', () => {
    expect(text(wrapEntry([{ text: 'cafe\u0301 ok', tone: 'plain' }], ATTR, 20, 6, true))).toEqual(['cafe\u0301 ok']);
    expect(text(wrapEntry([{ text: 'café ☕ ok', tone: 'plain' }], ATTR, 20, 6, false))).toEqual(['caf? ? ok']);
  });

  it('does not indent when the window is too narrow for it', () => {
    expect(text(wrapEntry(line('cy', 'aaaa bbbb cccc'), ATTR, 12, 6, true))).toEqual(['14:05 cy:', 'aaaa bbbb', 'cccc']);
  });
});
