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

/**
 * A yargs `coerce` for an on/off setting typed as a value (`--read-only false`): true/false,
 * yes/no or on/off; the bare flag means on. Anything else is an error that says so.
 */
export function onOff(what: string): (typed: unknown) => boolean | undefined {
  return (typed) => {
    if (typed === undefined) return undefined;
    if (typeof typed === 'boolean') return typed;
    const text = String(typed).trim().toLowerCase();
    if (text === '' || text === 'true' || text === 'yes' || text === 'on') return true;
    if (text === 'false' || text === 'no' || text === 'off') return false;
    throw new Error(`${what} is true or false, not "${String(typed)}".`);
  };
}
