import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import type { Hub } from '../hub.js';
import { cleanLine, cleanText } from '../text/index.js';
import type { Member } from './accounts.js';

export type ReportKind = 'mail' | 'post' | 'chat';
export type ReportStatus = 'open' | 'closed';
/** Why a report was filed (migration 009); 'at-risk' is a member saying they, or someone, may be in danger. */
export type ReportCategory = 'harmful' | 'harassment' | 'spam' | 'at-risk' | 'other';

/** A report as staff read it: the reason, and the copy of the reported text taken when it was filed. */
export interface Report {
  id: number;
  kind: ReportKind;
  targetId: number;
  reporterId: number | null;
  reporterName: string;
  authorId: number | null;
  authorName: string;
  place: string;
  copyTitle: string;
  copyText: string;
  writtenAt: number;
  reason: string;
  createdAt: number;
  status: ReportStatus;
  handledByName: string | null;
  handledAt: number | null;
}

/** What a feature passes when one of its members reports something. */
export interface NewReport {
  kind: ReportKind;
  targetId: number;
  reporterId: number;
  authorId: number;
  authorName: string;
  /** Where it was said (a board, a room); empty for mail. */
  place?: string;
  title?: string;
  text: string;
  writtenAt: number;
  reason: string;
  /** 'other' unless given. */
  category?: ReportCategory;
}

/** Who is reading or closing reports: a staff member in a session, or the sysop at the server console. */
export type ReportHandler = Member | 'console';

export const REASON_MAX = 500;
const COPY_MAX = 50_000;

interface ReportRow {
  id: number;
  kind: ReportKind;
  target_id: number;
  reporter_id: number | null;
  reporter_name: string | null;
  author_id: number | null;
  author_name: string;
  place: string;
  copy_title: string;
  copy_text: string;
  written_at: number;
  reason: string;
  created_at: number;
  status: ReportStatus;
  handled_by: number | null;
  handled_by_name: string | null;
  handled_at: number | null;
}

function toReport(r: ReportRow): Report {
  return {
    id: r.id,
    kind: r.kind,
    targetId: r.target_id,
    reporterId: r.reporter_id,
    reporterName: r.reporter_name ?? '(account gone)',
    authorId: r.author_id,
    authorName: r.author_name,
    place: r.place,
    copyTitle: r.copy_title,
    copyText: r.copy_text,
    writtenAt: r.written_at,
    reason: r.reason,
    createdAt: r.created_at,
    status: r.status,
    // A report closed at the console has a time but no member.
    handledByName: r.handled_by_name ?? (r.handled_at !== null ? 'the console' : null),
    handledAt: r.handled_at,
  };
}

const SELECT = `SELECT r.*, rm.name AS reporter_name, hm.name AS handled_by_name FROM reports r
  LEFT JOIN members rm ON rm.id = r.reporter_id LEFT JOIN members hm ON hm.id = r.handled_by`;

/**
 * The report queue: members report mail (and later posts and chat lines) with a reason;
 * the sysop reads the reports, each carrying a copy of the reported text only, and closes them.
 */
export class Reports {
  private readonly insert;
  private readonly already;
  private readonly byId;
  private readonly byStatus;
  private readonly all;
  private readonly markClosed;
  private readonly countOpen;

  constructor(
    db: Db,
    private readonly hub: Hub,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare(
      `INSERT INTO reports (kind, target_id, reporter_id, author_id, author_name, place, copy_title, copy_text, written_at, reason, created_at, category)
       VALUES (@kind, @targetId, @reporterId, @authorId, @authorName, @place, @title, @text, @writtenAt, @reason, @now, @category)`,
    );
    this.already = db.prepare<[number, string, number], { id: number }>(
      'SELECT id FROM reports WHERE reporter_id = ? AND kind = ? AND target_id = ?',
    );
    this.byId = db.prepare<[number], ReportRow>(`${SELECT} WHERE r.id = ?`);
    this.byStatus = db.prepare<[ReportStatus, number], ReportRow>(`${SELECT} WHERE r.status = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ?`);
    this.all = db.prepare<[number], ReportRow>(`${SELECT} ORDER BY r.created_at DESC, r.id DESC LIMIT ?`);
    this.markClosed = db.prepare("UPDATE reports SET status = 'closed', handled_by = ?, handled_at = ? WHERE id = ? AND status = 'open'");
    this.countOpen = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM reports WHERE status = 'open'");
  }

