// Terminal column widths. Ambiguous-width characters count as 1, like most
// non-CJK terminal setups. Where this table and a terminal disagree, the table
// errs towards 2 (whole emoji blocks are wide), because a line measured too
// wide merely ends early while a line measured too narrow overflows.

import { eachGrapheme } from './graphemes.js';

// East Asian Wide and Fullwidth ranges, sorted, inclusive.
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], // Hangul Jamo leading consonants
  [0x2329, 0x232a], // angle brackets
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK compatibility
  [0x3400, 0x4dbf], // CJK Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo Extended-A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6], // fullwidth signs
  [0x16fe0, 0x16fe4], // ideographic symbols and punctuation
  [0x16ff0, 0x16ff1],
  [0x17000, 0x18cff], // Tangut, Khitan
  [0x18d00, 0x18d08],
  [0x1aff0, 0x1b2ff], // Kana supplements, Nushu
  [0x1f200, 0x1f2ff], // enclosed ideographic supplement
  [0x1f300, 0x1f64f], // misc symbols and pictographs, emoticons
  [0x1f680, 0x1f6ff], // transport and map symbols
  [0x1f900, 0x1f9ff], // supplemental symbols and pictographs
  [0x1fa70, 0x1faff], // symbols and pictographs extended-A
  [0x20000, 0x2fffd], // CJK Extensions B to F, compatibility supplement
  [0x30000, 0x3fffd], // CJK Extensions G and H
];

const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;
const EXTENDED_PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
// Marks, format characters (ZWJ, variation selectors are Mn, bidi marks) and controls take no column.
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}\p{Zl}\p{Zp}]$/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = WIDE[mid]!;
    if (cp < from) hi = mid - 1;
    else if (cp > to) lo = mid + 1;
    else return true;
  }
  return false;
}

function isZeroWidth(cp: number): boolean {
  // Soft hyphen is Cf, but terminals draw it as a visible hyphen.
  if (cp === 0xad) return false;
  // Hangul medial vowels and final consonants combine with a preceding leading consonant.
  if ((cp >= 0x1160 && cp <= 0x11ff) || (cp >= 0xd7b0 && cp <= 0xd7ff)) return true;
  return ZERO_WIDTH.test(String.fromCodePoint(cp));
}

const ZWJ = 0x200d;
const isRegionalIndicator = (cp: number) => cp >= 0x1f1e6 && cp <= 0x1f1ff;
// Skin tones: a tone after an emoji colours it in place; only a tone standing alone is drawn.
const isEmojiModifier = (cp: number) => cp >= 0x1f3fb && cp <= 0x1f3ff;

/**
 * Columns of the code point at `i` in `s`, given the one before it: the rule both Haven's
 * layout and blessed's cell model use (blessed is patched to call it), so that they never
 * disagree about where a character ends. It is wcwidth's, as most terminals apply it, except
 * that a code point joined by ZWJ, a flag's second letter, or a skin tone adds nothing: such a cluster
 * takes its first character's width, as terminals that draw it as one picture do.
 */
export function codePointWidthAt(s: string, i: number): number {
  const cp = s.codePointAt(i)!;
  if (cp >= 0x20 && cp < 0x7f) return 1;
  if (isZeroWidth(cp)) return 0;
  const prev = i > 0 ? previousCodePoint(s, i) : undefined;
  if (prev === ZWJ) return 0;
  if (isRegionalIndicator(cp) && prev !== undefined && isRegionalIndicator(prev)) return 0;
  if (isEmojiModifier(cp) && prev !== undefined && prev > 0x7f && EXTENDED_PICTOGRAPHIC.test(String.fromCodePoint(prev))) return 0;
  if (isWide(cp) || EMOJI_PRESENTATION.test(String.fromCodePoint(cp))) return 2;
  return 1;
}

function previousCodePoint(s: string, i: number): number {
  const low = s.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = s.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return s.codePointAt(i - 2)!;
  }
  return low;
}

/** Width of one grapheme cluster: 0, 1 or 2; never more, which is what keeps wrapping finite. */
export function graphemeWidth(g: string): number {
  if (g.length === 1) {
    const c = g.charCodeAt(0);
    if (c >= 0x20 && c < 0x7f) return 1;
  }
  let w = 0;
  for (let i = 0; i < g.length; i += g.codePointAt(i)! > 0xffff ? 2 : 1) w += codePointWidthAt(g, i);
  return Math.min(2, w);
}

/** Columns a single line occupies on a terminal, so layouts can be computed before blessed draws them. */
export function displayWidth(s: string): number {
  if (PRINTABLE_ASCII.test(s)) return s.length;
  let w = 0;
  for (const g of eachGrapheme(s)) w += graphemeWidth(g);
  return w;
}

/** Longest grapheme-aligned prefix fitting in `width` columns; a wide character that would straddle the edge is left out. */
export function takeWidth(s: string, width: number): string {
  let used = 0;
  let end = 0;
  for (const g of eachGrapheme(s)) {
    const w = graphemeWidth(g);
    if (used + w > width) break;
    used += w;
    end += g.length;
  }
  return s.slice(0, end);
}

/**
 * The mark of a cut: an ellipsis tagged with a word joiner (zero width, and never in members'
 * text, which cleaning strips of it), so that the screen can tell Haven's cuts from an
 * ellipsis a member typed and draw them as `...` on terminals without Unicode.
 */
export const CUT_MARK = '…\u2060';

/** Shortens a single line to fit `width` columns, marking the cut so readers know text is missing. */
export function truncateToWidth(s: string, width: number, ellipsis = CUT_MARK): string {
  const max = Math.floor(width);
  if (!(max >= 1)) return '';
  if (displayWidth(s) <= max) return s;
  // An ellipsis that cannot fit would itself overflow, so it is dropped rather than cut.
  const tail = displayWidth(ellipsis) <= max ? ellipsis : '';
  return takeWidth(s, max - displayWidth(tail)) + tail;
}

/** Makes a single line exactly `width` columns, for table-like layouts where columns must line up; a cut one ends in its mark and a blank. */
export function padToWidth(s: string, width: number): string {
  const max = Math.floor(width);
  if (!(max >= 1)) return '';
  // There is no "exactly infinite"; leave the text whole rather than throw from String.repeat.
  if (max === Infinity) return s;
  // A cut value keeps a blank column after its mark, so it never runs into the next column.
  const t = displayWidth(s) <= max ? s : truncateToWidth(s, max > 1 ? max - 1 : max);
  return t + ' '.repeat(max - displayWidth(t));
}

// A cluster of several visible code points (a ZWJ family, a flag, a toned hand, an emoji with
// its presentation selector); a letter with combining marks is drawn alike everywhere.
const ONE_VISIBLE = /^.[\p{M}]*$/su;

/**
 * True for a grapheme that terminals draw at different widths: one shows a ZWJ family as one
 * picture in two columns, another as three pictures in six. Whoever draws one must move the
 * cursor to the column after it explicitly, so the rest of the row keeps its columns.
 */
export function isAmbiguousCluster(g: string): boolean {
  return g.length >= 2 && g.charCodeAt(0) >= 0x80 && !g.includes('\x1b') && !ONE_VISIBLE.test(g);
}

/** The most columns a terminal drawing each picture of a cluster on its own could give it. */
export function widestDrawing(cluster: string): number {
  let width = 0;
  for (let i = 0; i < cluster.length; ) {
    const cp = cluster.codePointAt(i)!;
    width += Math.max(0, codePointWidthAt(String.fromCodePoint(cp), 0));
    i += cp > 0xffff ? 2 : 1;
  }
  return width;
}

