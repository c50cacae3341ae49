/**
 * Whole-word matching that ignores case and accents, for lists people write by hand (the
 * sysop's crisis phrases, a member's muted words, staff's watched words). Text and lists are
 * folded the same way, then cut into words, and words are compared one by one with `*` and `?`
 * wildcards, never by a regular expression: no text a member types can make matching slow.
 */

// Characters that change nothing a reader sees but split a word for a plain comparison.
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFE00-\uFE0F\uFEFF]/gu;
const MARKS = /\p{M}+/gu;

/**
 * Text with its letters folded, punctuation and spacing kept: compatibility forms folded (NFKC:
 * full-width letters, ligatures, circled letters), invisible characters removed, accents and
 * other combining marks dropped (so "cafe" matches "café"), and lower case (with the full case
 * folding of ß and the like). Staff's watched words keep their `*`, `?`, ' and - through it.
 */
export function foldLetters(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .normalize('NFD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ς/g, 'σ')
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .normalize('NFC');
}

/** The words of folded text, each as its characters: runs of letters and numbers; everything else separates them. */
export function wordsOf(foldedText: string): string[][] {
  return (foldedText.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => [...w]);
}

/**
 * Text as the matchers see it: folded (see `foldLetters`), and everything that is not a letter
 * or a digit turned into a single space, so "Kill-myself!" holds "kill myself" and "can't"
 * holds "can t".
 */
export function foldForMatching(text: string): string {
  return (foldLetters(text).match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/**
 * Whether one word matches one pattern word with * (any letters) and ? (one), by the two-pointer
 * method that returns only to the last *: at most word × pattern steps, so no text a member
 * types can make matching slow (a regular expression with several * can backtrack for ever).
 */
function globMatches(glob: string[], word: string[]): boolean {
  let g = 0;
  let w = 0;
  let star = -1;
  let resume = 0;
  while (w < word.length) {
    if (g < glob.length && (glob[g] === '?' || glob[g] === word[w])) {
      g++;
      w++;
    } else if (g < glob.length && glob[g] === '*') {
      star = g++;
      resume = w;
    } else if (star >= 0) {
      g = star + 1;
      w = ++resume;
    } else {
      return false;
    }
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}

/** Words with wildcards, ready to look for in the words of a text. */
export interface CompiledPattern {
  /** How many words the pattern covers. */
  readonly length: number;
  /** True when the pattern's words match the text's, whole, from word `at` on. */
  matchesAt(words: string[][], at: number): boolean;
  /** True when the words appear in order, one after another, each matching whole. */
  matchesWords(words: string[][]): boolean;
  /** The same, for (already folded) text. */
  test(foldedText: string): boolean;
}

/**
 * Compiles a pattern given as its words, each as its characters, where `*` stands for any
 * letters within a word and `?` for exactly one. At least one word.
 */
export function compileWords(globs: string[][]): CompiledPattern {
  // Most words of a text fail on the first pattern word's first or last letter: checked first.
  const first = globs[0]!;
  const head = first[0] === '*' || first[0] === '?' ? undefined : first[0];
  const tail = first.at(-1) === '*' || first.at(-1) === '?' ? undefined : first.at(-1);
  const matchesAt = (words: string[][], at: number): boolean => {
    if (at + globs.length > words.length) return false;
    const word = words[at]!;
    if ((head !== undefined && word[0] !== head) || (tail !== undefined && word[word.length - 1] !== tail)) return false;
    for (let k = 0; k < globs.length; k++) if (!globMatches(globs[k]!, words[at + k]!)) return false;
    return true;
  };
  const matchesWords = (words: string[][]): boolean => {
    for (let i = 0; i + globs.length <= words.length; i++) if (matchesAt(words, i)) return true;
    return false;
  };
  return { length: globs.length, matchesAt, matchesWords, test: (foldedText) => matchesWords(wordsOf(foldedText)) };
}

/** Finds which phrase of a list a text contains. */
export interface PhraseMatcher {
  /** The first phrase (as written in the list) that `text` contains as whole words, or undefined. */
  find(text: string): string | undefined;
  readonly size: number;
}

interface Compiled {
  phrase: string;
  pattern: CompiledPattern;
}

function compile(phrase: string): Compiled | undefined {
  const prefix = phrase.trimEnd().endsWith('*');
  // Folded to plain words first: a `*` or `?` anywhere else separates words like any punctuation.
  const globs = wordsOf(foldLetters(prefix ? phrase.trimEnd().slice(0, -1) : phrase));
  if (globs.length === 0) return undefined;
  if (prefix) globs[globs.length - 1]!.push('*');
  return { phrase: phrase.trim(), pattern: compileWords(globs) };
}

/** The words left once every occurrence of `pattern`, left to right, is taken out. */
function without(words: string[][], pattern: CompiledPattern): string[][] {
  const kept: string[][] = [];
  let i = 0;
  while (i < words.length) {
    if (pattern.matchesAt(words, i)) {
      i += pattern.length;
    } else {
      kept.push(words[i]!);
      i++;
    }
  }
  return kept;
}

/**
 * A matcher for a list of phrases. A phrase matches whole words only ("die" is not in
 * "diet"); one ending in `*` matches any word that starts so ("suicid*" finds "suicidal").
 * A phrase starting with `!` is an exception: where it occurs, the words in it count for
 * nothing ("!suicide squad" lets a film be named without a match for "suicide").
 */
export function phraseMatcher(phrases: Iterable<string>): PhraseMatcher {
  const find: Compiled[] = [];
  const except: Compiled[] = [];
  for (const raw of phrases) {
    const line = raw.trim();
    if (!line) continue;
    const exception = line.startsWith('!');
    const compiled = compile(exception ? line.slice(1) : line);
    if (compiled) (exception ? except : find).push(compiled);
  }
  return {
    size: find.length,
    find(text: string): string | undefined {
      if (find.length === 0) return undefined;
      let words = wordsOf(foldLetters(text));
      for (const e of except) words = without(words, e.pattern);
      return find.find((f) => f.pattern.matchesWords(words))?.phrase;
    },
  };
}
