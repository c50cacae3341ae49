import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import type { Hub } from '../hub.js';
import { cleanLine, cleanText } from '../text/index.js';
import type { Accounts, Member } from './accounts.js';
import type { AuditLog } from './audit.js';
import type { BbsSettings } from './bbs-settings.js';
import type { Boards } from './boards.js';
import type { ChatRooms } from './chat-rooms.js';
import { checkReason, NEW_ACCOUNT_WEIGHT, REPORT_SETTINGS } from './report-reasons.js';
import {
  chatLineText, IN_SCOPE, KIND_LABEL, SELECT, toGroup, toReport,
  type LineRow, type MyReport, type NewReport, type Report, type ReportChoice, type ReportGroup, type ReportHandler,
  type ReportKind, type ReportOutcome, type ReportRow, type ReportStatus, type ReportTarget,
} from './report-shapes.js';
import type { Actor, Staff } from './staff.js';
import type { Texts } from './texts.js';

export * from './report-shapes.js';
export { REASON_MAX, REPORT_REASONS, REPORT_SETTINGS, reasonLabel, type ReportCategory } from './report-reasons.js';

const COPY_MAX = 50_000;
const CONTEXT_LINES = 5;
const HOUR = 3_600_000;
export const HIDDEN_BY_REPORTS_REASON = 'Hidden for now: members reported it, and a moderator will look at it soon.';

export interface ReportsDeps {
  hub: Hub;
  staff: Staff;
  audit: AuditLog;
  accounts: Accounts;
  boards: Boards;
  chatRooms: ChatRooms;
  settings: BbsSettings;
  texts: Texts;
  now?: () => number;
}

/**
 * Reports from members on posts, chat lines and mail, each with a reason from one short list,
 * and the queue staff work through: sysops see every report, a board's moderators those about
 * their board and its rooms. Enough reports of one post hide it until a moderator looks.
 */
export class Reports {
  private readonly now: () => number;
  private readonly insert;
  private readonly already;
  private readonly byId;
  private readonly list_;
  private readonly openRows;
  private readonly openOf;
  private readonly lastOf;
  private readonly openWeight;
  private readonly close_;
  private readonly countOpen;
  private readonly mineRows;
  private readonly postState;
  private readonly hidePost;
  private readonly hiddenSince;
  private readonly lastLineBy;
  private readonly lineById;
  private readonly linesBefore;
  private readonly recentOthers;

