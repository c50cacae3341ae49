import type { Db } from '../../db/open.js';
import type { Hub } from '../hub.js';
import { cleanLine } from '../text/index.js';
import { actorName, type Actor, type Staff } from './staff.js';

/**
 * Who an entry is recorded under: a staff member, the console, or 'reports' for what the BBS
 * itself does because members reported something (a post hidden pending review): no person
 * decided it, and the entry says so rather than borrowing a sysop's name.
 */
export type Recorder = Actor | 'reports';

/**
 * Every kind of staff action, as recorded. A new action adds its name here, so the audit
 * screen, `haven sysop audit` and the server's reaction to console actions all know it.
 */
export type AuditAction =
  | 'post.hide' | 'post.restore' | 'post.approve' | 'post.reject'
  | 'thread.lock' | 'thread.unlock' | 'thread.move' | 'thread.pin' | 'thread.unpin' | 'thread.subject'
  | 'member.warn' | 'member.mute' | 'member.suspend' | 'member.ban' | 'member.unban' | 'member.lift'
  | 'member.disconnect' | 'member.role' | 'member.rename' | 'member.reset-password' | 'member.add'
  | 'board.add' | 'board.edit' | 'board.move' | 'board.archive' | 'board.unarchive' | 'board.moderator' | 'board.admit' | 'board.slow-mode'
  | 'room.add' | 'room.rename' | 'room.close' | 'room.schedule' | 'room.slow-mode'
  | 'report.dismiss' | 'report.act'
  | 'word.add' | 'word.remove'
  | 'config.set'
  | 'bulletin.add' | 'bulletin.remove'
  | 'broadcast';

export interface AuditEntry {
  id: number;
  at: number;
  origin: 'bbs' | 'console';
  actorId: number | null;
  actorName: string;
  action: AuditAction;
  targetKind: string;
  targetId: number | null;
  targetLabel: string;
  /** The member the action was about, if any. */
  memberId: number | null;
  boardId: number | null;
  reason: string;
  beforeText: string | null;
  detail: Record<string, unknown>;
}

/** What a service records about one action (the actor and time are added). */
export interface AuditRecord {
  action: AuditAction;
  targetKind?: 'post' | 'thread' | 'member' | 'board' | 'room' | 'report' | 'word' | 'setting' | 'bulletin' | '';
  targetId?: number | null;
  targetLabel?: string;
  memberId?: number | null;
  boardId?: number | null;
  reason?: string;
  beforeText?: string | null;
  detail?: Record<string, unknown>;
}

interface AuditRow {
  id: number;
  at: number;
  origin: 'bbs' | 'console';
  actor_id: number | null;
  actor_name: string;
  action: AuditAction;
  target_kind: string;
  target_id: number | null;
  target_label: string;
  member_id: number | null;
  board_id: number | null;
  reason: string;
  before_text: string | null;
  detail: string;
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    origin: r.origin,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    targetKind: r.target_kind,
    targetId: r.target_id,
    targetLabel: r.target_label,
    memberId: r.member_id,
    boardId: r.board_id,
    reason: r.reason,
    beforeText: r.before_text,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  };
}

export interface AuditQuery {
  /** Entries at or after this time (epoch ms). */
  since?: number;
  /** Only this actor's entries (a member's name, or 'console'); any case. */
  by?: string;
  /** Only entries about this member. */
  memberId?: number;
  limit?: number;
}

/**
 * The audit log: who did what to which content, why and when, appended in the same
 * transaction as the action and never changed (the database refuses UPDATE and DELETE).
 * Each entry is also announced on the hub as `staff:action`, which is how sessions learn of
 * a suspension, a broadcast or a hidden post; entries the console wrote reach a running
 * server through `announceConsoleEntries`.
 */
export class AuditLog {
  private readonly insert;
  private readonly byId;
  private readonly query;
  private readonly consoleAfter;
  private readonly maxId;

  constructor(
    private readonly db: Db,
    private readonly hub: Hub,
    private readonly staff: Staff,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare(
      `INSERT INTO audit_log (at, origin, actor_id, actor_name, action, target_kind, target_id, target_label, member_id, board_id, reason, before_text, detail)
       VALUES (@at, @origin, @actorId, @actorName, @action, @targetKind, @targetId, @targetLabel, @memberId, @boardId, @reason, @beforeText, @detail)`,
    );
    this.byId = db.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE id = ?');
    this.query = db.prepare<{ since: number; by: string | null; member: number | null; limit: number }, AuditRow>(
      `SELECT * FROM audit_log WHERE at >= @since
         AND (@by IS NULL OR actor_name = @by COLLATE NOCASE)
         AND (@member IS NULL OR member_id = @member)
       ORDER BY id DESC LIMIT @limit`,
    );
    this.consoleAfter = db.prepare<[number], AuditRow>("SELECT * FROM audit_log WHERE id > ? AND origin = 'console' ORDER BY id");
    this.maxId = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM audit_log');
  }

