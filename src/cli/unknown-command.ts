/** The names of the console's commands, each with the names of its subcommands. */
export interface CommandTree {
  [name: string]: CommandTree;
}

/**
 * Turns yargs's "Unknown argument: uesr" into "Unknown command 'uesr'. Did you mean 'user'?"
 * when the unknown word stands where a command name goes; otherwise returns undefined and the
 * original message stands (a stray word after a complete command is not a misspelt command).
 */
export function explainUnknownCommand(message: string, args: string[], tree: CommandTree): string | undefined {
  const listed = /^Unknown arguments?: (.*)$/.exec(message.split('\n')[0]);
  if (!listed) return undefined;
  const unknown = new Set(listed[1].split(', '));
  let node = tree;
  for (const word of args) {
    if (word.startsWith('-')) continue;
    const next = node[word];
    if (next) {
      node = next;
      continue;
    }
    if (!unknown.has(word)) continue;
    const names = Object.keys(node);
    if (names.length === 0) return undefined;
    const near = nearest(word, names);
    return near ? `Unknown command '${word}'. Did you mean '${near}'?` : `Unknown command '${word}'. The commands here are: ${names.join(', ')}.`;
  }
  return undefined;
}

/** The name closest to what was typed, if one is close enough to be what was meant. */
export function nearest(typed: string, names: string[]): string | undefined {
  const word = typed.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    if (word.length >= 2 && name.startsWith(word)) return name;
    const d = editDistance(word, name);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return bestDistance <= Math.max(1, Math.floor(word.length / 2)) ? best : undefined;
}

/** Edits between two words, a swap of neighbouring letters counting as one (the commonest typo). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
