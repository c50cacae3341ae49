import { describe, expect, it } from 'vitest';
import { cleanLine, cleanText, exceedsLength, graphemes } from '../../../src/text/index.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const post = (s: string, maxLength = 10_000): string => cleanText(s, { maxLength, multiline: true });
const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // 👨‍👩‍👧

describe('cleanText', () => {
  it('a post full of escape sequences keeps only its words', () => {
    const raw =
      'hello\x1b[2J \x1b]52;c;SGVsbG8gY2xpcGJvYXJk\x07world\x1b[8m hidden?\x1b[0m' +
      '\x1bP1$qm\x1b\\ \x1b]0;new title\x1b\\again\x1bc \x1b(B\x1b_apc body\x1b\\end';
    expect(post(raw)).toBe('hello world hidden? again end');
  });

  it('an OSC 52 clipboard write disappears along with its payload', () => {
    const out = post('copy \x1b]52;c;cm0gLXJmIH4=\x07this');
    expect(out).toBe('copy this');
    expect(out).not.toContain('cm0g');
  });

  it('an 8-bit CSI or OSC is stripped like its 7-bit twin', () => {
    expect(post('a\u009b31mb\u009b2Jc')).toBe('abc');
    expect(post('a\u009d52;c;QUFB\u0007b')).toBe('ab');
    expect(post('a\u0090qdata\u009cb')).toBe('ab');
    expect(post('a\u0085b\u0084c')).toBe('abc');
  });

  it('an unterminated escape at the end leaves nothing a terminal could act on', () => {
    for (const tail of ['\x1b', '\x1b[', '\x1b[12;3']) {
      const out = post(`text${tail}`);
      expect(out).toBe('text');
    }
    // A string sequence left open loses its introducer; what follows is plain text again.
    expect(post('text\x1b]52;c;QUFB')).toBe('text52;c;QUFB');
    expect(post('text\x1bPq')).toBe('textq');
  });

  it('a broken escape never takes the words after it with it', () => {
    expect(post('I wrote \x1b] by mistake, and this sentence stays.\nSo does this line.')).toBe(
      'I wrote  by mistake, and this sentence stays.\nSo does this line.',
    );
    expect(post('open \x1b]0;title and then \x1b[1mbold\x1b[0m after')).toBe('open 0;title and then bold after');
    expect(post('dcs \x1bPnever closed, still here')).toBe('dcs never closed, still here');
    expect(post('a\u009dhalf an 8-bit OSC, kept')).toBe('ahalf an 8-bit OSC, kept');
    expect(cleanLine('Subject \x1b] with the rest', 100)).toBe('Subject  with the rest');
  });

  it('no escape or control character survives in any form', () => {
    const out = post('a\x1b\x00[31mb\x07c\x08d\x7fe\x1b\x1b[1;31mf\x0cg\x0bh');
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });

  it('a right-to-left override cannot reverse the rest of the screen', () => {
    expect(post('user\u202Egnp.exe')).toBe('usergnp.exe');
    expect(post('a\u2066b\u2069c\u200Ed\u200Fe\u202Af\u202Cg\u061Ch')).toBe('abcdefgh');
  });

  it('a byte order mark in pasted text is dropped', () => {
    expect(post('\uFEFFhello\uFEFF')).toBe('hello');
  });

  it('Windows and old Mac line endings become plain newlines', () => {
    expect(post('one\r\ntwo\rthree\nfour')).toBe('one\ntwo\nthree\nfour');
    expect(post('a\u2028b\u2029c')).toBe('a\nb\nc');
  });

  it('tabs survive in a post but become spaces in a single-line field', () => {
    expect(post('a\tb')).toBe('a\tb');
    expect(cleanText('a\tb\r\nc', { maxLength: 100, multiline: false })).toBe('a b c');
  });

  it('lone surrogates become replacement characters', () => {
    expect(post('a\uD800b')).toBe('a\uFFFDb');
    expect(post('a\uDC00b')).toBe('a\uFFFDb');
    expect(post('\uD83D')).toBe('\uFFFD');
    expect(post('ok \u{1F600}')).toBe('ok \u{1F600}');
  });

  it('decomposed accents are composed so equal words compare equal', () => {
    expect(post('caf' + 'e\u0301')).toBe('caf\u00e9');
  });

  it('trailing spaces, extra blank lines and blank edges are tidied', () => {
    expect(post('\n\n  \nfirst   \n\n\n\n\n\nsecond\t\n \n\n')).toBe('first\n\n\nsecond');
    expect(post('  indented stays')).toBe('  indented stays');
    expect(post(' \n\t\n ')).toBe('');
  });

  it('a long post is cut without splitting an emoji family', () => {
    // 'ab' + family (5 code points): a cut at 4 must not keep half a family.
    expect(post(`ab${FAMILY}`, 4)).toBe('ab');
    expect(post(`ab${FAMILY}`, 7)).toBe(`ab${FAMILY}`);
    expect(post(`ab${FAMILY}cd`, 6)).toBe('ab');
  });

  it('a long post is cut without separating a letter from its combining marks', () => {
    // 'x' + U+0323 + U+0302 has no precomposed form, so it stays three code points.
    const cluster = 'x\u0323\u0302';
    expect(post(`ab${cluster}`, 4)).toBe('ab');
    expect(post(`ab${cluster}`, 5)).toBe(`ab${cluster}`);
  });

  it('a cut never leaves dangling whitespace', () => {
    expect(post('abc def', 4)).toBe('abc');
    expect(post('abc\n\n\ndef', 5)).toBe('abc');
  });

  it('a non-positive or nonsense limit keeps nothing', () => {
    expect(post('abc', 0)).toBe('');
    expect(post('abc', -5)).toBe('');
    expect(post('abc', Number.NaN)).toBe('');
  });

  it('non-string input is coerced rather than crashing', () => {
    expect(cleanText(42 as unknown as string, { maxLength: 10, multiline: true })).toBe('42');
  });

  it('cleaning twice changes nothing', () => {
    const samples = [
      'a\x1b[31m\u202E\r\n\n\n\n\nb\u0065\u0301  ',
      `${FAMILY}${FAMILY}x`,
      '\x1b\x00[2Jz',
      ' \t lead\t \n',
    ];
    for (const s of samples) {
      for (const maxLength of [3, 7, 100]) {
        const once = cleanText(s, { maxLength, multiline: true });
        expect(cleanText(once, { maxLength, multiline: true })).toBe(once);
      }
    }
  });
});

