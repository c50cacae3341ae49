import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import { cleanLine, countOf, formatClock, formatLongDate } from '../text/index.js';
import type { Accounts, Member } from './accounts.js';
import type { AuditLog } from './audit.js';
import type { Chat } from './chat.js';
import { actorName, type Actor, type Staff } from './staff.js';

export type SanctionKind = 'warn' | 'mute' | 'suspend' | 'ban';

export interface Sanction {
  id: number;
  memberId: number;
  kind: SanctionKind;
  reason: string;
  boardId: number | null;
  /** A mute's room; null for every room. */
  roomId: number | null;
  createdAt: number;
  /** null: no end (a ban, a warning). */
  endsAt: number | null;
  byName: string;
  acknowledgedAt: number | null;
  liftedAt: number | null;
  liftedByName: string | null;
}

interface SanctionRow {
  id: number;
  member_id: number;
  kind: SanctionKind;
  reason: string;
  board_id: number | null;
  room_id: number | null;
  created_at: number;
  ends_at: number | null;
  by_name: string;
  acknowledged_at: number | null;
  lifted_at: number | null;
  lifted_by_name: string | null;
}

function toSanction(r: SanctionRow): Sanction {
  return {
    id: r.id,
    memberId: r.member_id,
    kind: r.kind,
    reason: r.reason,
    boardId: r.board_id,
    roomId: r.room_id,
    createdAt: r.created_at,
    endsAt: r.ends_at,
    byName: r.by_name,
    acknowledgedAt: r.acknowledged_at,
    liftedAt: r.lifted_at,
    liftedByName: r.lifted_by_name,
  };
}

/** Who a sanction is for: a member, a name, or an id. */
export type MemberRef = Member | string | number;

export const REASON_MAX = 300;
export const BROADCAST_MAX = 200;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const LONGEST_MS = 365 * DAY;

/**
 * A length of time as the sysop types it: "30m", "12h", "7d", "2w" (or a bare number of days).
 * Throws a UserError for anything else, and for less than a minute or more than a year.
 */
export function parseDuration(text: string): number {
  const m = /^\s*(\d{1,6})\s*(m|min|h|d|w)?\s*$/i.exec(text);
  if (!m) throw new UserError(`"${text}" is not a length of time: say e.g. 30m, 12h, 7d or 2w.`);
  const unit = { m: MINUTE, min: MINUTE, h: 60 * MINUTE, d: DAY, w: 7 * DAY }[(m[2] ?? 'd').toLowerCase() as 'm'];
  const ms = Number(m[1]) * unit;
  if (ms < MINUTE || ms > LONGEST_MS) throw new UserError('A length of time runs from one minute to 365 days.');
  return ms;
}

/** "10 minutes", "1 hour", "24 hours", "3 days": how long a sanction lasts, in words. */
export function lengthInWords(minutes: number): string {
  if (minutes % (24 * 60) === 0) return countOf(minutes / (24 * 60), 'day');
  if (minutes % 60 === 0) return countOf(minutes / 60, 'hour');
  return countOf(minutes, 'minute');
}

/**
 * The line a room sees when one of its members is muted. It does not name who muted them:
 * in a support group a named volunteer becomes the target of the argument that follows,
 * in the room and in mail. The audit log keeps the name for the staff; the member reads the
 * reason and the end time when they next try to speak.
 */
export function muteRoomLine(name: string, minutes: number): string {
  return `${name} was muted for ${lengthInWords(minutes)} by a moderator.`;
}

/** What a member reads when a suspension or ban ends their session or refuses their log-in. */
export function sanctionNotice(s: Pick<Sanction, 'kind' | 'endsAt' | 'reason'>, timeZone: string): string {
  if (s.kind === 'ban' || s.endsAt === null) return `Your account is banned: ${s.reason}`;
  return `Your account is suspended until ${formatLongDate(s.endsAt, timeZone)} at ${formatClock(s.endsAt, timeZone)}: ${s.reason}`;
}

/**
 * Sanctions on members: warnings they acknowledge, chat mutes, suspensions and bans, each one
 * call that checks the actor's role and records one audit entry in the same transaction.
 * Sessions learn of them from the audit entry (`staff:action` on the hub); a suspended or
 * banned member's next log-in is refused at the start of the shell (`activeBan`).
 */
