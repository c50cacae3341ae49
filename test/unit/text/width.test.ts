import { describe, expect, it } from 'vitest';
import { CUT_MARK as CUT, displayWidth, padToWidth, truncateToWidth } from '../../../src/text/index.js';

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';

describe('displayWidth', () => {
  it('counts columns the way a terminal draws them', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('\u{1F600}')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth(FAMILY)).toBe(2);
    expect(displayWidth('')).toBe(0);
  });

  it('wide scripts and fullwidth forms take two columns', () => {
    expect(displayWidth('한국어')).toBe(6);
    expect(displayWidth('ひらがなカタカナ')).toBe(16);
    expect(displayWidth('ＡＢ')).toBe(4);
    expect(displayWidth('￥')).toBe(2);
    expect(displayWidth('\u{20000}')).toBe(2);
  });

  it('flags and skin tones are two columns; a selector does not widen a narrow base, as in wcwidth', () => {
    expect(displayWidth('\u{1F1EF}\u{1F1F5}')).toBe(2);
    expect(displayWidth('\u{1F44D}\u{1F3FD}')).toBe(2);
    expect(displayWidth('\u2764\uFE0F')).toBe(1);
    expect(displayWidth('1\uFE0F\u20E3')).toBe(1);
  });

  it('invisible joiners and marks take no column', () => {
    expect(displayWidth('\u200D')).toBe(0);
    expect(displayWidth('\u200B')).toBe(0);
    expect(displayWidth('\u0301')).toBe(0);
    expect(displayWidth('a\uFE0E')).toBe(1);
    expect(displayWidth('x\u0323\u0302y')).toBe(2);
  });
});

describe('truncateToWidth', () => {
  it('a long subject line is cut to fit with an ellipsis', () => {
    expect(truncateToWidth('hello world', 8)).toBe(`hello w${CUT}`);
    expect(truncateToWidth('short', 8)).toBe('short');
    expect(truncateToWidth('exactly8', 8)).toBe('exactly8');
  });

  it('a wide character that would straddle the edge is left out', () => {
    const out = truncateToWidth('日本語テキスト', 6);
    expect(out).toBe(`日本${CUT}`);
    expect(displayWidth(out)).toBeLessThanOrEqual(6);
  });

  it('never splits an emoji family or a combining sequence', () => {
    expect(truncateToWidth(`ab${FAMILY}cd`, 4)).toBe(`ab${CUT}`);
    expect(truncateToWidth(`e\u0301e\u0301e\u0301`, 2)).toBe(`e\u0301${CUT}`);
  });

  it('a width below one yields nothing, and an ellipsis too wide is dropped', () => {
    expect(truncateToWidth('abc', 0)).toBe('');
    expect(truncateToWidth('abc', -3)).toBe('');
    expect(truncateToWidth('abc', Number.NaN)).toBe('');
    expect(truncateToWidth('abcdef', 2, '...')).toBe('ab');
    expect(truncateToWidth('abcdef', 1)).toBe(`${CUT}`);
  });
});

describe('padToWidth', () => {
  it('fills a column to exactly its width', () => {
    expect(padToWidth('ab', 5)).toBe('ab   ');
    expect(padToWidth('日本語', 5)).toBe(`日${CUT}  `);
    expect(padToWidth('日本語', 4)).toBe(`日${CUT} `);
    expect(displayWidth(padToWidth('日本語', 4))).toBe(4);
    // A cut value never touches the next column.
    expect(padToWidth('abcdefgh', 4)).toBe(`ab${CUT} `);
    expect(padToWidth('abcdefgh', 1)).toBe(CUT);
    expect(padToWidth('x', 0)).toBe('');
  });
});
