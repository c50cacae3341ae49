import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import type { Member } from './accounts.js';

/** Who acts: a member in a session, or the sysop at the server's console. */
export type Actor = Member | 'console';

/** The name an actor is recorded under. */
export function actorName(actor: Actor): string {
  return actor === 'console' ? 'console' : actor.name;
}

/**
 * Roles, checked in the services whatever screen or command asks: sysops (and the console)
 * act everywhere; a board's moderators act on that board and on chat rooms linked to it.
 */
export class Staff {
  private readonly moderatorOf;
  private readonly boardsOf;
  private readonly roomBoard;

  constructor(db: Db) {
    this.moderatorOf = db.prepare<[number, number], { x: number }>(
      'SELECT 1 AS x FROM board_moderators WHERE board_id = ? AND member_id = ?',
    );
    this.boardsOf = db.prepare<[number], { board_id: number }>(
      'SELECT board_id FROM board_moderators WHERE member_id = ? ORDER BY board_id',
    );
    this.roomBoard = db.prepare<[number], { board_id: number | null }>('SELECT board_id FROM chat_rooms WHERE id = ?');
  }

  isSysop(actor: Actor | undefined): boolean {
    return actor === 'console' || actor?.role === 'sysop';
  }

  /** True when the actor may moderate this board: a sysop, the console, or one of its moderators. */
  moderatesBoard(actor: Actor | undefined, boardId: number | null): boolean {
    if (this.isSysop(actor)) return true;
    if (!actor || actor === 'console' || boardId === null) return false;
    return this.moderatorOf.get(boardId, actor.id) !== undefined;
  }

  /** True when the actor may moderate this chat room: sysops, and moderators of the board it belongs to. */
  moderatesRoom(actor: Actor | undefined, roomId: number): boolean {
    if (this.isSysop(actor)) return true;
    return this.moderatesBoard(actor, this.boardOfRoom(roomId));
  }

  /** The ids of the boards a member moderates (every board's moderation is open to sysops regardless). */
  boardsModeratedBy(member: Member): number[] {
    return this.boardsOf.all(member.id).map((r) => r.board_id);
  }

  /** True for sysops and for members who moderate at least one board. */
  isStaff(actor: Actor | undefined): boolean {
    if (this.isSysop(actor)) return true;
    return !!actor && actor !== 'console' && this.boardsOf.get(actor.id) !== undefined;
  }

  /** The board a chat room belongs to, or null for a room of the whole BBS (the Lobby). */
  boardOfRoom(roomId: number): number | null {
    return this.roomBoard.get(roomId)?.board_id ?? null;
  }

  requireSysop(actor: Actor, what: string): void {
    if (!this.isSysop(actor)) throw new UserError(`Only a sysop can ${what}.`);
  }

  requireBoard(actor: Actor, boardId: number | null, what: string): void {
    if (!this.moderatesBoard(actor, boardId)) throw new UserError(`Only a sysop or this board's moderators can ${what}.`);
  }

  requireRoom(actor: Actor, roomId: number, what: string): void {
    if (!this.moderatesRoom(actor, roomId)) throw new UserError(`Only a sysop or this room's moderators can ${what}.`);
  }

  requireStaff(actor: Actor, what: string): void {
    if (!this.isStaff(actor)) throw new UserError(`Only a sysop or a moderator can ${what}.`);
  }
}
