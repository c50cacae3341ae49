// The shapes of reports: what members file, what staff read (one report, or a group of the
// queue), what a reporter follows, and the rows behind them. The service is in reports.ts.

import type { Actor } from './staff.js';
import { reasonLabel, type ReportCategory } from './report-reasons.js';

export type ReportKind = 'mail' | 'post' | 'chat';
export type ReportStatus = 'open' | 'closed';
export type ReportOutcome = 'acted' | 'dismissed';
/** A report's state as its reporter follows it. */
export type ReportState = 'open' | ReportOutcome;

/** A report as staff read it: why, where, and the copy of the reported text taken when it was filed. */
export interface Report {
  id: number;
  kind: ReportKind;
  targetId: number;
  category: ReportCategory;
  /** The reporter's id and name: for sysops only; a moderator reads null and 'a member'. */
  reporterId: number | null;
  reporterName: string;
  /** Filed by the BBS itself, for a watched word that flags: no member reported it. */
  byWatchedWords: boolean;
  authorId: number | null;
  authorName: string;
  place: string;
  /** The board it concerns: a post's board, or the board a chat room belongs to. */
  boardId: number | null;
  boardName: string | null;
  roomId: number | null;
  copyTitle: string;
  copyText: string;
  /** For a chat line: the lines before it, as the reporter could read them. */
  context: string;
  writtenAt: number;
  /** The reporter's own words: needed for 'other', optional for the rest. */
  reason: string;
  createdAt: number;
  status: ReportStatus;
  outcome: ReportOutcome | null;
  weight: number;
  handledByName: string | null;
  handledAt: number | null;
}

/** The reason a report filed by the watched words starts with. */
export const WATCHED_PREFIX = 'Watched word: ';

/** What a feature passes when one of its members reports something. */
export interface NewReport {
  kind: ReportKind;
  targetId: number;
  /** null when the BBS itself files it (a watched word to flag). */
  reporterId: number | null;
  authorId: number;
  authorName: string;
  /** Where it was said (a board, a room); empty for mail. */
  place?: string;
  title?: string;
  text: string;
  writtenAt: number;
  /** 'other' when not given (then `reason` is required). */
  category?: ReportCategory | string;
  reason?: string;
  boardId?: number | null;
  roomId?: number | null;
  context?: string;
}

/** A member's pick from the reasons, with their own words if any. */
export interface ReportChoice {
  category: ReportCategory | string;
  reason?: string;
}

/** Who is reading or handling reports: a staff member in a session, or the sysop at the console. */
export type ReportHandler = Actor;

/** Which reported content: a report's number (any report of it), a group's key ('post:12'), or the content itself. */
export type ReportTarget = number | string | { kind: ReportKind; targetId: number };

/**
 * Every open report of one piece of content, as the moderation queue shows it. Moderators
 * see how many reported it; sysops also see who.
 */
export interface ReportGroup {
  /** `kind:targetId`, stable while the group is open. */
  key: string;
  kind: ReportKind;
  targetId: number;
  boardId: number | null;
  boardName: string | null;
  roomId: number | null;
  place: string;
  authorId: number | null;
  authorName: string;
  copyTitle: string;
  copyText: string;
  context: string;
  writtenAt: number;
  count: number;
  /** The reports' weights summed (new accounts count half): what auto-hide compares. */
  weight: number;
  /** Each category reported, most often first. */
  categories: Array<{ category: ReportCategory; count: number }>;
  /** The reporters' own words, oldest first (never who wrote them, for moderators). */
  reasons: string[];
  /** Sysops only (null for moderators). */
  reporterNames: string[] | null;
  reportIds: number[];
  firstReportedAt: number;
  lastReportedAt: number;
  atRisk: boolean;
  /** The sysop's "when a member may be at risk" text, with at-risk groups only. */
  atRiskNote: string | null;
  /** A reported post hidden now, and by whom ('reports' or 'moderator'); null otherwise. */
  hiddenBy: string | null;
}

/** One of a member's own reports, as they follow it. */
export interface MyReport {
  id: number;
  kind: ReportKind;
  category: ReportCategory;
  /** "a post by ash in Grief & loss". */
  what: string;
  /** The start of the reported text, to recognise it by. */
  excerpt: string;
  createdAt: number;
  state: ReportState;
  handledAt: number | null;
}

export interface ReportRow {
  id: number;
  kind: ReportKind;
  target_id: number;
  category: ReportCategory;
  reporter_id: number | null;
  reporter_name: string | null;
  author_id: number | null;
  author_name: string;
  place: string;
  board_id: number | null;
  room_id: number | null;
  scope_board: number | null;
  board_name: string | null;
  copy_title: string;
  copy_text: string;
  context: string;
  written_at: number;
  reason: string;
  created_at: number;
  status: ReportStatus;
  outcome: ReportOutcome | null;
  weight: number;
  handled_by: number | null;
  handled_by_name: string | null;
  handled_at: number | null;
  /** A reported post's hidden state now (null for other kinds). */
  post_hidden_at: number | null;
  post_hidden_by: string | null;
}

export interface LineRow {
  id: number;
  room_id: number;
  member_id: number | null;
  author_name: string;
  kind: 'say' | 'me' | 'whisper' | 'system';
  body: string;
  to_name: string | null;
  created_at: number;
}