describe('cleanText against random hostile input', () => {
  const PIECES = [
    'a', 'word', ' ', '\n', '\r', '\r\n', '\t', '\x1b', '[', ']', '\\', 'P', '_', '^', 'X', '2', ';', 'J', 'm',
    '\x07', '\x00', '\x7f', '\u009b', '\u009c', '\u009d', '\u0090', '\u0085', '\u202e', '\u2066', '\u200f',
    '\ufeff', '\ud800', '\udc00', 'e', '\u0301', FAMILY, '日', '\u2028',
  ];
  const FORBIDDEN = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]/;

  it('2,000 random pastes come out free of controls, well-formed, within limit and stable', () => {
    let seed = 12345;
    const rand = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let i = 0; i < 2000; i++) {
      let raw = '';
      const n = Math.floor(rand() * 60);
      for (let j = 0; j < n; j++) raw += PIECES[Math.floor(rand() * PIECES.length)];
      const multiline = rand() < 0.5;
      const maxLength = Math.floor(rand() * 30);
      const out = cleanText(raw, { maxLength, multiline });
      expect(out).not.toMatch(FORBIDDEN);
      expect(out).toBe(out.normalize('NFC'));
      expect(out).not.toMatch(LONE_SURROGATE);
      expect([...out].length).toBeLessThanOrEqual(maxLength);
      if (!multiline) expect(out).not.toMatch(/[\n\t]/);
      expect(out).not.toMatch(/\n{4}|[^\S\n]\n|\s$|^\n/);
      expect(cleanText(out, { maxLength, multiline })).toBe(out);
    }
  });

  it('a megabyte of hostile paste is cleaned in well under a second or two', () => {
    const inputs = [
      '\x1b]52;c;'.repeat(50_000) + '\x1b['.repeat(50_000) + 'x\u0301'.repeat(100_000),
      'a' + ' '.repeat(500_000) + 'b' + '\n'.repeat(200_000) + 'c',
      '日本語'.repeat(100_000),
      '\u{1F1EF}\u{1F1F5}'.repeat(100_000),
      'x' + '\u0301'.repeat(300_000),
    ];
    for (const raw of inputs) {
      const started = performance.now();
      const out = cleanText(raw, { maxLength: 100, multiline: true });
      expect(performance.now() - started).toBeLessThan(2000);
      expect([...out].length).toBeLessThanOrEqual(100);
    }
  });
});

