import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import type { Hub } from '../hub.js';
import type { Accounts, Member } from './accounts.js';

/**
 * Blocking (also called ignoring): the blocker stops receiving the blocked member's mail,
 * sees their posts folded and their chat lines hidden. The blocked member is never told.
 */
export class Blocks {
  private readonly insert;
  private readonly remove;
  private readonly exists;
  private readonly listOf;

  constructor(
    db: Db,
    private readonly accounts: Accounts,
    private readonly hub: Hub,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare('INSERT OR IGNORE INTO blocks (member_id, blocked_id, created_at) VALUES (?, ?, ?)');
    this.remove = db.prepare('DELETE FROM blocks WHERE member_id = ? AND blocked_id = ?');
    this.exists = db.prepare<[number, number], { x: number }>('SELECT 1 AS x FROM blocks WHERE member_id = ? AND blocked_id = ?');
    this.listOf = db.prepare<[number], { id: number; name: string; created_at: number }>(
      `SELECT m.id, m.name, b.created_at FROM blocks b JOIN members m ON m.id = b.blocked_id
       WHERE b.member_id = ? ORDER BY m.name_key`,
    );
  }

  /** Blocks a member by name; returns the member blocked. */
  blockByName(memberId: number, name: string): Member {
    const target = this.accounts.findByName(name.trim());
    if (!target) throw new UserError(`There is no member called "${name.trim()}".`);
    this.block(memberId, target.id);
    return target;
  }

  block(memberId: number, blockedId: number): void {
    if (memberId === blockedId) throw new UserError('You cannot block yourself.');
    this.insert.run(memberId, blockedId, this.now());
    this.hub.emit('blocks:changed', { memberId });
  }

  unblock(memberId: number, blockedId: number): void {
    this.remove.run(memberId, blockedId);
    this.hub.emit('blocks:changed', { memberId });
  }

  /** True when `memberId` has blocked `otherId`. */
  hasBlocked(memberId: number, otherId: number): boolean {
    return this.exists.get(memberId, otherId) !== undefined;
  }

  /** The ids `memberId` has blocked, for filtering lists in one pass. */
  blockedIds(memberId: number): Set<number> {
    return new Set(this.listOf.all(memberId).map((r) => r.id));
  }

  list(memberId: number): Array<{ id: number; name: string; since: number }> {
    return this.listOf.all(memberId).map((r) => ({ id: r.id, name: r.name, since: r.created_at }));
  }
}
