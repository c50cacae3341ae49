import { isHighSurrogate, isLowSurrogate } from './editor-rows.js';

/**
 * blessed splits its input into UTF-16 code units and makes each a keypress of its own (its
 * key tokenizer does `split('')`), so an emoji or any other character outside the Basic
 * Multilingual Plane arrives as two keypresses, each half meaningless alone. The bytes
 * themselves are decoded across packet boundaries before that (blessed's StringDecoder);
 * this puts the halves back together, so a text field only ever sees whole code points.
 *
 * Returns the whole character to insert, or undefined while the first half waits for its
 * pair (a half without its partner is dropped, as it could only become U+FFFD).
 */
export function createSurrogatePairer(): (ch: string) => string | undefined {
  let high = '';
  return (ch) => {
    if (isHighSurrogate(ch)) {
      high = ch;
      return undefined;
    }
    if (isLowSurrogate(ch)) {
      const whole = high ? high + ch : undefined;
      high = '';
      return whole;
    }
    high = '';
    return ch;
  };
}
