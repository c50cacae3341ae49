import { describe, expect, it } from 'vitest';
import { singleCharacters } from '../../screens/widgets/escape-filter.js';
import { wrapLine } from '../../screens/widgets/editor-rows.js';
import { displayWidth, graphemes } from '../../src/text/index.js';

const rowsOf = (text: string, width: number) => {
  const g = graphemes(text);
  const starts = wrapLine(g, width);
  return starts.map((s, i) => g.slice(s, starts[i + 1] ?? g.length).join(''));
};

describe('editor line wrapping', () => {
  it('breaks after the last space that fits and keeps the spaces on the row they end', () => {
    expect(rowsOf('one two three', 9)).toEqual(['one two ', 'three']);
  });

  it('breaks a word longer than a row inside the word', () => {
    expect(rowsOf('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('never lets a wide character straddle the edge', () => {
    expect(rowsOf('a我们', 4)).toEqual(['a我', '们']);
    expect(rowsOf('😀😀😀', 5)).toEqual(['😀😀', '😀']);
  });

  it('lets one space hang in the spare column, so the cursor after it starts the next row', () => {
    expect(rowsOf('abcd ', 4)).toEqual(['abcd ', '']);
    expect(rowsOf('abcd e', 4)).toEqual(['abcd ', 'e']);
  });

  it('keeps every grapheme in order whatever the width', () => {
    const text = 'Grief is 悲しみ 🌱 and   it  comes in waves, 一波又一波 ok';
    for (let w = 2; w < 20; w++) {
      const rows = rowsOf(text, w);
      expect(rows.join('')).toBe(text);
      for (const r of rows) {
        expect(displayWidth(r.trimEnd())).toBeLessThanOrEqual(w);
        // Only a single hanging space may use the cursor's spare column.
        expect(displayWidth(r)).toBeLessThanOrEqual(w + 1);
      }
    }
  });
});

describe('escape sequence insides', () => {
  it('marks the payload blessed would hand over as typed characters', () => {
    const singles = singleCharacters('hi\x1b]52;c;aGk=\x07!');
    expect(singles.filter((s) => s.inside).map((s) => s.ch).join('')).toBe('52;c;aGk=\x07');
    expect(singles.filter((s) => !s.inside).map((s) => s.ch).join('')).toBe('hi!');
  });

  it('lists nothing for input without escape sequences', () => {
    expect(singleCharacters('plain text, even with ümlauts')).toEqual([]);
  });
});
