// The sysop's ANSI art banner is the one text that may colour a member's terminal. Only SGR
// (colours, bold, reverse: ESC [ digits ; … m) survives; every other escape sequence and
// control is removed as it is for any other text, so a file cannot move the cursor, set the
// title, write to the clipboard or reprogram the terminal.

import { escapeSequenceRanges, stripControls } from './sanitize.js';
import { displayWidth } from './width.js';

const SGR = /\x1b\[[0-9;]{0,32}m/g;
const ONE_SGR = /^\x1b\[[0-9;]{0,32}m$/;
// Cursor forward, which ANSI art editors use instead of runs of spaces: kept as the spaces.
const CURSOR_FORWARD = /\x1b\[(\d{0,3})C/g;
// SAUCE metadata and everything after it follows a Ctrl-Z at the end of many .ans files.
const END_OF_FILE = '\x1a';
const TAB = '    ';
const RESET = '\x1b[0m';
// A line this long (escapes included) is far past any window's width.
const LINE_CHARS = 8_000;

// The upper half of code page 437, in which most ANSI art was drawn.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/** Reads an art file's bytes: UTF-8 when they are valid UTF-8, otherwise code page 437. */
export function decodeArt(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let out = '';
    for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
    return out;
  }
}

/** Bounds on what is read from an art file: a banner this large would not fit any window anyway. */
export const ART_LIMITS = { maxLines: 120, maxColumns: 300, maxChars: 64_000 } as const;

/** Removes SGR sequences, leaving the text a terminal would show. */
export function stripSgr(s: string): string {
  return s.replace(SGR, '');
}

/**
 * Cleans ANSI art for display: line breaks become '\n', SGR is kept, cursor-forward becomes
 * spaces, everything else that is not text goes. Each line ends by resetting the colours so
 * that none bleeds past the art.
 */
export function cleanAnsiArt(raw: string): string {
  const cut = raw.indexOf(END_OF_FILE);
  const text = (cut >= 0 ? raw.slice(0, cut) : raw).slice(0, ART_LIMITS.maxChars).replace(/\r\n?/g, '\n');
  const lines = text
    .split('\n')
    .slice(0, ART_LIMITS.maxLines)
    .map((line) => cleanArtLine(line.replace(CURSOR_FORWARD, (_m, n: string) => ' '.repeat(Math.min(ART_LIMITS.maxColumns, Number(n || '1')))).slice(0, LINE_CHARS)));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  return lines.map((line) => (line.includes('\x1b[') && !line.endsWith(RESET) ? line + RESET : line)).join('\n');
}

// Whole escape sequences are found first (as cleaning finds them, payloads included), and only
// those that are exactly SGR are kept: an SGR lookalike inside a title or clipboard string goes
// with it.
function cleanArtLine(line: string): string {
  let out = '';
  let last = 0;
  for (const [start, end] of escapeSequenceRanges(line)) {
    const sequence = line.slice(start, end);
    out += cleanPlain(line.slice(last, start)) + (ONE_SGR.test(sequence) ? sequence : '');
    last = end;
  }
  const cleaned = out + cleanPlain(line.slice(last));
  // Blanks after a colour change may be a coloured bar: only a line without colour loses them.
  return cleaned.includes('\x1b[') ? cleaned : cleaned.trimEnd();
}

function cleanPlain(s: string): string {
  return stripControls(s).replace(/\n/g, '').replace(/\t/g, TAB).normalize('NFC');
}

/** The columns and rows art takes on a terminal, counting visible cells only. */
export function artSize(art: string): { cols: number; rows: number } {
  if (art === '') return { cols: 0, rows: 0 };
  const lines = art.split('\n');
  return { cols: Math.max(...lines.map((l) => displayWidth(stripSgr(l)))), rows: lines.length };
}
