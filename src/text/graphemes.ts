// Grapheme segmentation that stays linear on Node 20. V8 before 12.x makes
// Intl.Segmenter quadratic in the input length (crbug 326176949): 80,000
// ASCII characters take seconds, so a member pasting a long post could stall
// the whole single-threaded server. The input is therefore fed to the
// segmenter in short chunks, split only where a grapheme boundary is certain.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// Chunks are looked for from CHUNK code units on; an input offering no certain
// boundary for MAX_CHUNK code units (only adversarial text such as thousands
// of flags or of combining marks does) is split at a code point boundary
// instead, which may divide one such cluster in two.
const CHUNK = 256;
const MAX_CHUNK = 1024;

const EXTENDED_PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;

// Grapheme_Cluster_Break=Prepend: these attach to whatever follows them.
const PREPEND = new Set([
  0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6dd, 0x70f, 0x890, 0x891, 0x8e2, 0xd4e, 0x110bd, 0x110cd,
  0x111c2, 0x111c3, 0x1193f, 0x11941, 0x11a3a, 0x11a84, 0x11a85, 0x11a86, 0x11a87, 0x11a88, 0x11a89,
  0x11d46, 0x11f02,
]);

/** Splits text into user-perceived characters, so that cuts never land inside an emoji or a combining sequence. */
export function graphemes(s: string): string[] {
  return Array.from(eachGrapheme(s));
}

/** Yields grapheme clusters lazily, so callers that stop early do not pay for the rest of a long text. */
export function* eachGrapheme(s: string): Generator<string, void, undefined> {
  let start = 0;
  while (start < s.length) {
    const end = chunkEnd(s, start);
    for (const part of segmenter.segment(s.slice(start, end))) yield part.segment;
    start = end;
  }
}

function chunkEnd(s: string, start: number): number {
  if (s.length - start <= CHUNK) return s.length;
  const limit = Math.min(s.length, start + MAX_CHUNK);
  for (let i = start + CHUNK; i < limit; i++) {
    if (isCertainBoundary(s, i)) return i;
  }
  if (limit === s.length) return limit;
  // Never split a surrogate pair, whatever else happens.
  const c = s.charCodeAt(limit);
  return c >= 0xdc00 && c <= 0xdfff ? limit + 1 : limit;
}

// True only where UAX #29 breaks whatever the context: before a character
// that nothing can extend from the left (printable ASCII, CJK ideographs,
// kana, Hangul syllables, pictographs), unless the one before it glues to it.
function isCertainBoundary(s: string, i: number): boolean {
  const next = s.codePointAt(i)!;
  if (next >= 0xdc00 && next <= 0xdfff) return false;
  const prev = codePointBefore(s, i);
  if (PREPEND.has(prev)) return false;
  if (next >= 0x20 && next <= 0x7e) return true;
  if ((next >= 0x3400 && next <= 0x4dbf) || (next >= 0x4e00 && next <= 0x9fff)) return true;
  if ((next >= 0x3041 && next <= 0x3096) || (next >= 0x30a1 && next <= 0x30fa)) return true;
  if (next >= 0xac00 && next <= 0xd7a3) {
    // A leading jamo combines with a following syllable.
    return !((prev >= 0x1100 && prev <= 0x115f) || (prev >= 0xa960 && prev <= 0xa97c));
  }
  // Only a zero width joiner glues a pictograph to what precedes it.
  if (next > 0x7f && prev !== 0x200d) return EXTENDED_PICTOGRAPHIC.test(String.fromCodePoint(next));
  return false;
}

function codePointBefore(s: string, i: number): number {
  const low = s.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = s.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return low;
}
