import { randomInt } from 'node:crypto';
import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import { nameProblem, type Accounts, type Member, type Role } from './accounts.js';
import type { AuditLog } from './audit.js';
import type { PasswordHasher } from './password-hasher.js';
import type { Actor, Staff } from './staff.js';

/** What `setRole` makes a member: a sysop, a moderator of one board, or a plain member. */
export type StaffRole = 'sysop' | 'moderator' | 'member';

/** A member as the sysop sees them: never their mail or password. */
export interface MemberProfile {
  id: number;
  name: string;
  role: Role;
  createdAt: number;
  lastLoginAt: number | null;
  /** Short names of the boards they moderate. */
  moderates: string[];
  keyCount: number;
  postCount: number;
  /** A one-time password is waiting to be replaced at their next log-in. */
  mustChangePassword: boolean;
  sanctions: Array<{
    kind: 'warn' | 'mute' | 'suspend' | 'ban';
    reason: string;
    createdAt: number;
    endsAt: number | null;
    byName: string;
    liftedAt: number | null;
  }>;
  /** Reports filed about what they wrote. */
  reportsAbout: number;
}

// A one-time password is read aloud or copied by hand: no letters that look alike (0/O, 1/l/I).
const READABLE = 'abcdefghijkmnpqrstuvwxyz23456789';