export const SELECT = `SELECT r.*, rm.name AS reporter_name, hm.name AS handled_by_name,
    coalesce(r.board_id, cr.board_id) AS scope_board, b.name AS board_name,
    hp.hidden_at AS post_hidden_at, hp.hidden_by AS post_hidden_by
  FROM reports r
  LEFT JOIN members rm ON rm.id = r.reporter_id LEFT JOIN members hm ON hm.id = r.handled_by
  LEFT JOIN chat_rooms cr ON cr.id = r.room_id LEFT JOIN boards b ON b.id = coalesce(r.board_id, cr.board_id)
  LEFT JOIN posts hp ON r.kind = 'post' AND hp.id = r.target_id`;
// Sysops read every report; a moderator the reports about their boards and the rooms linked to them.
export const IN_SCOPE = `(@all = 1 OR coalesce(r.board_id, cr.board_id) IN (SELECT board_id FROM board_moderators WHERE member_id = @viewer))`;

export const KIND_LABEL: Record<ReportKind, string> = { mail: 'message', post: 'post', chat: 'chat line' };

/** One chat line as a report copies it: what was said, and by whom for the context. */
export function chatLineText(l: LineRow, withName: boolean): string {
  const who = l.author_name || 'room';
  if (l.kind === 'me') return `* ${who} ${l.body}`;
  if (l.kind === 'whisper') return `${withName ? `${who} ` : ''}(whisper to ${l.to_name ?? '?'}): ${l.body}`;
  return withName ? `${who}: ${l.body}` : l.body;
}

/** A report row as a viewer reads it: the reporter shown to sysops only. */
export function toReport(r: ReportRow, showReporter: boolean): Report {
  return {
    id: r.id,
    kind: r.kind,
    targetId: r.target_id,
    category: r.category,
    reporterId: showReporter ? r.reporter_id : null,
    byWatchedWords: r.reporter_id === null && r.reason.startsWith(WATCHED_PREFIX),
    reporterName: showReporter ? (r.reporter_name ?? (r.reporter_id === null && r.reason.startsWith(WATCHED_PREFIX) ? 'the watched words' : '(account gone)')) : 'a member',
    authorId: r.author_id,
    authorName: r.author_name,
    place: r.place,
    boardId: r.scope_board,
    boardName: r.board_name,
    roomId: r.room_id,
    copyTitle: r.copy_title,
    copyText: r.copy_text,
    context: r.context,
    writtenAt: r.written_at,
    reason: r.reason,
    createdAt: r.created_at,
    status: r.status,
    outcome: r.outcome,
    weight: r.weight,
    // A report closed at the console has a time but no member.
    handledByName: r.handled_by_name ?? (r.handled_at !== null ? 'the console' : null),
    handledAt: r.handled_at,
  };
}

/** The open reports of one item (oldest first) as one group of the queue. */
export function toGroup(rows: ReportRow[], sysop: boolean, atRiskNote: () => string): ReportGroup {
  const first = rows[0]!;
  const counts = new Map<ReportCategory, number>();
  for (const r of rows) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  const atRisk = counts.has('at-risk');
  return {
    key: `${first.kind}:${first.target_id}`,
    kind: first.kind,
    targetId: first.target_id,
    boardId: first.scope_board,
    boardName: first.board_name,
    roomId: first.room_id,
    place: first.place,
    authorId: first.author_id,
    authorName: first.author_name,
    copyTitle: first.copy_title,
    copyText: first.copy_text,
    context: rows.find((r) => r.context)?.context ?? '',
    writtenAt: first.written_at,
    count: rows.length,
    weight: rows.reduce((sum, r) => sum + r.weight, 0),
    categories: [...counts].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count),
    reasons: rows.map((r) => r.reason).filter((s) => s),
    reporterNames: sysop ? rows.map((r) => r.reporter_name ?? '(account gone)') : null,
    reportIds: rows.map((r) => r.id),
    firstReportedAt: first.created_at,
    lastReportedAt: rows[rows.length - 1]!.created_at,
    atRisk,
    atRiskNote: atRisk ? atRiskNote() : null,
    hiddenBy: first.post_hidden_at !== null ? (first.post_hidden_by ?? 'moderator') : null,
  };
}

/**
 * A report as paragraphs for staff to read, on a screen or at the console: why, who filed it
 * (for sysops), and the copy of what was reported. `heading` paragraphs are shown in bold.
 */
export function describeReport(r: Report, formatTime: (epochMs: number) => string): Array<{ text: string; heading: boolean }> {
  const what = KIND_LABEL[r.kind];
  const p = (text: string, heading = false) => ({ text, heading });
  const state = r.status === 'open' ? 'open' : r.outcome === 'dismissed' ? 'dismissed' : 'acted on';
  const where = r.place ? `, in ${r.place}${r.kind === 'chat' && r.boardName ? ` (${r.boardName})` : ''}` : '';
  return [
    p(`Report ${r.id}: a ${what}, ${state}`, true),
    p(`Filed ${formatTime(r.createdAt)} by ${r.reporterName}`),
    ...(r.handledByName && r.handledAt !== null ? [p(`Closed ${formatTime(r.handledAt)} by ${r.handledByName}`)] : []),
    p(`Reason: ${reasonLabel(r.category)}${r.reason ? `: ${r.reason}` : ''}`),
    p(''),
    p(`The reported ${what} (a copy), by ${r.authorName}, ${formatTime(r.writtenAt)}${where}:`, true),
    ...(r.copyTitle ? [p(r.copyTitle, true)] : []),
    p(''),
    p(r.copyText),
    ...(r.context ? [p(''), p('The lines before it:', true), ...r.context.split('\n').map((l) => p(l))] : []),
  ];
}
