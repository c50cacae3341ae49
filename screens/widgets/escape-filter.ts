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
  swallow(sequence: string | undefined): boolean;
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
  let pending: string[] = [];
  let pasting = false;

  const onData = (...args: unknown[]) => {
    const chunk = args[0] as Buffer | string;
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    pending = embeddedCharacters(text);
    // The markers can come in any chunk; the last one in a chunk decides.
    const start = text.lastIndexOf('\x1b[200~');
    const end = text.lastIndexOf('\x1b[201~');
    if (start > end) pasting = true;
    else if (end > start) pasting = false;
  };
  input.prependListener('data', onData);

  return {
    swallow(sequence) {
      if (pending.length === 0 || sequence === undefined) return false;
      if (pending[0] === sequence) {
        pending.shift();
        return true;
      }
      // Out of step with blessed (it should not happen): stop swallowing rather than eat typing.
      pending = [];
      return false;
    },
    inPaste: () => pasting,
    dispose() {
      input.removeListener('data', onData);
    },
  };
}

/** The single characters blessed will emit from `text` that sit inside an escape sequence. */
export function embeddedCharacters(text: string): string[] {
  if (!/[\x1b\x90-\x9f]/.test(text) || BLESSED_MOUSE.test(text)) return [];
  const ranges = escapeSequenceRanges(text);
  if (ranges.length === 0) return [];
  const inside = (pos: number) => ranges.some(([a, b]) => pos >= a && pos < b);
  const out: string[] = [];
  let offset = 0;
  let rest = text;
  const singles = (s: string, at: number) => {
    for (let i = 0; i < s.length; i++) if (inside(at + i)) out.push(s[i]!);
  };
  for (let m = BLESSED_KEY_SEQUENCE.exec(rest); m; m = BLESSED_KEY_SEQUENCE.exec(rest)) {
    singles(rest.slice(0, m.index), offset);
    offset += m.index + m[0].length;
    rest = rest.slice(m.index + m[0].length);
  }
  singles(rest, offset);
  return out;
}
