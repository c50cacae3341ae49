import type { Argv } from 'yargs';
import { terminal } from '../output.js';
import { consoleDir, withDataDir } from './console-options.js';

/** `haven console --as NAME`'s options. */
export const consoleOptions = <T>(c: Argv<T>) =>
  withDataDir(c).option('as', { type: 'string', demandOption: true, describe: 'The member to be (usually your own sysop account)' });

/** Runs the BBS on this terminal until the member logs off. */
export async function runConsole(argv: Awaited<ReturnType<ReturnType<typeof consoleOptions>['parseAsync']>>): Promise<void> {
  // The screens load only for this command.
  const { consoleCommand } = await import('../console.js');
  const code = await consoleCommand({ dataDir: consoleDir(argv), out: terminal, as: argv.as });
  // Nothing else is left to wait for: the shell gets its prompt back at once.
  process.exit(code);
}
