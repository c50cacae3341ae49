import { StringDecoder } from 'node:string_decoder';
import { escapeSequenceRanges } from '../../src/text/index.js';
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
  const input = screen.program.input as NodeJS.ReadableStream & {
    prependListener(event: string, fn: (...args: unknown[]) => void): void;
    removeListener(event: string, fn: (...args: unknown[]) => void): void;
  };
  const decoder = new StringDecoder('utf8');
  let pending: Single[] = [];
  let next = 0;
  let pasting = false;

  const onData = (...args: unknown[]) => {
    const chunk = args[0] as Buffer | string;
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    pending = singleCharacters(text);
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
 * whether it is the inside of an escape sequence. Empty when the text holds no sequence.
 */
export function singleCharacters(text: string): Single[] {
  if (!/[\x1b\x90-\x9f]/.test(text) || BLESSED_MOUSE.test(text)) return [];
  const ranges = escapeSequenceRanges(text);
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