export class Sanctions {
  private readonly insert;
  private readonly byId;
  private readonly activeBans;
  private readonly activeMutes;
  private readonly pending;
  private readonly recent;
  private readonly markAcknowledged;
  private readonly markLifted;
  private readonly insertBroadcast;
  private readonly broadcastsSince;

  constructor(
    private readonly db: Db,
    private readonly accounts: Accounts,
    private readonly staff: Staff,
    private readonly audit: AuditLog,
    chat: Chat,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare(
      `INSERT INTO sanctions (member_id, kind, reason, board_id, room_id, created_at, ends_at, by_id, by_name)
       VALUES (@memberId, @kind, @reason, @boardId, @roomId, @createdAt, @endsAt, @byId, @byName)`,
    );
    this.byId = db.prepare<[number], SanctionRow>('SELECT * FROM sanctions WHERE id = ?');
    this.activeBans = db.prepare<[number, number], SanctionRow>(
      `SELECT * FROM sanctions WHERE member_id = ? AND kind IN ('suspend', 'ban') AND lifted_at IS NULL
         AND (ends_at IS NULL OR ends_at > ?)
       ORDER BY ends_at IS NULL DESC, ends_at DESC LIMIT 1`,
    );
    this.activeMutes = db.prepare<[number, number], SanctionRow>(
      `SELECT * FROM sanctions WHERE member_id = ? AND kind = 'mute' AND lifted_at IS NULL AND ends_at > ?
       ORDER BY ends_at DESC`,
    );
    this.pending = db.prepare<[number], SanctionRow>(
      `SELECT * FROM sanctions WHERE member_id = ? AND kind = 'warn' AND acknowledged_at IS NULL AND lifted_at IS NULL ORDER BY id`,
    );
    this.recent = db.prepare<[number, number], SanctionRow>('SELECT * FROM sanctions WHERE member_id = ? ORDER BY id DESC LIMIT ?');
    this.markAcknowledged = db.prepare('UPDATE sanctions SET acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL');
    this.markLifted = db.prepare('UPDATE sanctions SET lifted_at = ?, lifted_by_name = ? WHERE id = ? AND lifted_at IS NULL');
    this.insertBroadcast = db.prepare('INSERT INTO broadcasts (text, created_at, by_name) VALUES (?, ?, ?)');
    this.broadcastsSince = db.prepare<[number], { id: number; text: string; created_at: number; by_name: string }>(
      'SELECT * FROM broadcasts WHERE created_at >= ? ORDER BY id DESC LIMIT 1',
    );
    chat.addSpeakGuard((roomId, member) => this.refuseIfMuted(roomId, member));
  }

  /** A private notice the member must acknowledge: at once if online, else at their next log-in. */
  warn(actor: Actor, who: MemberRef, reason: string, opts: { boardId?: number } = {}): Sanction {
    this.staff.requireBoard(actor, opts.boardId ?? null, 'warn a member');
    const member = this.target(actor, who);
    const why = this.reason(reason);
    return this.act(actor, member, { kind: 'warn', reason: why, boardId: opts.boardId ?? null, roomId: null, lasts: null }, 'member.warn');
  }

  /** The member's warnings not yet acknowledged, oldest first. */
  pendingWarnings(member: Pick<Member, 'id'>): Sanction[] {
    return this.pending.all(member.id).map(toSanction);
  }

  /** The member has read this warning. */
  acknowledge(member: Pick<Member, 'id'>, sanctionId: number): void {
    const s = this.byId.get(sanctionId);
    if (!s || s.member_id !== member.id || s.kind !== 'warn') throw new UserError('There is no such warning for you.');
    this.markAcknowledged.run(this.now(), sanctionId);
  }

  /**
   * Silences a member in chat for a while: in one room (its board's moderators may) or in
   * every room (`roomId` null: sysops only).
   */
  mute(actor: Actor, who: MemberRef, opts: { roomId: number | null; minutes: number; reason: string }): Sanction {
    if (opts.roomId === null) this.staff.requireSysop(actor, 'mute a member in every room');
    else this.staff.requireRoom(actor, opts.roomId, 'mute a member here');
    const member = this.target(actor, who);
    const why = this.reason(opts.reason);
    if (!Number.isInteger(opts.minutes) || opts.minutes < 1 || opts.minutes > LONGEST_MS / MINUTE) {
      throw new UserError('A mute lasts from 1 minute to 365 days.');
    }
    const boardId = opts.roomId === null ? null : this.staff.boardOfRoom(opts.roomId);
    return this.act(actor, member, { kind: 'mute', reason: why, boardId, roomId: opts.roomId, lasts: opts.minutes * MINUTE }, 'member.mute');
  }

