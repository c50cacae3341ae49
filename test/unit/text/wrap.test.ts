import { describe, expect, it } from 'vitest';
import { displayWidth, graphemes, wrapText } from '../../../src/text/index.js';

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';

// Deterministic so a failing fuzz case can be reproduced.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'a', 'b', 'z', 'Q', '1', '.', '-', 'word', 'longerword',
  '日', '本', '語', 'ア', '한', 'Ａ',
  '\u{1F600}', '\u{1F44D}\u{1F3FD}', FAMILY, '\u2764\uFE0F', '\u{1F1EF}\u{1F1F5}',
  '\u0301', '\u0323', '\u200D', '\uFE0F',
  ' ', ' ', ' ', '  ', '\n', '\t',
];

function randomText(rand: () => number): string {
  const n = Math.floor(rand() * 40);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rand() * PIECES.length)];
  return s;
}

const nonSpace = (s: string): string => s.replace(/\s+/g, '');

describe('wrapText', () => {
  it('a paragraph wraps at spaces to the given width', () => {
    expect(wrapText('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
  });

  it('existing newlines are kept, blank lines included', () => {
    expect(wrapText('one\n\ntwo', 20)).toEqual(['one', '', 'two']);
    expect(wrapText('', 20)).toEqual(['']);
  });

  it('an over-long word is broken at grapheme boundaries', () => {
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    const lines = wrapText(`e\u0301e\u0301e\u0301e\u0301e\u0301`, 2);
    expect(lines).toEqual(['e\u0301e\u0301', 'e\u0301e\u0301', 'e\u0301']);
  });

  it('CJK text without spaces breaks between characters', () => {
    expect(wrapText('日本語のテキスト', 6)).toEqual(['日本語', 'のテキ', 'スト']);
  });

  it('a wide character that does not fit moves to the next line', () => {
    expect(wrapText('ab日', 3)).toEqual(['ab', '日']);
  });

  it('an emoji family is never split across lines', () => {
    expect(wrapText(`a${FAMILY}${FAMILY}`, 3)).toEqual([`a${FAMILY}`, FAMILY]);
    expect(wrapText(`${FAMILY}${FAMILY}${FAMILY}`, 2)).toEqual([FAMILY, FAMILY, FAMILY]);
    expect(wrapText(`ab${FAMILY}cd`, 0)).toEqual(['ab', FAMILY, 'cd']);
  });

  it("'x😀' wraps within the width at every tiny width and terminates", () => {
    const expected: Record<number, string[]> = {
      0: ['x', '\u{1F600}'],
      1: ['x', '\u{1F600}'],
      2: ['x', '\u{1F600}'],
      3: ['x\u{1F600}'],
    };
    for (const width of [0, 1, 2, 3]) {
      const lines = wrapText('x\u{1F600}', width);
      expect(lines).toEqual(expected[width]);
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(Math.max(width, 2));
    }
  });

  it('nonsense widths are treated as the minimum', () => {
    expect(wrapText('abc', Number.NaN)).toEqual(['ab', 'c']);
    expect(wrapText('abc', -10)).toEqual(['ab', 'c']);
    expect(wrapText('a b c', Number.POSITIVE_INFINITY)).toEqual(['a b c']);
  });

  it('tabs are measured as the spaces blessed turns them into', () => {
    const lines = wrapText('a\tb', 5);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(5);
    expect(nonSpace(lines.join(''))).toBe('ab');
  });

  it('2,000 random mixed-script posts wrap within width and lose nothing', () => {
    const rand = mulberry32(0xbb5);
    for (let i = 0; i < 2000; i++) {
      const text = randomText(rand);
      const width = Math.floor(rand() * 12);
      const lines = wrapText(text, width);
      for (const line of lines) {
        if (displayWidth(line) > Math.max(width, 2)) {
          throw new Error(`line ${JSON.stringify(line)} too wide for ${width} from ${JSON.stringify(text)}`);
        }
      }
      expect(nonSpace(lines.join(''))).toBe(nonSpace(text));
      expect(lines.length).toBeGreaterThanOrEqual(text.split('\n').length);
    }
  });
});
