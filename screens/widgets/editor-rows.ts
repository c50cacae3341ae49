// Pure helpers of the editor widget: how a line of graphemes falls into visual rows, and
// how characters are counted.
import { graphemeWidth } from '../../src/text/index.js';

/**
 * Splits one line into visual rows of at most `width` columns, breaking after spaces (or
 * around wide characters, as CJK text has none) and inside a word only when it is longer
 * than a row. A space that lands just past the edge hangs in the cursor's spare column.
 */
export function wrapLine(g: readonly string[], width: number): number[] {
  const rows = [0];
  let start = 0;
  let col = 0;
  let breakAt = -1;
  for (let i = 0; i < g.length; i++) {
    const ch = g[i]!;
    if (ch === ' ') {
      if (col < width) {
        col++;
        breakAt = i + 1;
      } else {
        rows.push(i + 1);
        start = i + 1;
        col = 0;
        breakAt = -1;
      }
      continue;
    }
    const w = graphemeWidth(ch);
    if (w === 2 && i > start) breakAt = i;
    if (col + w > width) {
      const at = breakAt > start ? breakAt : i;
      rows.push(at);
      start = at;
      col = 0;
      for (let j = at; j < i; j++) col += graphemeWidth(g[j]!);
      breakAt = -1;
    }
    col += w;
    if (w === 2) breakAt = i + 1;
  }
  return rows;
}

/** Code points in one grapheme: what a length limit counts. */
export function codePoints(g: string): number {
  if (g.length === 1) return 1;
  let n = 0;
  for (const _ of g) n++;
  return n;
}

export function isHighSurrogate(s: string): boolean {
  const c = s.charCodeAt(0);
  return s.length === 1 && c >= 0xd800 && c <= 0xdbff;
}

export function isLowSurrogate(s: string): boolean {
  const c = s.charCodeAt(0);
  return s.length === 1 && c >= 0xdc00 && c <= 0xdfff;
}