describe('cleanLine', () => {
  it('a thread title loses its newlines and surrounding spaces', () => {
    expect(cleanLine('  Hello\r\nthere\t ', 100)).toBe('Hello there');
  });

  it('the limit applies to the trimmed title', () => {
    expect(cleanLine('     abcdef', 3)).toBe('abc');
  });
});

describe('exceedsLength', () => {
  it('tells a form the text would be cut, counting after cleaning', () => {
    expect(exceedsLength('abcd', 3)).toBe(true);
    expect(exceedsLength('abc', 3)).toBe(false);
    expect(exceedsLength('abc\x1b[2J\x1b]52;c;QUFBQUFB\x07', 3)).toBe(false);
    expect(exceedsLength('e\u0301e\u0301e\u0301', 3)).toBe(false);
    expect(exceedsLength('  abc  ', 3, false)).toBe(false);
    expect(exceedsLength('  abc', 3, true)).toBe(true);
  });
});

describe('graphemes', () => {
  it('keeps a family emoji and a combining sequence whole', () => {
    expect(graphemes(`a${FAMILY}e\u0301`)).toEqual(['a', FAMILY, 'e\u0301']);
  });
});

describe('invisible characters and stacked marks', () => {
  const INVISIBLE = ['\u200b', '\u2060', '\u180e', '\u00ad', '\u115f', '\u3164', '\u{e0041}', '\u{e007f}', '\ufff9', '\ufffa', '\ufffb', '\u034f'];

  it('names and subjects keep no invisible character, and no braille blank', () => {
    for (const ch of INVISIBLE) expect(cleanLine(`a${ch}b`, 100), `U+${ch.codePointAt(0)!.toString(16)}`).toBe('ab');
    expect(cleanLine('a\u2800b', 100)).toBe('a b');
    expect(cleanLine('\u200d\u200cstarts with joiners\u200d', 100)).toBe('starts with joiners');
  });

  it('a one-line field keeps at most four marks on a letter; a body keeps what it was given', () => {
    const zalgo = 'x' + '\u0301'.repeat(80) + 'y';
    expect(cleanLine(zalgo, 200)).toBe('x' + '\u0301'.repeat(4) + 'y');
    expect(post(zalgo)).toBe(zalgo);
    expect(cleanLine('Việt Nam, naïve, ñ', 100)).toBe('Việt Nam, naïve, ñ');
  });

  it('bodies keep invisible characters only where they join a cluster', () => {
    for (const ch of INVISIBLE) expect(post(`a${ch}b`), `U+${ch.codePointAt(0)!.toString(16)}`).toBe('ab');
    expect(post('braille ⠀⠁ art')).toBe('braille ⠀⠁ art');
    expect(post(`a family ${FAMILY} and \u200dnothing joined\u200d`)).toBe(`a family ${FAMILY} and nothing joined`);
  });

  it('emoji sequences that need a joiner, a selector or tags stay whole everywhere', () => {
    const scotland = '\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}';
    for (const s of [FAMILY, scotland, '❤️', '1️⃣', '👋🏽', '🇬🇧', '🏳️‍🌈']) {
      expect(cleanLine(`x ${s} y`, 100)).toBe(`x ${s} y`);
      expect(post(`x ${s} y`)).toBe(`x ${s} y`);
    }
  });
});