  constructor(
    private readonly db: Db,
    private readonly deps: ReportsDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.insert = db.prepare(
      `INSERT INTO reports (kind, target_id, category, reporter_id, author_id, author_name, place, board_id, room_id,
         copy_title, copy_text, context, written_at, reason, weight, created_at)
       VALUES (@kind, @targetId, @category, @reporterId, @authorId, @authorName, @place, @boardId, @roomId,
         @title, @text, @context, @writtenAt, @reason, @weight, @now)`,
    );
    this.already = db.prepare<[number, string, number], { id: number }>(
      'SELECT id FROM reports WHERE reporter_id = ? AND kind = ? AND target_id = ?',
    );
    this.byId = db.prepare<[number], ReportRow>(`${SELECT} WHERE r.id = ?`);
    this.list_ = db.prepare<{ all: number; viewer: number; status: string; limit: number }, ReportRow>(
      `${SELECT} WHERE (@status = 'all' OR r.status = @status) AND ${IN_SCOPE} ORDER BY r.created_at DESC, r.id DESC LIMIT @limit`,
    );
    this.openRows = db.prepare<{ all: number; viewer: number }, ReportRow>(
      `${SELECT} WHERE r.status = 'open' AND ${IN_SCOPE} ORDER BY r.created_at, r.id`,
    );
    this.openOf = db.prepare<[string, number], ReportRow>(`${SELECT} WHERE r.kind = ? AND r.target_id = ? AND r.status = 'open' ORDER BY r.id`);
    this.lastOf = db.prepare<[string, number], ReportRow>(`${SELECT} WHERE r.kind = ? AND r.target_id = ? ORDER BY r.id DESC LIMIT 1`);
    this.openWeight = db.prepare<[number], { n: number; w: number }>(
      "SELECT count(*) AS n, coalesce(sum(weight), 0) AS w FROM reports WHERE kind = 'post' AND target_id = ? AND status = 'open'",
    );
    this.close_ = db.prepare(
      "UPDATE reports SET status = 'closed', outcome = ?, handled_by = ?, handled_at = ? WHERE kind = ? AND target_id = ? AND status = 'open'",
    );
    this.countOpen = db.prepare<{ all: number; viewer: number }, { n: number }>(
      `SELECT count(*) AS n FROM reports r LEFT JOIN chat_rooms cr ON cr.id = r.room_id WHERE r.status = 'open' AND ${IN_SCOPE}`,
    );
    this.mineRows = db.prepare<[number, number], ReportRow>(`${SELECT} WHERE r.reporter_id = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ?`);
    this.postState = db.prepare<[number], { thread_id: number; board_id: number; hidden_at: number | null; hidden_by: string | null; deleted_at: number | null }>(
      'SELECT thread_id, board_id, hidden_at, hidden_by, deleted_at FROM posts WHERE id = ?',
    );
    this.hidePost = db.prepare("UPDATE posts SET hidden_at = ?, hidden_reason = ?, hidden_by = 'reports' WHERE id = ? AND hidden_at IS NULL");
    this.recentOthers = db.prepare<{ room: number; reporter: number; limit: number }, LineRow>(
      `SELECT * FROM chat_lines WHERE room_id = @room AND member_id IS NOT NULL AND member_id != @reporter AND kind != 'system'
         AND (to_member_id IS NULL OR to_member_id = @reporter) ORDER BY id DESC LIMIT @limit`,
    );
    this.hiddenSince = db.prepare<[number, number], { n: number }>(
      "SELECT count(*) AS n FROM posts WHERE author_id = ? AND hidden_by = 'reports' AND hidden_at > ?",
    );
    // A line the reporter could read: said to the room, or whispered to them.
    this.lastLineBy = db.prepare<{ room: number; author: number; reporter: number }, LineRow>(
      `SELECT * FROM chat_lines WHERE room_id = @room AND member_id = @author AND kind != 'system'
         AND (to_member_id IS NULL OR to_member_id = @reporter) ORDER BY id DESC LIMIT 1`,
    );
    this.lineById = db.prepare<[number], LineRow & { member_id: number | null; to_member_id: number | null }>('SELECT * FROM chat_lines WHERE id = ?');
    this.linesBefore = db.prepare<{ room: number; before: number; reporter: number; limit: number }, LineRow>(
      `SELECT * FROM chat_lines WHERE room_id = @room AND id < @before
         AND (to_member_id IS NULL OR to_member_id = @reporter OR member_id = @reporter) ORDER BY id DESC LIMIT @limit`,
    );
  }

  /** True when this member may read and handle reports (of some board, at least). */
  canHandle(member: Member | undefined): boolean {
    return this.deps.staff.isStaff(member);
  }

  /** True when `viewer` may read this report: for telling online staff of a new one. */
  canSee(viewer: Actor | undefined, reportId: number): boolean {
    const row = this.byId.get(reportId);
    return !!row && !!viewer && this.inScope(viewer, row);
  }

  /** Reports a post the member can read. Enough reports of one post hide it (see REPORT_SETTINGS). */
  reportPost(member: Member, postId: number, choice: ReportChoice): Report {
    const { posts } = this.deps.boards;
    const post = posts.get(member, postId);
    if (post.authorId === member.id) throw new UserError('That is your own post.');
    if (post.deleted) throw new UserError('Its author has deleted that post already.');
    const thread = posts.thread(member, post.threadId);
    return this.file({
      kind: 'post',
      targetId: post.id,
      reporterId: member.id,
      authorId: post.authorId,
      authorName: post.authorName,
      place: thread.boardName,
      title: thread.subject,
      text: post.body,
      writtenAt: post.createdAt,
      boardId: post.boardId,
      ...choice,
    });
  }

  /**
   * The last line `name` said in the room that the member could read: what `/report name`
   * reports. A clear UserError when there is none.
   */
  findChatLine(member: Member, roomId: number, name: string): { lineId: number; authorName: string; text: string } {
    const wanted = cleanLine(name, 64).replace(/^@/, '');
    if (!wanted) throw new UserError('Whose line? Type /report and their name.');
    const author = this.deps.accounts.findByName(wanted);
    if (!author) throw new UserError(`There is no member called "${wanted}".`);
    if (author.id === member.id) throw new UserError('That is you: you can report what others say.');
    const line = this.lastLineBy.get({ room: roomId, author: author.id, reporter: member.id });
    if (!line) throw new UserError(`${author.name} has said nothing in this room that you can report (chat is kept for a few days).`);
    return { lineId: line.id, authorName: line.author_name, text: chatLineText(line, false) };
  }

