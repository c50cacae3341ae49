import { cleaningOutput, type Output } from '../../src/cli/output.js';

/** What a console command printed, cleaned as the terminal cleans it. */
export interface CapturedOutput {
  out: Output;
  /** Results, as they would reach stdout. */
  text(): string;
  /** Refusals, as they would reach stderr. */
  errors(): string;
  /** Both, in the order they were written. */
  all(): string;
  /** Forgets what was captured so far. */
  clear(): void;
}

/** A writer to hand a console command in place of the terminal. */
export function captureOutput(): CapturedOutput {
  let both: string[] = [];
  let printed = '';
  let complained = '';
  return {
    out: cleaningOutput({
      out: (text) => (both.push(text), (printed += text)),
      err: (text) => (both.push(text), (complained += text)),
    }),
    text: () => printed,
    errors: () => complained,
    all: () => both.join(''),
    clear: () => ((both = []), (printed = ''), (complained = '')),
  };
}
