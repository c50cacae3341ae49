import { UserError } from '../errors.js';
import type { AuditEntry } from '../services/audit.js';
import { withServices } from './data-dir.js';
import { activityTotal } from '../services/activity.js';
import { barLine } from '../../screens/widgets/bar-chart.js';
import { formatConnectionStatus, readConnectionStatus } from '../server/connection-status.js';
import { isoTime, printJson, printTable, tableTime, type Output } from './output.js';

type Target = { dataDir: string; out: Output };

function bytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** `haven sysop stats [--json]`: members, who is online and where (coarsely), today's activity, reports, database size. */
export function statsCommand(opts: Target & { json?: boolean }): number {
  return withServices(opts, ({ stats, activity }) => {
    const s = stats.snapshot();
    // What members did per hour (log-ins, posts, mail, chat lines), the current hour last.
    const lastDay = activity.hours(24).map((h) => activityTotal(h.counts));
    // What the running server last wrote of its connection limits: counts, penalised sources as hashes.
    const connections = readConnectionStatus(opts.dataDir);
    if (opts.json) {
      printJson(opts.out, { ...s, activityLast24Hours: lastDay, connections: connections ?? null });
      return 0;
    }
    const where = Object.entries(s.online.places)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
    const rows: Array<[string, string]> = [
      ['Members', String(s.members)],
      ['Online now', s.online.sessions === 0 ? 'no one (or the server is not running)' : `${s.online.members} (${where})`],
      ['Posts', `${s.posts.total} (${s.posts.today} today)`],
      ['Mail today', String(s.mailToday)],
      ['Chat lines today', String(s.chatLinesToday)],
      ['Open reports', String(s.openReports)],
      ['Database', bytes(s.databaseBytes)],
    ];
    for (const [k, v] of rows) opts.out.out(`${`${k}:`.padEnd(18)}${v}\n`);
    opts.out.out(`"Today" is the UTC day ${s.day}.\n`);
    // Plain # and . print on any terminal and survive a pipe into mail or a file.
    opts.out.out(`Last 24 hours:    ${barLine(lastDay, 24, false)}  (busiest hour ${Math.max(...lastDay)}; log-ins, posts, mail, chat lines)\n`);
    for (const line of formatConnectionStatus(connections)) opts.out.out(`${line}\n`);
    return 0;
  });
}

/**
 * When `--since` starts: a duration back from now (30m, 24h, 7d) or a UTC date (2026-11-30, or
 * with a time, 2026-11-30T14:00). Anything else is refused with an example.
 */
export function parseSince(text: string, now: number): number {
  const t = text.trim();
  const ago = /^(\d+)\s*([mhdw])$/i.exec(t);
  if (ago) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }[ago[2].toLowerCase() as 'm' | 'h' | 'd' | 'w'];
    return now - Number(ago[1]) * unit;
  }
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/.test(t)) {
    const at = Date.parse(t.length === 10 ? `${t}T00:00:00Z` : `${t}Z`);
    if (Number.isFinite(at)) return at;
  }
  throw new UserError(`--since takes a time back from now (30m, 24h, 7d, 2w) or a UTC date (2026-11-30), not "${text}".`);
}

function entryJson(e: AuditEntry) {
  return {
    at: isoTime(e.at),
    origin: e.origin,
    by: e.actorName,
    action: e.action,
    target: { kind: e.targetKind, label: e.targetLabel },
    reason: e.reason,
    detail: e.detail,
  };
}

/** `haven sysop audit [--since 7d|24h|DATE] [--by NAME] [--json]`: staff actions, newest first. */
export function auditCommand(opts: Target & { since?: string; by?: string; json?: boolean; now?: number }): number {
  return withServices(opts, ({ audit }) => {
    const since = opts.since !== undefined ? parseSince(opts.since, opts.now ?? Date.now()) : undefined;
    const entries = audit.list('console', { since, by: opts.by?.trim() });
    if (opts.json) {
      printJson(opts.out, entries.map(entryJson));
      return 0;
    }
    if (entries.length === 0) {
      opts.out.out(`No staff actions${opts.by ? ` by ${opts.by}` : ''}${opts.since ? ` since ${opts.since}` : ''}.\n`);
      return 0;
    }
    printTable(
      opts.out,
      ['WHEN (UTC)', 'WHO', 'ACTION', 'TARGET', 'REASON'],
      entries.map((e) => [tableTime(e.at), e.actorName, e.action, e.targetLabel || '-', e.reason || '-']),
    );
    opts.out.out(`${entries.length} action${entries.length === 1 ? '' : 's'}${entries.length === 500 ? ' (the newest 500; narrow with --since or --by)' : ''}\n`);
    return 0;
  });
}