  /** The last lines others said in the room that the member could read, oldest first: what `/report` offers. */
  reportableLines(member: Member, roomId: number, limit = 10): Array<{ lineId: number; authorName: string; text: string; writtenAt: number }> {
    return this.recentOthers
      .all({ room: roomId, reporter: member.id, limit })
      .reverse()
      .map((l) => ({ lineId: l.id, authorName: l.author_name, text: chatLineText(l, false), writtenAt: l.created_at }));
  }

  /** Reports what `name` said last in the room (`/report name`), with the lines before it as context. */
  reportChat(member: Member, roomId: number, name: string, choice: ReportChoice): Report {
    return this.reportChatLine(member, this.findChatLine(member, roomId, name).lineId, choice);
  }

  /** Reports one chat line the member could read, with the lines before it as context. */
  reportChatLine(member: Member, lineId: number, choice: ReportChoice): Report {
    const line = this.lineById.get(lineId);
    const readable = line && line.kind !== 'system' && (line.to_member_id === null || line.to_member_id === member.id || line.member_id === member.id);
    if (!line || !readable || line.member_id === null) throw new UserError('That line is no longer there to report.');
    if (line.member_id === member.id) throw new UserError('That is you: you can report what others say.');
    const room = this.deps.chatRooms.get(line.room_id);
    const before = this.linesBefore.all({ room: line.room_id, before: line.id, reporter: member.id, limit: CONTEXT_LINES }).reverse();
    return this.file({
      kind: 'chat',
      targetId: line.id,
      reporterId: member.id,
      authorId: line.member_id,
      authorName: line.author_name,
      place: room?.name ?? '',
      text: chatLineText(line, false),
      writtenAt: line.created_at,
      roomId: line.room_id,
      context: before.map((l) => chatLineText(l, true)).join('\n'),
      ...choice,
    });
  }

  /**
   * Files a report for staff; one per member per item. A new account's report weighs less
   * toward hiding a post. Announces it so online staff hear at once.
   */
  file(input: NewReport): Report {
    const { category, reason } = checkReason({ category: input.category ?? 'other', reason: input.reason });
    if (input.reporterId !== null && this.already.get(input.reporterId, input.kind, input.targetId)) {
      throw new UserError('You have already reported this. You can follow it in Settings, My reports.');
    }
    const now = this.now();
    const reporter = input.reporterId !== null ? this.deps.accounts.findById(input.reporterId) : undefined;
    const newHours = this.deps.settings.numberOf(REPORT_SETTINGS.newAccountHours);
    // A flag from the watched words asks staff to look; only members' reports hide a post.
    const weight = input.reporterId === null ? 0 : reporter && now - reporter.createdAt < newHours * HOUR ? NEW_ACCOUNT_WEIGHT : 1;
    const { id, hidden } = this.db.transaction(() => {
      const newId = Number(
        this.insert.run({
          kind: input.kind,
          targetId: input.targetId,
          category,
          reporterId: input.reporterId,
          authorId: input.authorId,
          authorName: input.authorName,
          place: cleanLine(input.place ?? '', 200),
          boardId: input.boardId ?? null,
          roomId: input.roomId ?? null,
          title: cleanLine(input.title ?? '', 500),
          text: cleanText(input.text, { maxLength: COPY_MAX, multiline: true }),
          context: cleanText(input.context ?? '', { maxLength: COPY_MAX, multiline: true }),
          writtenAt: input.writtenAt,
          reason,
          weight,
          now,
        }).lastInsertRowid,
      );
      return { id: newId, hidden: input.kind === 'post' ? this.hideIfReportedEnough(input.targetId, input.authorId, input.authorName) : undefined };
    })();
    this.deps.hub.emit('report:filed', { reportId: id, kind: input.kind });
    if (hidden) this.deps.hub.emit('post:changed', hidden);
    return toReport(this.byId.get(id)!, true);
  }

  /**
   * Inside the filing transaction: hides the post when its open reports weigh enough, and
   * records that in the audit log under 'reports' (no staff member decided it).
   */
  private hideIfReportedEnough(postId: number, authorId: number, authorName: string): { boardId: number; threadId: number; postId: number } | undefined {
    const threshold = this.deps.settings.numberOf(REPORT_SETTINGS.hideAt);
    const post = this.postState.get(postId);
    if (threshold === 0 || !post || post.hidden_at !== null || post.deleted_at !== null) return undefined;
    const { n, w } = this.openWeight.get(postId)!;
    if (w < threshold) return undefined;
    this.hidePost.run(this.now(), HIDDEN_BY_REPORTS_REASON, postId);
    this.deps.audit.record('reports', {
      action: 'post.hide',
      targetKind: 'post',
      targetId: postId,
      targetLabel: `a post by ${authorName}`,
      memberId: authorId,
      boardId: post.board_id,
      reason: HIDDEN_BY_REPORTS_REASON,
      detail: { by: 'reports', reports: n, weight: w, threshold },
    });
    return { boardId: post.board_id, threadId: post.thread_id, postId };
  }

