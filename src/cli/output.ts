import { displayWidth, padToWidth, stripControls } from '../text/index.js';

// What a console command prints reaches the sysop's terminal, and much of it came from
// elsewhere: member names and report reasons from the database, names and values typed on
// the command line (which may have come from a script or a pasted line). All of it is cleaned
// the way members' text is, so an escape sequence in any of it prints inert.

/** Prints a console command's results (stdout) and refusals (stderr). */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** Passes every text on to `to` cleaned: the terminal and the tests' capture print the same. */
export function cleaningOutput(to: Output): Output {
  return { out: (text) => to.out(stripControls(text)), err: (text) => to.err(stripControls(text)) };
}

/** The process's own stdout and stderr: what the command line hands every command. */
export const terminal: Output = cleaningOutput({
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
});

/**
 * `haven sysop board list | head` closes the pipe before everything is written: the rest of
 * the output has nowhere to go, which is what the sysop asked for, so the command ends quietly
 * instead of crashing with EPIPE.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

const guarded = new WeakSet<NodeJS.WriteStream>();

/**
 * `--json`: one JSON document on stdout, for scripts. A list is an array of objects, a single
 * thing is an object; times are ISO 8601 strings in UTC (or null), names are as stored. No
 * colours and no table text, so `jq` reads it as it is.
 */
export function printJson(out: Output, value: unknown): void {
  out.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** An epoch-ms time for JSON: ISO 8601 in UTC, or null. */
export function isoTime(t: number | null | undefined): string | null {
  return t === null || t === undefined ? null : new Date(t).toISOString();
}

/** An epoch-ms time for a table: "2026-11-30 14:05" (UTC), or the fallback. */
export function tableTime(t: number | null | undefined, fallback = 'never'): string {
  return t === null || t === undefined ? fallback : new Date(t).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * A readable table: a header row and one row per item, columns as wide as their widest cell
 * (by display width, so names in any script line up); the last column is not padded.
 */
export function printTable(out: Output, headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))) + 2);
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : padToWidth(c, widths[i]))).join('').trimEnd() + '\n';
  out.out(line(headers));
  for (const r of rows) out.out(line(r));
}