/** Three groups of four readable characters: about 60 bits, enough for a password used once. */
export function oneTimePassword(): string {
  const group = () => Array.from({ length: 4 }, () => READABLE[randomInt(READABLE.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

/**
 * The sysop's operations on members' accounts: role, name, a password reset, and the whole
 * picture of one member. Each checks the actor is a sysop and records one audit entry in the
 * same transaction. The BBS and the console call the same methods.
 */
export class MemberAdmin {
  private readonly row;
  private readonly sysopCount;
  private readonly setRoleOf;
  private readonly addModerator;
  private readonly dropModeratorships;
  private readonly nameOwner;
  private readonly setName;
  private readonly setPassword;
  private readonly boardSlugs;
  private readonly keys;
  private readonly posts;
  private readonly sanctionsOf;
  private readonly reportsAboutOf;
  private readonly boardById;

  constructor(
    private readonly db: Db,
    private readonly accounts: Accounts,
    private readonly staff: Staff,
    private readonly audit: AuditLog,
    private readonly hasher: PasswordHasher,
  ) {
    this.row = db.prepare<[number], { must_change_password: number }>('SELECT must_change_password FROM members WHERE id = ?');
    this.sysopCount = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM members WHERE role = 'sysop' AND disabled = 0");
    this.setRoleOf = db.prepare('UPDATE members SET role = ? WHERE id = ?');
    this.addModerator = db.prepare('INSERT OR IGNORE INTO board_moderators (board_id, member_id) VALUES (?, ?)');
    this.dropModeratorships = db.prepare('DELETE FROM board_moderators WHERE member_id = ?');
    this.nameOwner = db.prepare<[string], { id: number }>('SELECT id FROM members WHERE name_key = ?');
    this.setName = db.prepare('UPDATE members SET name = ?, name_key = ? WHERE id = ?');
    this.setPassword = db.prepare('UPDATE members SET password_hash = ?, must_change_password = 1 WHERE id = ?');
    this.boardSlugs = db.prepare<[number], { slug: string }>(
      'SELECT b.slug FROM board_moderators x JOIN boards b ON b.id = x.board_id WHERE x.member_id = ? ORDER BY b.position',
    );
    this.keys = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM member_keys WHERE member_id = ?');
    this.posts = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM posts WHERE author_id = ? AND deleted_at IS NULL');
    this.sanctionsOf = db.prepare<
      [number],
      { kind: 'warn' | 'mute' | 'suspend' | 'ban'; reason: string; created_at: number; ends_at: number | null; by_name: string; lifted_at: number | null }
    >('SELECT kind, reason, created_at, ends_at, by_name, lifted_at FROM sanctions WHERE member_id = ? ORDER BY created_at, id');
    this.reportsAboutOf = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM reports WHERE author_id = ?');
    this.boardById = db.prepare<[number], { slug: string }>('SELECT slug FROM boards WHERE id = ?');
  }

  /** Everything the sysop may know about a member (`user show`). */
  profile(actor: Actor, memberId: number): MemberProfile {
    this.staff.requireSysop(actor, 'look up members');
    const m = this.member(memberId);
    return {
      id: m.id,
      name: m.name,
      role: m.role,
      createdAt: m.createdAt,
      lastLoginAt: m.lastLoginAt,
      moderates: this.boardSlugs.all(m.id).map((r) => r.slug),
      keyCount: this.keys.get(m.id)!.n,
      postCount: this.posts.get(m.id)!.n,
      mustChangePassword: this.row.get(m.id)?.must_change_password === 1,
      sanctions: this.sanctionsOf.all(m.id).map((s) => ({
        kind: s.kind, reason: s.reason, createdAt: s.created_at, endsAt: s.ends_at, byName: s.by_name, liftedAt: s.lifted_at,
      })),
      reportsAbout: this.reportsAboutOf.get(m.id)!.n,
    };
  }

  /**
   * Makes a member a sysop, a moderator of one board, or a plain member (no sysop rights and no
   * board to moderate). The last sysop is never demoted: the BBS would have nobody to run it.
   */
  setRole(actor: Actor, memberId: number, role: StaffRole, boardId?: number): Member {
    this.staff.requireSysop(actor, 'change roles');
    const m = this.member(memberId);
    const board = boardId === undefined ? undefined : this.boardById.get(boardId);
    if (role === 'moderator' && !board) throw new UserError('A moderator moderates a board: say which one.');
    if (role !== 'moderator' && boardId !== undefined) throw new UserError('Only a moderator is given a board.');
    const before = { role: m.role, moderates: this.boardSlugs.all(m.id).map((r) => r.slug) };
    if (role === 'sysop' && m.role === 'sysop') throw new UserError(`${m.name} is already a sysop.`);
    if (role === 'moderator' && m.role !== 'sysop' && before.moderates.includes(board!.slug)) {
      throw new UserError(`${m.name} already moderates ${board!.slug}.`);
    }
    if (role === 'member' && m.role === 'member' && before.moderates.length === 0) throw new UserError(`${m.name} is already a member with no staff role.`);
    this.db.transaction(() => {
      if (m.role === 'sysop' && role !== 'sysop' && this.sysopCount.get()!.n <= 1) {
        throw new UserError(`${m.name} is the only sysop: make another member a sysop first.`);
      }
      this.setRoleOf.run(role === 'sysop' ? 'sysop' : 'member', m.id);
      if (role === 'moderator') this.addModerator.run(boardId, m.id);
      if (role === 'member') this.dropModeratorships.run(m.id);
      this.audit.record(actor, {
        action: 'member.role', targetKind: 'member', targetId: m.id, targetLabel: m.name, memberId: m.id,
        boardId: boardId ?? null, detail: { from: before.role, to: role, ...(board ? { board: board.slug } : {}), moderatedBefore: before.moderates },
      });
    })();
    return this.accounts.findById(m.id)!;
  }

  /** Gives a member another name, under the rules of sign-up; refused when someone holds it. */
  rename(actor: Actor, memberId: number, newName: string): Member {
    this.staff.requireSysop(actor, 'rename members');
    const m = this.member(memberId);
    const name = newName.trim();
    const problem = nameProblem(name);
    if (problem) throw new UserError(problem);
    if (name === m.name) throw new UserError(`${m.name} is already called that.`);
    this.db.transaction(() => {
      const owner = this.nameOwner.get(name.toLowerCase());
      if (owner && owner.id !== m.id) throw new UserError(`The name "${name}" is taken.`);
      this.setName.run(name, name.toLowerCase(), m.id);
      this.audit.record(actor, {
        action: 'member.rename', targetKind: 'member', targetId: m.id, targetLabel: m.name, memberId: m.id, detail: { from: m.name, to: name },
      });
    })();
    return this.accounts.findById(m.id)!;
  }

  /**
   * Sets a one-time password and returns it (it is stored only hashed). The member must choose
   * a new password at their next log-in with it, before anything else.
   */
  async resetPassword(actor: Actor, memberId: number): Promise<{ member: Member; password: string }> {
    this.staff.requireSysop(actor, 'reset passwords');
    const m = this.member(memberId);
    const password = oneTimePassword();
    const hash = await this.hasher.hash(password);
    this.db.transaction(() => {
      this.setPassword.run(hash, m.id);
      this.audit.record(actor, { action: 'member.reset-password', targetKind: 'member', targetId: m.id, targetLabel: m.name, memberId: m.id });
    })();
    return { member: m, password };
  }

  private member(memberId: number): Member {
    const m = this.accounts.findById(memberId);
    if (!m) throw new UserError('There is no such member.');
    return m;
  }
}