  /** How many of the member's posts reports have hidden since `since` (and are hidden still): told at log-in. */
  postsHiddenSince(memberId: number, since: number): number {
    return this.hiddenSince.get(memberId, since)!.n;
  }

  /** What the reporter is told once their report is in: who will look, and where to follow it. */
  thankYou(r: Report): string {
    const who = r.boardName ? `A moderator of ${r.boardName}` : 'The sysop';
    const danger = r.category === 'at-risk' ? ' If someone is in danger now, Ctrl-R lists crisis lines.' : '';
    return `Thank you. ${who} will look at it. You can follow it in Settings, My reports.${danger}`;
  }

  /** The reports this member filed, newest first, with how each ended. */
  mine(member: Member, limit = 200): MyReport[] {
    return this.mineRows.all(member.id, limit).map((r) => {
      const where = r.kind === 'mail' ? '' : r.board_name && r.kind === 'chat' ? ` in ${r.place} (${r.board_name})` : r.place ? ` in ${r.place}` : '';
      const excerpt = cleanLine((r.copy_title ? `${r.copy_title}: ` : '') + r.copy_text.replace(/\s+/g, ' '), 120);
      return {
        id: r.id,
        kind: r.kind,
        category: r.category,
        what: `a ${KIND_LABEL[r.kind]} by ${r.author_name}${where}`,
        excerpt,
        createdAt: r.created_at,
        state: r.status === 'open' ? 'open' : (r.outcome ?? 'acted'),
        handledAt: r.handled_at,
      };
    });
  }

  /** Reports newest first (open ones by default) that the viewer may read. */
  list(viewer: ReportHandler, opts: { status?: ReportStatus | 'all'; limit?: number } = {}): Report[] {
    this.requireStaff(viewer);
    const sysop = this.deps.staff.isSysop(viewer);
    const rows = this.list_.all({ ...this.scopeArgs(viewer), status: opts.status ?? 'open', limit: opts.limit ?? 500 });
    return rows.map((r) => toReport(r, sysop));
  }

  /** One report with its copy, or undefined; a plain refusal when it is about another board. */
  get(viewer: ReportHandler, id: number): Report | undefined {
    this.requireStaff(viewer);
    const row = this.byId.get(id);
    if (!row) return undefined;
    this.requireScope(viewer, row, 'read this report');
    return toReport(row, this.deps.staff.isSysop(viewer));
  }

  /**
   * The moderation queue: open reports the viewer may handle, one group per reported item,
   * groups where a member may be at risk first, then the longest waiting.
   */
  queue(viewer: ReportHandler): ReportGroup[] {
    this.requireStaff(viewer);
    const byKey = new Map<string, ReportRow[]>();
    for (const row of this.openRows.all(this.scopeArgs(viewer))) {
      const key = `${row.kind}:${row.target_id}`;
      const rows = byKey.get(key);
      if (rows) rows.push(row);
      else byKey.set(key, [row]);
    }
    const sysop = this.deps.staff.isSysop(viewer);
    const groups = [...byKey.values()].map((rows) => this.groupOf(rows, sysop));
    // Stable: within each half the groups keep their oldest-first order.
    return [...groups.filter((g) => g.atRisk), ...groups.filter((g) => !g.atRisk)];
  }

  /** The open group of one reported item, or undefined when nothing about it is open. */
  group(viewer: ReportHandler, target: ReportTarget): ReportGroup | undefined {
    this.requireStaff(viewer);
    const { kind, targetId, row } = this.resolve(target);
    this.requireScope(viewer, row, 'read this report');
    const rows = this.openOf.all(kind, targetId);
    return rows.length ? this.groupOf(rows, this.deps.staff.isSysop(viewer)) : undefined;
  }

  /** Closes every open report of the item as dismissed (nothing to act on); one audit entry. */
  dismiss(actor: ReportHandler, target: ReportTarget, note?: string): { outcome: ReportOutcome; reportIds: number[] } {
    return this.closeGroup(actor, target, 'dismissed', note);
  }

