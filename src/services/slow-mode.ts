import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import type { Hub } from '../hub.js';
import type { Member } from './accounts.js';
import type { AuditLog, AuditRecord } from './audit.js';
import type { BbsSettings } from './bbs-settings.js';
import type { Actor, Staff } from './staff.js';

/** The sysop's pace for new members' posts (`haven sysop config set posting.new_account_minutes 5`). */
export const POSTING_SETTINGS = {
  newAccountHours: {
    key: 'posting.new_account_hours',
    fallback: 24,
    min: 0,
    max: 8760,
    describe: 'Hours after joining during which a member posts at the new-account pace',
  },
  newAccountMinutes: {
    key: 'posting.new_account_minutes',
    fallback: 0,
    min: 0,
    max: 1440,
    describe: 'Minutes a new member waits between posts on any board (0: no wait)',
  },
} as const;

export const BOARD_SLOW_MAX_MINUTES = 1440;
export const ROOM_SLOW_MAX_SECONDS = 3600;
const HOUR = 3_600_000;

/** "4 min 10 s", "35 s", "2 h 5 min": how long until a member may post again (rounded up to the second). */
export function formatWait(ms: number): string {
  const total = Math.max(1, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s > 0 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

/**
 * Slow mode: one post per N minutes per member on a board, one line per N seconds in a chat
 * room (staff are exempt), and the pace of a new member's posts on every board.
 */
export class SlowMode {
  private readonly boardMinutes;
  private readonly setBoardMinutes;
  private readonly roomSeconds;
  private readonly setRoomSeconds;
  private readonly lastPostOnBoard;
  private readonly lastPostAnywhere;
  /** When each member last spoke in each room ("room:member"); chat is served by this process only. */
  private readonly lastLine = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly hub: Hub,
    private readonly staff: Staff,
    private readonly audit: AuditLog,
    private readonly settings: BbsSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.boardMinutes = db.prepare<[number], { slow_mode_minutes: number; name: string }>('SELECT slow_mode_minutes, name FROM boards WHERE id = ?');
    this.setBoardMinutes = db.prepare('UPDATE boards SET slow_mode_minutes = ? WHERE id = ?');
    this.roomSeconds = db.prepare<[number], { slow_mode_seconds: number; name: string; board_id: number | null }>(
      'SELECT slow_mode_seconds, name, board_id FROM chat_rooms WHERE id = ? AND closed_at IS NULL',
    );
    this.setRoomSeconds = db.prepare('UPDATE chat_rooms SET slow_mode_seconds = ? WHERE id = ?');
    // A held post counts too: holding must not be a way round the pace.
    this.lastPostOnBoard = db.prepare<{ member: number; board: number }, { at: number | null }>(
      `SELECT max(coalesce((SELECT max(created_at) FROM posts WHERE author_id = @member AND board_id = @board), 0),
                  coalesce((SELECT max(created_at) FROM held_posts WHERE author_id = @member AND board_id = @board), 0)) AS at`,
    );
    this.lastPostAnywhere = db.prepare<{ member: number }, { at: number | null }>(
      `SELECT max(coalesce((SELECT max(created_at) FROM posts WHERE author_id = @member), 0),
                  coalesce((SELECT max(created_at) FROM held_posts WHERE author_id = @member), 0)) AS at`,
    );
  }

  /** A board's slow mode in minutes (0: off). */
  boardSlowMinutes(boardId: number): number {
    return this.boardMinutes.get(boardId)?.slow_mode_minutes ?? 0;
  }

  /** A room's slow mode in seconds (0: off). */
  roomSlowSeconds(roomId: number): number {
    return this.roomSeconds.get(roomId)?.slow_mode_seconds ?? 0;
  }

  /** Staff: one post per `minutes` per member on a board (0 turns it off). */
  setBoard(actor: Actor, boardId: number, minutes: number): void {
    const board = this.boardMinutes.get(boardId);
    if (!board) throw new UserError('That board does not exist.');
    this.staff.requireBoard(actor, boardId, 'set slow mode on this board');
    this.write(actor, {
      value: minutes,
      max: BOARD_SLOW_MAX_MINUTES,
      outOfRange: `Slow mode on a board is a whole number of minutes from 0 (off) to ${BOARD_SLOW_MAX_MINUTES}.`,
      apply: () => this.setBoardMinutes.run(minutes, boardId),
      entry: {
        action: 'board.slow-mode',
        targetKind: 'board',
        targetId: boardId,
        targetLabel: board.name,
        boardId,
        detail: { minutes, before: board.slow_mode_minutes },
      },
    });
    this.hub.emit('boards:changed', { boardId });
  }

  /** Staff: one line per `seconds` per member in a room (0 turns it off). */
  setRoom(actor: Actor, roomId: number, seconds: number): void {
    const room = this.roomSeconds.get(roomId);
    if (!room) throw new UserError('That room has closed.');
    this.staff.requireRoom(actor, roomId, 'set slow mode in this room');
    this.write(actor, {
      value: seconds,
      max: ROOM_SLOW_MAX_SECONDS,
      outOfRange: `Slow mode in a room is a whole number of seconds from 0 (off) to ${ROOM_SLOW_MAX_SECONDS}.`,
      apply: () => this.setRoomSeconds.run(seconds, roomId),
      entry: {
        action: 'room.slow-mode',
        targetKind: 'room',
        targetId: roomId,
        targetLabel: room.name,
        boardId: room.board_id,
        detail: { seconds, before: room.slow_mode_seconds },
      },
    });
    this.hub.emit('chat:rooms-changed', {});
  }

  /** Checks a slow mode's number, then sets it with its audit entry, in one transaction. */
  private write(
    actor: Actor,
    change: { value: number; max: number; outOfRange: string; apply(): void; entry: AuditRecord },
  ): void {
    if (!Number.isInteger(change.value) || change.value < 0 || change.value > change.max) throw new UserError(change.outOfRange);
    this.db.transaction(() => {
      change.apply();
      this.audit.record(actor, change.entry);
    })();
  }

  /** Refuses a post on a board that comes too soon after the member's last (slow mode, new-account pace). */
  checkPost(member: Member, boardId: number): void {
    if (this.staff.moderatesBoard(member, boardId)) return;
    const now = this.now();
    const minutes = this.boardSlowMinutes(boardId);
    if (minutes > 0) {
      const last = this.lastPostOnBoard.get({ member: member.id, board: boardId })?.at ?? 0;
      const wait = last + minutes * 60_000 - now;
      if (last > 0 && wait > 0) {
        throw new UserError(`Slow mode: you can post here again in ${formatWait(wait)}. Your text is kept.`);
      }
    }
    const pace = this.settings.numberOf(POSTING_SETTINGS.newAccountMinutes);
    const newFor = this.settings.numberOf(POSTING_SETTINGS.newAccountHours) * HOUR;
    if (pace > 0 && now < member.createdAt + newFor) {
      const last = this.lastPostAnywhere.get({ member: member.id })?.at ?? 0;
      const wait = last + pace * 60_000 - now;
      if (last > 0 && wait > 0) {
        throw new UserError(`New members wait ${pace} min between posts at first: you can post again in ${formatWait(wait)}. Your text is kept.`);
      }
    }
  }

  /** Refuses a chat line that comes too soon after the member's last in a slow room. */
  checkLine(member: Member, roomId: number): void {
    const seconds = this.roomSlowSeconds(roomId);
    if (seconds <= 0 || this.staff.moderatesRoom(member, roomId)) return;
    const last = this.lastLine.get(`${roomId}:${member.id}`);
    const wait = last === undefined ? 0 : last + seconds * 1000 - this.now();
    if (wait > 0) throw new UserError(`Slow mode: you can speak here again in ${formatWait(wait)}.`);
  }

  /** Notes that a member spoke in a room (for slow mode). */
  spoke(memberId: number, roomId: number): void {
    if (this.lastLine.size > 50_000) this.lastLine.clear();
    this.lastLine.set(`${roomId}:${memberId}`, this.now());
  }
}
