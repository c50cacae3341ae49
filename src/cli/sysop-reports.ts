import { describeReport, reasonLabel, type Report, type Reports } from '../services/reports.js';
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

/** Opens the reports on the data directory for one command, then closes the database. */
function withReports(opts: { dataDir: string; out: Output }, work: (reports: Reports) => number): number {
  return withServices(opts, ({ reports }) => work(reports));
}

const day = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ');
const state = (r: Report) => (r.status === 'open' ? 'open' : (r.outcome ?? 'acted'));

/** `haven sysop reports list [--all] [--json]`: one line per report, newest first; open ones unless --all. */
export function reportsListCommand(opts: { dataDir: string; out: Output; all: boolean; json?: boolean }): number {
  return withReports(opts, (reports) => {
    const rows: Report[] = reports.list('console', { status: opts.all ? 'all' : 'open' });
    if (opts.json) {
      printJson(opts.out, rows.map((r) => ({ ...reportJson(r, false), category: r.category, state: state(r) })));
      return 0;
    }
    opts.out.out(
      `${'NO.'.padEnd(6)}${'KIND'.padEnd(6)}${'REASON'.padEnd(11)}${'STATE'.padEnd(10)}${'FILED (UTC)'.padEnd(18)}${'BY'.padEnd(17)}${'ABOUT'.padEnd(17)}WHERE / WORDS\n`,
    );
    for (const r of rows) {
      const words = [r.place, r.reason].filter((s) => s).join(': ');
      const shown = words.length > 60 ? `${words.slice(0, 59)}…` : words;
      opts.out.out(
        `${String(r.id).padEnd(6)}${r.kind.padEnd(6)}${r.category.padEnd(11)}${state(r).padEnd(10)}${day(r.createdAt).padEnd(18)}${r.reporterName.padEnd(17)}${r.authorName.padEnd(17)}${shown}\n`,
      );
    }
    opts.out.out(`${rows.length} ${opts.all ? '' : 'open '}report${rows.length === 1 ? '' : 's'}\n`);
    return 0;
  });
}

/** `haven sysop reports show N [--json]`: the report with the copy of what was reported. */
export function reportsShowCommand(opts: { dataDir: string; out: Output; id: number; json?: boolean }): number {
  return withReports(opts, (reports) => {
    const r = reports.get('console', opts.id);
    if (!r) {
      opts.out.err(`There is no report number ${opts.id}.\n`);
      return 1;
    }
    const others = r.status === 'open' ? (reports.group('console', r.id)?.count ?? 1) - 1 : 0;
    const atRiskNote = r.category === 'at-risk' ? reports.atRiskNote() : null;
    if (opts.json) {
      printJson(opts.out, { ...reportJson(r, true), category: r.category, state: state(r), otherOpenReports: others, atRiskNote });
      return 0;
    }
    for (const { text } of describeReport(r, (t) => `${day(t)} UTC`)) opts.out.out(`${text}\n`);
    if (others > 0) opts.out.out(`\n${others} other open report${others === 1 ? '' : 's'} about the same ${r.kind === 'chat' ? 'line' : r.kind}; dismiss or act closes them all.\n`);
    if (atRiskNote) opts.out.out(`\n${atRiskNote}\n`);
    return 0;
  });
}

/**
 * `haven sysop reports act|dismiss N [--note TEXT]` (and `close N`, the old name of act):
 * closes every open report about the same item, with one entry in the audit log.
 */
export function reportsHandleCommand(opts: { dataDir: string; out: Output; id: number; outcome: 'acted' | 'dismissed'; note?: string }): number {
  return withReports(opts, (reports) => {
    const done = opts.outcome === 'acted' ? reports.markActed('console', opts.id, opts.note) : reports.dismiss('console', opts.id, opts.note);
    const r = reports.get('console', opts.id)!;
    const n = done.reportIds.length;
    const what = `${n} report${n === 1 ? '' : 's'} (${done.reportIds.join(', ')}) about the ${r.kind === 'chat' ? 'chat line' : r.kind} by ${r.authorName}`;
    opts.out.out(`${opts.outcome === 'acted' ? 'Acted on' : 'Dismissed'}: ${what}. Reason given: ${reasonLabel(r.category)}.\n`);
    return 0;
  });
}

/** `haven sysop reports close N`: kept as another name for `act`. */
export function reportsCloseCommand(opts: { dataDir: string; out: Output; id: number; note?: string }): number {
  return reportsHandleCommand({ ...opts, outcome: 'acted' });
}