  /** Closes every open report of the item as acted on; one audit entry. */
  markActed(actor: ReportHandler, target: ReportTarget, note?: string): { outcome: ReportOutcome; reportIds: number[] } {
    return this.closeGroup(actor, target, 'acted', note);
  }

  /** The old single "close": acted on, and closing a closed report changes nothing. */
  close(handler: ReportHandler, id: number): Report {
    this.requireStaff(handler);
    const row = this.resolve(id).row;
    this.requireScope(handler, row, 'handle this report');
    if (row.status === 'open') this.markActed(handler, id);
    return toReport(this.byId.get(id)!, this.deps.staff.isSysop(handler));
  }

  /** How many open reports the viewer may handle. */
  openCount(viewer: ReportHandler): number {
    this.requireStaff(viewer);
    return this.countOpen.get(this.scopeArgs(viewer))!.n;
  }

  /** The sysop's note on what to do when a member may be at risk (texts: at-risk.txt). */
  atRiskNote(): string {
    return this.deps.texts.get('at-risk');
  }

  private closeGroup(actor: ReportHandler, target: ReportTarget, outcome: ReportOutcome, note?: string): { outcome: ReportOutcome; reportIds: number[] } {
    this.requireStaff(actor);
    const { kind, targetId, row } = this.resolve(target);
    this.requireScope(actor, row, 'handle this report');
    const cleanNote = cleanLine(note ?? '', 500);
    const reportIds = this.db.transaction(() => {
      const open = this.openOf.all(kind, targetId);
      if (open.length === 0) {
        const was = row.outcome === 'dismissed' ? 'dismissed' : 'acted on';
        throw new UserError(`Nothing about that ${KIND_LABEL[kind]} is open: its reports were ${was} already.`);
      }
      this.close_.run(outcome, actor === 'console' ? null : actor.id, this.now(), kind, targetId);
      const first = open[0]!;
      this.deps.audit.record(actor, {
        action: outcome === 'acted' ? 'report.act' : 'report.dismiss',
        targetKind: 'report',
        targetId: first.id,
        targetLabel: `a ${KIND_LABEL[kind]} by ${first.author_name}`,
        memberId: first.author_id,
        boardId: first.scope_board,
        reason: cleanNote,
        detail: { kind, targetId, reportIds: open.map((r) => r.id), outcome },
      });
      return open.map((r) => r.id);
    })();
    return { outcome, reportIds };
  }

  /** The item a target names, with one of its reports (the newest open one, or the one named). */
  private resolve(target: ReportTarget): { kind: ReportKind; targetId: number; row: ReportRow } {
    if (typeof target === 'number') {
      const row = Number.isSafeInteger(target) ? this.byId.get(target) : undefined;
      if (!row) throw new UserError(`There is no report number ${target}.`);
      return { kind: row.kind, targetId: row.target_id, row };
    }
    if (typeof target === 'string') {
      const m = /^(mail|post|chat):(\d+)$/.exec(target);
      if (!m) throw new UserError(`"${target}" is not a report group (such as post:12).`);
      target = { kind: m[1] as ReportKind, targetId: Number(m[2]) };
    }
    const rows = this.openOf.all(target.kind, target.targetId);
    const row = rows[rows.length - 1] ?? this.lastOf.get(target.kind, target.targetId);
    if (!row) throw new UserError(`Nobody has reported that ${KIND_LABEL[target.kind]}.`);
    return { kind: target.kind, targetId: target.targetId, row };
  }

  private scopeArgs(viewer: ReportHandler): { all: number; viewer: number } {
    return { all: this.deps.staff.isSysop(viewer) ? 1 : 0, viewer: viewer === 'console' ? 0 : viewer.id };
  }

  private inScope(viewer: Actor, row: ReportRow): boolean {
    if (this.deps.staff.isSysop(viewer)) return true;
    return row.scope_board !== null && this.deps.staff.moderatesBoard(viewer, row.scope_board);
  }

  private requireStaff(viewer: ReportHandler): void {
    this.deps.staff.requireStaff(viewer, 'read reports');
  }

  private requireScope(viewer: ReportHandler, row: ReportRow, what: string): void {
    if (this.inScope(viewer, row)) return;
    if (row.scope_board === null) throw new UserError(`Only a sysop can ${what}.`);
    throw new UserError(`Only a sysop or this board's moderators can ${what}.`);
  }

  private groupOf(rows: ReportRow[], sysop: boolean): ReportGroup {
    return toGroup(rows, sysop, () => this.atRiskNote());
  }
}
