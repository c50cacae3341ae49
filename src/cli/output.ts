import { stripControls } from '../text/index.js';

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
