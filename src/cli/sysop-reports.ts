import { describeReport, type Report, type Reports } from '../services/reports.js';
import { withServices } from './data-dir.js';
import { isoTime, printJson, type Output } from './output.js';

/** A report for --json: the same shape from list and show (show adds the copy's text). */
function reportJson(r: Report, withCopy: boolean) {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    filed: isoTime(r.createdAt),
    by: r.reporterName,
    about: r.authorName,
    place: r.place,
    reason: r.reason,
    handledBy: r.handledByName,
    handled: isoTime(r.handledAt),
    ...(withCopy ? { copy: { title: r.copyTitle, text: r.copyText, written: isoTime(r.writtenAt) } } : {}),
  };
}

/** Opens the report queue on the data directory for one command, then closes the database. */
function withReports(opts: { dataDir: string; out: Output }, work: (reports: Reports) => number): number {
  return withServices(opts, ({ reports }) => work(reports));
}

const day = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ');

/** `haven sysop reports list [--all]`: one line per report, newest first; open ones unless --all. */
export function reportsListCommand(opts: { dataDir: string; out: Output; all: boolean; json?: boolean }): number {
  return withReports(opts, (reports) => {
    const rows: Report[] = reports.list('console', { status: opts.all ? 'all' : 'open' });
    if (opts.json) {
      printJson(opts.out, rows.map((r) => reportJson(r, false)));
      return 0;
    }
    opts.out.out(`${'NO.'.padEnd(6)}${'KIND'.padEnd(6)}${'STATUS'.padEnd(8)}${'FILED (UTC)'.padEnd(18)}${'BY'.padEnd(17)}${'ABOUT'.padEnd(17)}REASON\n`);
    for (const r of rows) {
      const reason = r.reason.length > 60 ? `${r.reason.slice(0, 59)}…` : r.reason;
      opts.out.out(`${String(r.id).padEnd(6)}${r.kind.padEnd(6)}${r.status.padEnd(8)}${day(r.createdAt).padEnd(18)}${r.reporterName.padEnd(17)}${r.authorName.padEnd(17)}${reason}\n`);
    }
    opts.out.out(`${rows.length} ${opts.all ? '' : 'open '}report${rows.length === 1 ? '' : 's'}\n`);
    return 0;
  });
}

/** `haven sysop reports show N`: the report with the copy of what was reported. */
export function reportsShowCommand(opts: { dataDir: string; out: Output; id: number; json?: boolean }): number {
  return withReports(opts, (reports) => {
    const r = reports.get('console', opts.id);
    if (!r) {
      opts.out.err(`There is no report number ${opts.id}.\n`);
      return 1;
    }
    if (opts.json) {
      printJson(opts.out, reportJson(r, true));
      return 0;
    }
    for (const { text } of describeReport(r, (t) => `${day(t)} UTC`)) opts.out.out(`${text}\n`);
    return 0;
  });
}

/** `haven sysop reports close N`: marks a report handled. */
export function reportsCloseCommand(opts: { dataDir: string; out: Output; id: number }): number {
  return withReports(opts, (reports) => {
    reports.close('console', opts.id);
    opts.out.out(`Report ${opts.id} is closed.\n`);
    return 0;
  });
}