  /** Keeps a member out until a date: `days` (1, 3, 7, 30) or any `durationMs` up to a year. Sysops only. */
  suspend(actor: Actor, who: MemberRef, opts: { days?: number; durationMs?: number; reason: string }): Sanction {
    this.staff.requireSysop(actor, 'suspend a member');
    const member = this.target(actor, who);
    const why = this.reason(opts.reason);
    const ms = opts.durationMs ?? (opts.days !== undefined ? opts.days * DAY : NaN);
    if (!Number.isFinite(ms) || ms < MINUTE || ms > LONGEST_MS) throw new UserError('A suspension lasts from one minute to 365 days.');
    return this.act(actor, member, { kind: 'suspend', reason: why, boardId: null, roomId: null, lasts: ms }, 'member.suspend');
  }

  /** Keeps a member out with no end, until unbanned. Sysops only. */
  ban(actor: Actor, who: MemberRef, reason: string): Sanction {
    this.staff.requireSysop(actor, 'ban a member');
    const member = this.target(actor, who);
    const why = this.reason(reason);
    return this.act(actor, member, { kind: 'ban', reason: why, boardId: null, roomId: null, lasts: null }, 'member.ban');
  }

  /** Lifts the member's active suspensions and bans. Sysops only. */
  unban(actor: Actor, who: MemberRef): number {
    this.staff.requireSysop(actor, 'lift a suspension or ban');
    const member = this.resolve(who);
    return this.db.transaction(() => {
      const t = this.now();
      let lifted = 0;
      for (;;) {
        const active = this.activeBans.get(member.id, t);
        if (!active) break;
        this.markLifted.run(t, actorName(actor), active.id);
        lifted++;
      }
      if (lifted === 0) throw new UserError(`${member.name} is not suspended or banned.`);
      this.audit.record(actor, { action: 'member.unban', targetKind: 'member', targetId: member.id, targetLabel: member.name, memberId: member.id });
      return lifted;
    })();
  }

  /** Lifts one active mute, suspension or ban (or withdraws an unread warning). */
  lift(actor: Actor, sanctionId: number): Sanction {
    const row = this.byId.get(sanctionId);
    if (!row) throw new UserError('There is no such sanction.');
    const s = toSanction(row);
    if (s.kind === 'suspend' || s.kind === 'ban') this.staff.requireSysop(actor, 'lift a suspension or ban');
    else if (s.kind === 'mute' && s.roomId !== null) this.staff.requireRoom(actor, s.roomId, 'lift this mute');
    else if (s.kind === 'mute') this.staff.requireSysop(actor, 'lift a mute in every room');
    else this.staff.requireBoard(actor, s.boardId, 'withdraw this warning');
    const t = this.now();
    const over = s.liftedAt !== null || (s.endsAt !== null && s.endsAt <= t) || (s.kind === 'warn' && s.acknowledgedAt !== null);
    if (over) throw new UserError('That sanction is no longer in force.');
    const member = this.accounts.findById(s.memberId);
    return this.db.transaction(() => {
      this.markLifted.run(t, actorName(actor), s.id);
      this.audit.record(actor, {
        action: 'member.lift', targetKind: 'member', targetId: s.memberId, targetLabel: member?.name ?? '', memberId: s.memberId,
        boardId: s.boardId, detail: { sanctionId: s.id, kind: s.kind },
      });
      return toSanction(this.byId.get(s.id)!);
    })();
  }

  /** The suspension or ban in force for this member, if any (a ban before a suspension). */
  activeBan(memberId: number): Sanction | undefined {
    const row = this.activeBans.get(memberId, this.now());
    return row ? toSanction(row) : undefined;
  }

  /** The mute in force for this member in this room (or in every room), if any. */
  activeMute(memberId: number, roomId: number): Sanction | undefined {
    const row = this.activeMutes.all(memberId, this.now()).find((r) => r.room_id === null || r.room_id === roomId);
    return row ? toSanction(row) : undefined;
  }