  /** True when this member may read and close reports. */
  canHandle(member: Member | undefined): boolean {
    return member?.role === 'sysop';
  }

  /** Files a report for staff; one per member per item. Announces it so online sysops hear at once. */
  file(input: NewReport): Report {
    const reason = cleanLine(input.reason, REASON_MAX);
    if (!reason) throw new UserError('Please say in a few words what is wrong, so the sysop knows what to look for.');
    if (this.already.get(input.reporterId, input.kind, input.targetId)) {
      throw new UserError('You have already reported this. The sysop will look at it.');
    }
    const id = Number(
      this.insert.run({
        kind: input.kind,
        targetId: input.targetId,
        reporterId: input.reporterId,
        authorId: input.authorId,
        authorName: input.authorName,
        place: cleanLine(input.place ?? '', 200),
        title: cleanLine(input.title ?? '', 500),
        text: cleanText(input.text, { maxLength: COPY_MAX, multiline: true }),
        writtenAt: input.writtenAt,
        reason,
        now: this.now(),
        category: input.category ?? 'other',
      }).lastInsertRowid,
    );
    this.hub.emit('report:filed', { reportId: id, kind: input.kind });
    return toReport(this.byId.get(id)!);
  }

  /** Reports newest first: open ones by default. */
  list(handler: ReportHandler, opts: { status?: ReportStatus | 'all'; limit?: number } = {}): Report[] {
    this.check(handler);
    const limit = opts.limit ?? 500;
    const rows = opts.status === 'all' ? this.all.all(limit) : this.byStatus.all(opts.status ?? 'open', limit);
    return rows.map(toReport);
  }

  /** One report with its copy, or undefined. */
  get(handler: ReportHandler, id: number): Report | undefined {
    this.check(handler);
    const row = this.byId.get(id);
    return row ? toReport(row) : undefined;
  }

  /** Marks a report handled; closing a closed report changes nothing. */
  close(handler: ReportHandler, id: number): Report {
    this.check(handler);
    if (!this.byId.get(id)) throw new UserError(`There is no report number ${id}.`);
    this.markClosed.run(handler === 'console' ? null : handler.id, this.now(), id);
    return toReport(this.byId.get(id)!);
  }

  openCount(handler: ReportHandler): number {
    this.check(handler);
    return this.countOpen.get()!.n;
  }

  private check(handler: ReportHandler): void {
    if (handler !== 'console' && !this.canHandle(handler)) throw new UserError('Only the sysop can read reports.');
  }
}

const KIND_LABEL: Record<ReportKind, string> = { mail: 'message', post: 'post', chat: 'chat line' };

/**
 * A report as paragraphs for staff to read, on a screen or at the console: who filed it,
 * why, and the copy of what was reported. `heading` paragraphs are shown in bold.
 */
export function describeReport(r: Report, formatTime: (epochMs: number) => string): Array<{ text: string; heading: boolean }> {
  const what = KIND_LABEL[r.kind];
  const p = (text: string, heading = false) => ({ text, heading });
  return [
    p(`Report ${r.id}: a ${what}, ${r.status}`, true),
    p(`Filed ${formatTime(r.createdAt)} by ${r.reporterName}`),
    ...(r.handledByName && r.handledAt !== null ? [p(`Closed ${formatTime(r.handledAt)} by ${r.handledByName}`)] : []),
    p(`Reason: ${r.reason}`),
    p(''),
    p(`The reported ${what} (a copy), by ${r.authorName}, ${formatTime(r.writtenAt)}${r.place ? `, in ${r.place}` : ''}:`, true),
    ...(r.copyTitle ? [p(r.copyTitle, true)] : []),
    p(''),
    p(r.copyText),
  ];
}
