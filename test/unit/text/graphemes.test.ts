import { describe, expect, it } from 'vitest';
import { displayWidth, eachGrapheme, graphemes, wrapText } from '../../../src/text/index.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const reference = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';

const PIECES = [
  'a', 'word', ' ', '\n', '\r\n', '\r', '\t', '.', '日', '本', 'ア', 'ひ', '한', '\u1100', '\u1161', '\u11a8',
  '\u{1F600}', FAMILY, '\u200D', '\uFE0F', '\u{1F3FD}', '\u{1F1EF}', '\u{1F1F5}', '\u0301', '\u0323',
  '\u0600', '\u0915', '\u094D', '\u0937', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}',
  '\u2764', '#\uFE0F\u20E3',
];

describe('graphemes', () => {
  it('long mixed text splits exactly as Intl.Segmenter splits it', () => {
    let seed = 99;
    const rand = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    for (let i = 0; i < 300; i++) {
      let s = '';
      const n = 100 + Math.floor(rand() * 600);
      for (let j = 0; j < n; j++) s += PIECES[Math.floor(rand() * PIECES.length)];
      expect(graphemes(s)).toEqual(Array.from(reference.segment(s), (p) => p.segment));
    }
  });

  it('stopping early does not segment the rest', () => {
    const it = eachGrapheme(`${FAMILY}b${'c'.repeat(1_000_000)}`);
    expect(it.next().value).toBe(FAMILY);
    expect(it.next().value).toBe('b');
  });

  it('a very long post is measured and wrapped in linear time', () => {
    // Intl.Segmenter on Node 20 is quadratic: this many characters in one call would take minutes.
    const long = 'word 日本 \u{1F600} e\u0301 '.repeat(20_000);
    const started = performance.now();
    expect(graphemes(long).length).toBe(20_000 * 12);
    expect(displayWidth(long)).toBe(20_000 * 15);
    expect(wrapText(long, 80).length).toBeGreaterThan(1000);
    // Well under a second unloaded; a loaded shared machine has taken ten. Quadratic takes minutes.
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('even text with no safe split point stays within a surrogate-safe split', () => {
    const flags = '\u{1F1EF}\u{1F1F5}'.repeat(5_000);
    const parts = graphemes(flags);
    expect(parts.join('')).toBe(flags);
    for (const p of parts) expect(p).not.toMatch(LONE_SURROGATE);
  });
});
