/**
 * Whole-word phrase matching that ignores case and accents, for lists people write by hand
 * (the sysop's crisis phrases, a member's muted words). Text and phrases are folded the same
 * way: accents dropped (é → e, ñ → n, ß → ss), lower case, and everything that is not a letter
 * or a digit turned into a space, so "Kill-myself!" holds "kill myself" and "can't" holds "can t".
 */
export function foldForMatching(text: string): string {
  // Lower case first: some capitals lower to a letter and a mark (İ to i and a dot above).
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Finds which phrase of a list a text contains. */
export interface PhraseMatcher {
  /** The first phrase (as written in the list) that `text` contains as whole words, or undefined. */
  find(text: string): string | undefined;
  readonly size: number;
}

interface Compiled {
  phrase: string;
  pattern: RegExp;
}

function compile(phrase: string): Compiled | undefined {
  const prefix = phrase.trimEnd().endsWith('*');
  const folded = foldForMatching(prefix ? phrase.trimEnd().slice(0, -1) : phrase);
  if (!folded) return undefined;
  const words = folded.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { phrase: phrase.trim(), pattern: new RegExp(`(?<= )${words}${prefix ? '[\\p{L}\\p{N}]*' : ''}(?= )`, 'gu') };
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
      // Padded with spaces so that every word, the first and the last too, has a space each side.
      let folded = ` ${foldForMatching(text)} `;
      for (const e of except) folded = folded.replace(e.pattern, ' ');
      for (const f of find) {
        f.pattern.lastIndex = 0;
        if (f.pattern.test(folded)) return f.phrase;
      }
      return undefined;
    },
  };
}
