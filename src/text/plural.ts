// Counts in plain English: "1 thread", "2 threads", "1,040,000 characters".

/** A number and its noun, singular for exactly one; `plural` for nouns that do not just add "s". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? singular : plural}`;
}
