// Word wrapping by display columns rather than string length, so CJK text and
// emoji do not overflow the terminal.

import { eachGrapheme } from './graphemes.js';
import { graphemeWidth } from './width.js';

// blessed replaces each tab with this many spaces (its default tabSize), not tab stops.
const TAB = '    ';

interface Token {
  text: string;
  width: number;
  space: boolean;
}

/** Word-wraps plain text to `width` columns (at least 2, so any grapheme fits an empty line and the loop always advances). */
export function wrapText(s: string, width: number): string[] {
  const w = width >= 2 ? Math.floor(width) : 2;
  const out: string[] = [];
  for (const paragraph of String(s).split(/\r\n|\r|\n/)) {
    wrapParagraph(paragraph.replace(/\t/g, TAB), w, out);
  }
  return out;
}

function wrapParagraph(p: string, width: number, out: string[]): void {
  let line = '';
  let lineWidth = 0;
  let gap = '';
  let gapWidth = 0;
  const flush = (): void => {
    out.push(line);
    line = '';
    lineWidth = 0;
  };

  for (const tok of tokenize(p)) {
    if (tok.space) {
      gap += tok.text;
      gapWidth += tok.width;
      continue;
    }
    if (lineWidth + gapWidth + tok.width <= width) {
      line += gap + tok.text;
      lineWidth += gapWidth + tok.width;
    } else {
      // The break replaces the spaces before the word; at the start of a
      // paragraph those spaces are indentation, which gives way too.
      if (line !== '') flush();
      if (tok.width <= width) {
        line = tok.text;
        lineWidth = tok.width;
      } else {
        breakWord(tok.text);
      }
    }
    gap = '';
    gapWidth = 0;
  }
  // Trailing spaces are not kept: they are invisible and could only overflow.
  out.push(line);

  function breakWord(word: string): void {
    for (const g of eachGrapheme(word)) {
      const gw = graphemeWidth(g);
      if (lineWidth + gw > width) flush();
      line += g;
      lineWidth += gw;
    }
  }
}

// Break opportunities: at runs of spaces, and around every wide character,
// because CJK text has no spaces and may break between any two ideographs.
function tokenize(p: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let wordWidth = 0;
  const endWord = (): void => {
    if (word !== '') tokens.push({ text: word, width: wordWidth, space: false });
    word = '';
    wordWidth = 0;
  };
  for (const g of eachGrapheme(p)) {
    const gw = graphemeWidth(g);
    if (g === ' ') {
      endWord();
      tokens.push({ text: g, width: 1, space: true });
    } else if (gw === 2) {
      endWord();
      tokens.push({ text: g, width: 2, space: false });
    } else {
      word += g;
      wordWidth += gw;
    }
  }
  endWord();
  return tokens;
}
