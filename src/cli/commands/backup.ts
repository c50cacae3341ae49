import type { Argv } from 'yargs';
import { backupCommand, restoreCommand, stderrProgress } from '../backup.js';
import { hostKeyCommand } from '../host-key.js';
import { terminal } from '../output.js';
import { consoleDir, withDataDir, withJson } from './console-options.js';

/** `haven backup FILE|DIR [--keep N]`. */
export const backupOptions = <T>(y: Argv<T>) =>
  withDataDir(y)
    .positional('target', { type: 'string', demandOption: true, describe: 'A new file to write, or a directory to write haven-TIME.db in' })
    .option('keep', { type: 'number', describe: 'With a directory: keep this many haven-TIME.db backups there, removing the oldest' })
    .check((argv) => {
      const keep = argv.keep;
      if (keep !== undefined && (!Number.isInteger(keep) || keep < 1)) throw new Error('--keep takes a whole number of backups, 1 or more.');
      return true;
    });

export async function runBackup(argv: Awaited<ReturnType<ReturnType<typeof backupOptions>['parseAsync']>>): Promise<void> {
  process.exitCode = await backupCommand({
    dataDir: consoleDir(argv),
    target: String(argv.target),
    keep: argv.keep,
    out: terminal,
    progress: stderrProgress(),
  });
}

/** `haven restore FILE`. */
export const restoreOptions = <T>(y: Argv<T>) =>
  withDataDir(y).positional('file', { type: 'string', demandOption: true, describe: 'The backup to put back' });

export function runRestore(argv: Awaited<ReturnType<ReturnType<typeof restoreOptions>['parseAsync']>>): void {
  process.exitCode = restoreCommand({ dataDir: consoleDir(argv), file: String(argv.file), out: terminal });
}

/** `haven host-key`. */
export const hostKeyOptions = <T>(y: Argv<T>) => withJson(withDataDir(y));

export function runHostKey(argv: Awaited<ReturnType<ReturnType<typeof hostKeyOptions>['parseAsync']>>): void {
  process.exitCode = hostKeyCommand({ dataDir: consoleDir(argv), out: terminal, json: argv.json });
}
