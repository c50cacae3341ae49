/**
 * A yargs `coerce` for a number typed on the command line (a report number): a whole number of
 * 1 or more, or an error that says so, instead of NaN reaching the command.
 */
export function wholeNumber(what: string): (typed: unknown) => number {
  return (typed) => {
    const text = String(typed).trim();
    const n = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new Error(`${what} is a whole number such as 12, not "${String(typed)}".`);
    return n;
  };
}