  /**
   * Appends one entry for an action the caller has just made, inside the caller's
   * transaction when it has one, and announces it once that commits.
   */
  record(actor: Recorder, rec: AuditRecord): AuditEntry {
    const id = Number(
      this.insert.run({
        at: this.now(),
        origin: actor === 'console' ? 'console' : 'bbs',
        actorId: actor === 'console' || actor === 'reports' ? null : actor.id,
        actorName: actor === 'reports' ? 'reports' : actorName(actor),
        action: rec.action,
        targetKind: rec.targetKind ?? '',
        targetId: rec.targetId ?? null,
        targetLabel: cleanLine(rec.targetLabel ?? '', 200),
        memberId: rec.memberId ?? null,
        boardId: rec.boardId ?? null,
        reason: cleanLine(rec.reason ?? '', 500),
        beforeText: rec.beforeText ?? null,
        detail: JSON.stringify(rec.detail ?? {}),
      }).lastInsertRowid,
    );
    const entry = toEntry(this.byId.get(id)!);
    // Announced after the caller's transaction returns, so listeners never read uncommitted
    // state; a transaction that failed after recording rolled the entry back with it.
    // A console command closes the database as soon as it is done: nobody in that process
    // listens, and the running server announces the entry itself (announceConsoleEntries).
    queueMicrotask(() => {
      if (this.db.open && this.byId.get(id)) this.hub.emit('staff:action', entry);
    });
    return entry;
  }

  /**
   * Entries newest first. Sysops (and the console) read every entry; a moderator reads the
   * entries about their boards and their own actions.
   */
  list(viewer: Actor, q: AuditQuery = {}): AuditEntry[] {
    this.staff.requireStaff(viewer, 'read the audit log');
    const rows = this.query.all({ since: q.since ?? 0, by: q.by ?? null, member: q.memberId ?? null, limit: q.limit ?? 500 });
    const entries = rows.map(toEntry);
    if (this.staff.isSysop(viewer) || viewer === 'console') return entries;
    const mine = new Set(this.staff.boardsModeratedBy(viewer));
    return entries.filter((e) => e.actorId === viewer.id || (e.boardId !== null && mine.has(e.boardId)));
  }

  /** The newest entry's id (0 when empty): where a starting server begins to follow the console. */
  lastId(): number {
    return this.maxId.get()?.id ?? 0;
  }

  /**
   * Announces on the hub the entries the console wrote after `afterId` (the server calls this
   * when another process changed the database) and returns the last id seen.
   */
  announceConsoleEntries(afterId: number): number {
    let last = afterId;
    for (const row of this.consoleAfter.all(afterId)) {
      this.hub.emit('staff:action', toEntry(row));
      last = row.id;
    }
    return last;
  }
}

const ACTION_WORDS: Record<AuditAction, string> = {
  'post.hide': 'hid a post',
  'post.restore': 'restored a post',
  'post.approve': 'approved a held post',
  'post.reject': 'rejected a held post',
  'thread.lock': 'locked a thread',
  'thread.unlock': 'unlocked a thread',
  'thread.move': 'moved a thread',
  'thread.pin': 'pinned a thread',
  'thread.unpin': 'unpinned a thread',
  'thread.subject': "edited a thread's subject",
  'member.warn': 'warned a member',
  'member.mute': 'muted a member in chat',
  'member.suspend': 'suspended a member',
  'member.ban': 'banned a member',
  'member.unban': 'lifted a ban or suspension',
  'member.lift': 'lifted a sanction',
  'member.disconnect': 'disconnected a member',
  'member.role': "changed a member's role",
  'member.rename': 'renamed a member',
  'member.reset-password': "reset a member's password",
  'member.add': 'added a member',
  'board.add': 'added a board',
  'board.edit': 'edited a board',
  'board.move': 'moved a board',
  'board.archive': 'archived a board',
  'board.unarchive': 'brought back an archived board',
  'board.moderator': "changed a board's moderators",
  'board.admit': "changed who may read a board",
  'board.slow-mode': "set a board's slow mode",
  'room.add': 'opened a chat room',
  'room.rename': 'renamed a chat room',
  'room.close': 'closed a chat room',
  'room.schedule': "changed a room's meeting",
  'room.slow-mode': "set a room's slow mode",
  'report.dismiss': 'dismissed a report',
  'report.act': 'acted on a report',
  'word.add': 'added a watched word',
  'word.remove': 'removed a watched word',
  'config.set': 'changed a setting',
  'bulletin.add': 'added a bulletin',
  'bulletin.remove': 'removed a bulletin',
  broadcast: 'sent a broadcast',
};

/** What an action did, in words ("hid a post"); an action recorded by a newer version reads as its name. */
export function actionWords(action: string): string {
  return (ACTION_WORDS as Record<string, string>)[action] ?? action;
}

/**
 * One entry as a sentence for staff, on a screen or at the console:
 * "willow hid a post: rowan in "What helped me" (Bereavement & loss). Reason: unsafe advice".
 */
export function describeAuditEntry(e: AuditEntry): string {
  const target = e.targetLabel ? `: ${e.targetLabel}` : '';
  const reason = e.reason ? `. Reason: ${e.reason}` : '';
  return `${e.actorName} ${actionWords(e.action)}${target}${reason}`;
}
