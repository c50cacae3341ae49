import { StringDecoder } from 'node:string_decoder';
import { escapeSequenceRanges } from '../../src/text/index.js';
import { rawInput } from '../blessed-internals.js';
import type { BlessedScreen } from '../context.js';

// blessed's own key tokenizer (lib/keys.js): what it matches becomes one key, or is dropped
// when it names no key; every other UTF-16 unit becomes a keypress of its own.
const BLESSED_KEY_SEQUENCE = new RegExp(
  [
    '(?:\\x1b+)(O|N|\\[|\\[\\[)(?:(\\d+)(?:;(\\d+))?([~^$])|(?:M([@ #!a`])(.)(.))|(?:1;)?(\\d+)?([a-zA-Z]))',
    '(?:\\x1b)([a-zA-Z0-9])',
    '\\x1b.',
  ].join('|'),
);
// blessed drops a whole chunk that looks like mouse input.
const BLESSED_MOUSE = /\x1b\[M|\x1b\[<\d+;\d+;\d+[mM]|\x1b\[\d+;\d+;\d+M|\x1b\[(O|I)|\x1b\[24[0135]~\[/;

// A string sequence left open at the end of a chunk, once it has begun to carry content
// shaped like a sequence's (an OSC's number and semicolon, a DCS's parameters and final
// byte): a lone Alt-] typed by hand (ESC ]) and the words after it never start one, so it
// can never eat the keys after it. A line break is never part of one.
const OPEN_STRING =
  /(?:(?:\x1b\]|\x9d)\d+;|(?:\x1bP|\x90)[\d;]*[\x20-\x2f]*[\x40-\x7e]|\x1b[X^_]|[\x98\x9e\x9f])[^\x07\x1b\x9c\r\n]*$/;
// Where an open string ends: its terminator, or a line break, which ends what a member types.
const STRING_END = /\x07|\x1b\\|\x9c|[\r\n]/;
// The pieces of one sequence arrive back to back; after this long, keys are typing again.
const CONTINUATION_MS = 500;

/**
 * blessed keeps only the introducer of an escape sequence it does not know (`ESC ]`, `ESC [ ?`)
 * and hands the rest to the focused widget as typed characters: an OSC 52 clipboard blob would
 * land in a post as `52;c;aGk=`. This watches the raw input ahead of blessed and lists, for each
 * chunk, the characters that are really the inside of an escape sequence, so a text field can
 * drop them as they arrive.
 *
 * Also tracks bracketed paste (`ESC[200~ … ESC[201~`), whose markers blessed swallows silently.
 */
export interface EscapeFilter {
  /** True if this keypress is part of an escape sequence and must not become text. */
  swallow(ch: string | undefined, key: { name?: string; sequence?: string } | undefined): boolean;
  /** True between the terminal's paste-start and paste-end markers. */
  inPaste(): boolean;
  dispose(): void;
}

export function watchEscapes(screen: BlessedScreen): EscapeFilter {
  const input = rawInput(screen);
  const decoder = new StringDecoder('utf8');
  let pending: Single[] = [];
  let next = 0;
  let pasting = false;
  /** When the last chunk ended inside a string sequence (OSC, DCS, …) still open. */
  let openSince: number | undefined;

  const onData = (...args: unknown[]) => {
    const chunk = args[0] as Buffer | string;
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let lead: Single[] = [];
    let rest = text;
    if (openSince !== undefined && Date.now() - openSince <= CONTINUATION_MS) {
      // The rest of a long sequence (a big clipboard write) split over several reads.
      const end = STRING_END.exec(text);
      const inside = end ? text.slice(0, end.index) : text;
      lead = Array.from({ length: inside.length }, (_, i) => ({ ch: inside[i]!, inside: true }));
      const lineBreak = end !== null && (end[0] === '\r' || end[0] === '\n');
      // blessed makes BEL and ST keys of their own, and ESC \ one key of two characters.
      if (end && end[0].length === 1 && !lineBreak) lead.push({ ch: end[0], inside: true });
      // A line break is Enter, left to be typed.
      rest = end ? text.slice(end.index + (lineBreak ? 0 : end[0].length)) : '';
      openSince = end ? undefined : Date.now();
    } else {
      openSince = undefined;
    }
    const open = OPEN_STRING.exec(rest);
    const singles = singleCharacters(rest, open?.index);
    pending = lead.length ? [...lead, ...singles] : singles;
    if (open) openSince = Date.now();
    next = 0;
    // The markers can come in any chunk; the last one in a chunk decides.
    const start = text.lastIndexOf('\x1b[200~');
    const end = text.lastIndexOf('\x1b[201~');
    if (start > end) pasting = true;
    else if (end > start) pasting = false;
  };
  input.prependListener('data', onData);

  return {
    swallow(ch, key) {
      const sequence = key?.sequence ?? ch;
      // Keys blessed made of several characters are whole keys, never the inside of a sequence.
      if (next >= pending.length || sequence === undefined || sequence.length !== 1) return false;
      const head = pending[next]!;
      if (head.ch !== sequence) {
        // Out of step with blessed (another widget took some keys): stop rather than eat typing.
        pending = [];
        return false;
      }
      // blessed reports one CR twice, 'enter' first and then 'return': the second one moves on.
      if (!(key?.name === 'enter' && sequence === '\r')) next++;
      return head.inside;
    },
    inPaste: () => pasting,
    dispose() {
      input.removeListener('data', onData);
    },
  };
}

interface Single {
  ch: string;
  /** Whether it sits inside an escape sequence. */
  inside: boolean;
}

/**
 * Every character of `text` that blessed will emit as a keypress of its own, in order, and
 * whether it is the inside of an escape sequence (or, from `openFrom` on, of a string sequence
 * that continues in the next chunk). Empty when the text holds no sequence.
 */
export function singleCharacters(text: string, openFrom = Infinity): Single[] {
  if (!/[\x1b\x90-\x9f]/.test(text) || BLESSED_MOUSE.test(text)) return [];
  const ranges = escapeSequenceRanges(text);
  // A string sequence still open at the end continues in the next chunk: all of it is inside.
  if (openFrom < text.length) ranges.push([openFrom, text.length]), ranges.sort((a, b) => a[0] - b[0]);
  if (ranges.length === 0) return [];
  const out: Single[] = [];
  let r = 0;
  const singles = (s: string, at: number) => {
    for (let i = 0; i < s.length; i++) {
      const pos = at + i;
      while (r < ranges.length && ranges[r]![1] <= pos) r++;
      out.push({ ch: s[i]!, inside: r < ranges.length && ranges[r]![0] <= pos });
    }
  };
  let offset = 0;
  let rest = text;
  for (let m = BLESSED_KEY_SEQUENCE.exec(rest); m; m = BLESSED_KEY_SEQUENCE.exec(rest)) {
    singles(rest.slice(0, m.index), offset);
    offset += m.index + m[0].length;
    rest = rest.slice(m.index + m[0].length);
  }
  singles(rest, offset);
  return out;
}
