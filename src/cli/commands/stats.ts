import type { Argv } from 'yargs';
import { auditCommand, statsCommand } from '../sysop-stats.js';
import { terminal } from '../output.js';
import { consoleDir, withDataDir, withJson } from './console-options.js';

/** `haven sysop stats`. */
export const statsOptions = <T>(s: Argv<T>) => withJson(withDataDir(s));

export function runStats(argv: Awaited<ReturnType<ReturnType<typeof statsOptions>['parseAsync']>>): void {
  process.exitCode = statsCommand({ dataDir: consoleDir(argv), out: terminal, json: argv.json });
}

/** `haven sysop audit`. */
export const auditOptions = <T>(a: Argv<T>) =>
  withJson(withDataDir(a))
    .option('since', { type: 'string', describe: 'From a time back from now (24h, 7d) or a UTC date (2026-11-30)' })
    .option('by', { type: 'string', describe: 'Only what this staff member (or "console") did' });

export function runAudit(argv: Awaited<ReturnType<ReturnType<typeof auditOptions>['parseAsync']>>): void {
  process.exitCode = auditCommand({ dataDir: consoleDir(argv), out: terminal, since: argv.since, by: argv.by, json: argv.json });
}
