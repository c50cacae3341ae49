// Members' text is shown on other members' terminals, so anything that a
// terminal would act on (escape sequences, controls, bidi overrides) has to be
// removed where the text enters the system, not where it is displayed.

import { eachGrapheme } from './graphemes.js';

export { graphemes } from './graphemes.js';

// Whole escape sequences go first, bodies included, so that their payloads
// (an OSC 52 clipboard blob, a DCS string) do not survive as visible junk once
// the introducer is dropped. The 8-bit C1 introducers are matched too: a
// terminal in UTF-8 mode may honour U+009B as CSI just like ESC [.
// - CSI: parameter bytes, intermediate bytes, final byte; the final byte is
//   optional so a truncated sequence still disappears.
// - OSC: ends at BEL or ST; DCS, SOS, PM, APC: end at ST only. One left open
//   (no terminator before the next ESC or the end) loses only its introducer:
//   whatever follows is the member's text, harmless once the introducer is gone,
//   and taking it for a payload deleted the rest of a post.
// - Everything else: ESC, optional intermediates, one final byte (ESC c, ESC ( B),
//   which is also what removes the introducer of an open string sequence.
const ESCAPE_SEQUENCE =
  /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)|\x1b[\x20-\x2f]*[\x30-\x7e]/g;

// Lone surrogates cannot be encoded as UTF-8; left in, they turn into
// replacement characters at some random later point instead of here.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// Line breaks in all their spellings; U+2028/U+2029 count because terminals
// and blessed do not treat them as breaks, so they would wreck the layout.
const LINE_BREAK = /\r\n?|[\u2028\u2029]/g;

// C0 except \t and \n, DEL, all of C1, and invisible direction controls:
// bidi embeddings, overrides and isolates (which can make a post read
// backwards past the end of the member's own text), LRM/RLM/ALM, and the BOM.
const INVISIBLE_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

const EXCESS_BLANK_LINES = /\n{4,}/g;

// Characters that show nothing and join nothing, yet take a cell in some terminals and none
// in others, so they leave stray text on repaints or hide a name's real spelling: zero width
// space, word joiner and invisible operators, the Mongolian vowel separator, soft hyphen,
// the combining grapheme joiner, Hangul fillers, and interlinear annotation marks.
const NEVER_SHOWN = /[\u00ad\u034f\u115f\u1160\u180e\u200b\u2060-\u2064\u3164\uffa0\ufff9-\ufffb]/g;

// Characters that only ever modify the one before them: joiners, variation selectors, tag
// characters (subdivision flags). Kept inside a cluster they join (the ZWJ of a family),
// dropped where they start one or trail at its end with nothing to join.
const JOINER = /[\u200c\u200d\ufe00-\ufe0f\u{e0001}\u{e0020}-\u{e007f}\u{e0100}-\u{e01ef}]/u;
const JOINERS = new RegExp(JOINER.source, 'gu');
const LEADING_JOINERS = new RegExp(`^(?:${JOINER.source})+`, 'u');
const TRAILING_JOINERS = /[\u200c\u200d]+$/u;
// Tag characters spell a subdivision after a black flag (🏴 + "gbsct" + cancel tag) and mean
// nothing anywhere else.
const TAGS = /[\u{e0001}\u{e0020}-\u{e007f}]/gu;
const BLACK_FLAG = '\u{1f3f4}';

// One-line fields (names, subjects, chat lines): a blank that is a character (braille blank),
// and more than a few marks on one letter, which stack out of the row and over its neighbours.
const BLANK_LOOKALIKE = /\u2800/g;
const MAX_MARKS = 4;
const EXCESS_MARKS = new RegExp(`(\\p{M}{${MAX_MARKS}})\\p{M}+`, 'gu');

export interface CleanOptions {
  maxLength: number;
  multiline: boolean;
}

/** Cleans member-supplied text at the boundary, so stored text is always safe to show on another member's terminal. */
export function cleanText(input: string, opts: CleanOptions): string {
  return cutToLength(normalise(input, opts.multiline, false), opts.maxLength);
}

/** Cleans a single-line field (title, name), where edge whitespace is never intended. */
export function cleanLine(input: string, maxLength: number): string {
  return cutToLength(normalise(input, false, true), maxLength);
}

/** Tells whether cleaning would cut the text, so a form can refuse it instead of silently losing the member's words. */
export function exceedsLength(input: string, maxLength: number, multiline = true): boolean {
  return codePointCount(normalise(input, multiline, !multiline)) > limitOf(maxLength);
}

/** Drops controls, escape sequences and invisible direction marks from typed input, keeping spaces where they are. */
export function stripControls(input: string): string {
  return String(input).replace(LONE_SURROGATE, '\ufffd').replace(ESCAPE_SEQUENCE, '').replace(INVISIBLE_CONTROL, '');
}

/** Where escape sequences (payloads included) sit in raw input, as [start, end) UTF-16 offsets. */
export function escapeSequenceRanges(input: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of input.matchAll(ESCAPE_SEQUENCE)) out.push([m.index, m.index + m[0].length]);
  return out;
}

function normalise(input: string, multiline: boolean, trimEdges: boolean): string {
  let s = String(input)
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(LINE_BREAK, '\n');
  if (!multiline) s = s.replace(/[\n\t]/g, ' ');
  s = keepJoinersThatJoin(s.replace(INVISIBLE_CONTROL, '').replace(NEVER_SHOWN, '').normalize('NFC'));
  if (!multiline) s = s.replace(BLANK_LOOKALIKE, ' ').replace(EXCESS_MARKS, '$1');
  s = s
    // Per line with trimEnd: a /\s+$/m regex backtracks quadratically over a long run of spaces.
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(EXCESS_BLANK_LINES, '\n\n\n')
    .replace(/^\n+/, '')
    .replace(/\n+$/, '');
  return trimEdges ? s.trim() : s;
}

function keepJoinersThatJoin(s: string): string {
  if (!JOINER.test(s)) return s;
  let out = '';
  for (const g of eachGrapheme(s)) {
    if (!JOINER.test(g)) out += g;
    else if (LEADING_JOINERS.test(g)) out += g.replace(JOINERS, '');
    else out += (g.startsWith(BLACK_FLAG) ? g : g.replace(TAGS, '')).replace(TRAILING_JOINERS, '');
  }
  return out;
}

function cutToLength(s: string, maxLength: number): string {
  const limit = limitOf(maxLength);
  // UTF-16 length is never less than the code point count.
  if (s.length <= limit) return s;
  let kept = 0;
  let end = 0;
  for (const g of eachGrapheme(s)) {
    const n = codePointCount(g);
    if (kept + n > limit) break;
    kept += n;
    end += g.length;
  }
  // A cut can leave a dangling space or blank line that cleaning would otherwise have removed.
  return s.slice(0, end).trimEnd();
}

function limitOf(maxLength: number): number {
  const n = Math.floor(maxLength);
  return n >= 0 ? n : 0;
}

function codePointCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Only well-formed text reaches here, so a high surrogate always has its pair.
    if (c >= 0xd800 && c <= 0xdbff) i++;
    n++;
  }
  return n;
}
