import type { Db } from '../../db/open.js';
import { cleanLine, cleanText } from '../text/index.js';
import { BODY_MAX, SUBJECT_MAX, WARNING_MAX } from './posts.js';
import { NAME_MAX } from './accounts.js';

/** Where an unsent text was going: a new thread on a board, a reply to a thread, or mail to a member. */
export type DraftTarget =
  | { kind: 'thread'; boardId: number }
  | { kind: 'reply'; threadId: number }
  | { kind: 'mail'; to: string };

/** What the member had typed: the body and the one-line fields of the editor. */
export interface DraftText {
  subject: string;
  contentWarning: string;
  body: string;
}

export interface Draft extends DraftText {
  id: number;
  target: DraftTarget;
  savedAt: number;
}

interface DraftRow {
  id: number;
  kind: 'thread' | 'reply' | 'mail';
  board_id: number | null;
  thread_id: number | null;
  mail_to: string | null;
  subject: string;
  content_warning: string;
  body: string;
  saved_at: number;
}

function fromRow(row: DraftRow): Draft {
  const target: DraftTarget =
    row.kind === 'thread' ? { kind: 'thread', boardId: row.board_id! } : row.kind === 'reply' ? { kind: 'reply', threadId: row.thread_id! } : { kind: 'mail', to: row.mail_to ?? '' };
  return { id: row.id, target, subject: row.subject, contentWarning: row.content_warning, body: row.body, savedAt: row.saved_at };
}

/**
 * What members were writing when their session ended before they sent it, kept for their
 * next log-in. Only the member ever sees a draft: no staff view, no log line with its words.
 */
export class Drafts {
  private readonly q;

  constructor(db: Db, private readonly now: () => number) {
    this.q = {
      insert: db.prepare<{ member: number; kind: string; board: number | null; thread: number | null; to: string | null; subject: string; cw: string; body: string; at: number }>(
        `INSERT INTO drafts (member_id, kind, board_id, thread_id, mail_to, subject, content_warning, body, saved_at)
         VALUES (@member, @kind, @board, @thread, @to, @subject, @cw, @body, @at)`,
      ),
      replace: db.prepare<{ id: number; member: number; kind: string; board: number | null; thread: number | null; to: string | null; subject: string; cw: string; body: string; at: number }>(
        `UPDATE drafts SET kind = @kind, board_id = @board, thread_id = @thread, mail_to = @to, subject = @subject,
           content_warning = @cw, body = @body, saved_at = @at
         WHERE id = @id AND member_id = @member`,
      ),
      list: db.prepare<[number], DraftRow>('SELECT * FROM drafts WHERE member_id = ? ORDER BY saved_at, id'),
      get: db.prepare<[number, number], DraftRow>('SELECT * FROM drafts WHERE member_id = ? AND id = ?'),
      remove: db.prepare<[number, number]>('DELETE FROM drafts WHERE member_id = ? AND id = ?'),
    };
  }

  /**
   * Keeps what the member had typed for `target`: as a new draft, or in place of draft
   * `replacing` (the one the editor was resumed from) when that still exists. Nothing is kept
   * when nothing was typed. Returns the draft's id, or undefined when nothing was kept.
   */
  save(memberId: number, target: DraftTarget, text: DraftText, replacing?: number): number | undefined {
    const body = cleanText(text.body, { maxLength: BODY_MAX, multiline: true });
    const subject = cleanLine(text.subject, SUBJECT_MAX);
    const contentWarning = cleanLine(text.contentWarning, WARNING_MAX);
    if (!body.trim() && !subject) return undefined;
    const row = {
      member: memberId,
      kind: target.kind,
      board: target.kind === 'thread' ? target.boardId : null,
      thread: target.kind === 'reply' ? target.threadId : null,
      to: target.kind === 'mail' ? cleanLine(target.to, NAME_MAX + 16) : null,
      subject,
      cw: contentWarning,
      body,
      at: this.now(),
    };
    if (replacing !== undefined && this.q.replace.run({ ...row, id: replacing }).changes === 1) return replacing;
    return Number(this.q.insert.run(row).lastInsertRowid);
  }

  /** The member's drafts, oldest first. */
  list(memberId: number): Draft[] {
    return this.q.list.all(memberId).map(fromRow);
  }

  get(memberId: number, draftId: number): Draft | undefined {
    const row = this.q.get.get(memberId, draftId);
    return row && fromRow(row);
  }

  /** Removes a draft: the member discarded it, or sent what it held. */
  remove(memberId: number, draftId: number): void {
    this.q.remove.run(memberId, draftId);
  }
}