  /** The member's last sanctions, newest first, for staff reviewing a report about them. */
  recentFor(viewer: Actor, memberId: number, limit = 10): Sanction[] {
    this.staff.requireStaff(viewer, "see a member's sanctions");
    return this.recent.all(memberId, limit).map(toSanction);
  }

  /** Ends the member's sessions now (they may log in again). Sysops only. */
  disconnect(actor: Actor, who: MemberRef, reason = ''): void {
    this.staff.requireSysop(actor, 'disconnect a member');
    const member = this.target(actor, who);
    const why = cleanLine(reason, REASON_MAX);
    this.audit.record(actor, { action: 'member.disconnect', targetKind: 'member', targetId: member.id, targetLabel: member.name, memberId: member.id, reason: why });
  }

  /** A notice on every connected member's status line until they dismiss it. Sysops only. */
  broadcast(actor: Actor, text: string): { id: number; text: string } {
    this.staff.requireSysop(actor, 'send a broadcast');
    const clean = cleanLine(text, BROADCAST_MAX);
    if (!clean) throw new UserError('A broadcast needs some text.');
    return this.db.transaction(() => {
      const id = Number(this.insertBroadcast.run(clean, this.now(), actorName(actor)).lastInsertRowid);
      this.audit.record(actor, { action: 'broadcast', targetLabel: clean, detail: { broadcastId: id, text: clean } });
      return { id, text: clean };
    })();
  }

  /** The newest broadcast sent within `withinMs`, for a member who logs in soon after it. */
  latestBroadcast(withinMs: number): { id: number; text: string; createdAt: number } | undefined {
    const row = this.broadcastsSince.get(this.now() - withinMs);
    return row ? { id: row.id, text: row.text, createdAt: row.created_at } : undefined;
  }

  private refuseIfMuted(roomId: number, member: Member): void {
    const mute = this.activeMute(member.id, roomId);
    if (!mute || mute.endsAt === null) return;
    const until = `${formatClock(mute.endsAt, member.timeZone)} on ${formatLongDate(mute.endsAt, member.timeZone)}`;
    throw new UserError(`You are muted ${mute.roomId === null ? 'in chat' : 'in this room'} until ${until}: ${mute.reason}`);
  }

  private act(
    actor: Actor,
    member: Member,
    s: { kind: SanctionKind; reason: string; boardId: number | null; roomId: number | null; lasts: number | null },
    action: 'member.warn' | 'member.mute' | 'member.suspend' | 'member.ban',
  ): Sanction {
    // One reading of the clock: a sanction lasts exactly what was asked, from when it was made.
    const createdAt = this.now();
    const endsAt = s.lasts === null ? null : createdAt + s.lasts;
    const { lasts: _lasts, ...row } = s;
    return this.db.transaction(() => {
      const id = Number(
        this.insert.run({
          memberId: member.id, ...row, endsAt, createdAt, byId: actor === 'console' ? null : actor.id, byName: actorName(actor),
        }).lastInsertRowid,
      );
      this.audit.record(actor, {
        action, targetKind: 'member', targetId: member.id, targetLabel: member.name, memberId: member.id, boardId: s.boardId,
        reason: s.reason, detail: { sanctionId: id, endsAt, roomId: s.roomId },
      });
      return toSanction(this.byId.get(id)!);
    })();
  }

  private resolve(who: MemberRef): Member {
    const found = typeof who === 'number' ? this.accounts.findById(who)
      : typeof who === 'string' ? this.accounts.findByName(who.trim())
      : this.accounts.findById(who.id);
    if (!found) throw new UserError(typeof who === 'string' ? `There is no member called "${who.trim()}".` : 'There is no such member.');
    return found;
  }

  /** The member a sanction is for: never the actor, never a sysop. */
  private target(actor: Actor, who: MemberRef): Member {
    const member = this.resolve(who);
    if (actor !== 'console' && actor.id === member.id) throw new UserError('You cannot sanction yourself.');
    if (member.role === 'sysop') throw new UserError(`${member.name} is a sysop: sysops cannot be sanctioned.`);
    return member;
  }

  private reason(text: string): string {
    const why = cleanLine(text ?? '', REASON_MAX);
    if (!why) throw new UserError('Please give a reason: the member will read it.');
    return why;
  }
}
