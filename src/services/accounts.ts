import { createHash } from 'node:crypto';
import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import type { PasswordHasher } from './password-hasher.js';

export type Role = 'member' | 'sysop';

export interface Member {
  id: number;
  name: string;
  role: Role;
  createdAt: number;
  lastLoginAt: number | null;
  timeZone: string;
  monochrome: boolean;
}

export interface PublicKey {
  algo: string;
  /** The key in SSH wire format, as the client sent it. */
  data: Buffer;
}

/** A log-in key a member saved, as their key list shows it. */
export interface SavedKey {
  id: number;
  algo: string;
  fingerprint: string;
  addedAt: number;
  /** When it last let the member in; null if never (or not since this was recorded). */
  lastUsedAt: number | null;
}

/** Wrong current passwords in a row before changing the password pauses. */
export const PASSWORD_CHANGE_GUESSES = 3;
/** How long changing the password stays paused after that many wrong guesses. */
export const PASSWORD_CHANGE_PAUSE_MS = 15 * 60_000;

export const NAME_MIN = 3;
export const NAME_MAX = 16;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 1024;

/** Names that would let a member pass for staff or for the system. */
export const RESERVED_NAMES = new Set([
  'sysop', 'admin', 'administrator', 'moderator', 'mod', 'root', 'new', 'guest', 'system',
  'staff', 'support', 'haven', 'everyone', 'all', 'nobody', 'anonymous', 'operator', 'help',
]);

/** What a newcomer reads when they ask for the name of an account deleted not long ago. */
const QUARANTINED = (name: string) =>
  `The name "${name}" belonged to a member who left recently. It rests for a while, so that nobody is mistaken for them. Please choose another.`;

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

interface MemberRow {
  id: number;
  name: string;
  role: Role;
  created_at: number;
  last_login_at: number | null;
  time_zone: string;
  monochrome: number;
  password_hash: string;
  disabled: number;
  guidelines_pending: number;
}

function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
    timeZone: row.time_zone,
    monochrome: row.monochrome === 1,
  };
}

/** SHA256 fingerprint in OpenSSH's notation. */
export function keyFingerprint(data: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(data).digest('base64').replace(/=+$/, '');
}

/** The IANA name for a zone the runtime knows (case-insensitive), or undefined. */
export function canonicalTimeZone(zone: string): string | undefined {
  if (!zone || zone.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** What a member reads when a zone name is not one the runtime knows. */
export function unknownZone(zone: string): string {
  return `"${zone.trim()}" is not a time zone I know. Try a name like Europe/London or America/Chicago.`;
}

/** A wrong current password when changing it: nothing was changed. */
export class WrongPasswordError extends UserError {
  constructor(readonly guessesLeft: number) {
    super(
      guessesLeft > 0
        ? 'That is not your current password. Nothing was changed.'
        : 'That is not your current password either. Nothing was changed; you can try again later.',
    );
  }
}

/** Why a name cannot be used, or null when its form is fine (availability is checked separately). */
export function nameProblem(name: string): string | null {
  if (name.length < NAME_MIN || name.length > NAME_MAX) {
    return `A name is ${NAME_MIN} to ${NAME_MAX} characters long.`;
  }
  if (!NAME_PATTERN.test(name)) {
    return 'A name uses letters, digits and _ - . only, and starts with a letter or digit.';
  }
  if (RESERVED_NAMES.has(name.toLowerCase())) {
    return `"${name}" is reserved. Please choose another name.`;
  }
  return null;
}

/** Why a password cannot be used, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `A password needs at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `A password may have at most ${PASSWORD_MAX} characters.`;
  return null;
}

/** Members: sign-up, log-in by password or key, and the sysop's account commands. */
export class Accounts {
  private readonly byNameKey;
  private readonly byId;
  private readonly insertMember;
  private readonly insertKey;
  private readonly memberByKey;
  private readonly touchLogin;
  private readonly listAll;
  private readonly keysOf;
  private readonly deleteKey;
  private readonly keyOwner;
  private readonly touchKey;
  private readonly updatePassword;
  private readonly countMembers;
  private readonly updateTimeZone;
  private readonly updateMonochrome;
  private readonly markGuidelinesAccepted;
  private readonly reservation;
  private readonly guidelinesPendingOf;
  private readonly mustChangeOf;
  /** A hash to verify against when the name is unknown, so timing does not reveal which names exist. */
  private dummyHash: Promise<string> | undefined;
  /** Wrong current passwords given when changing it, per member, kept in memory only. */
  private readonly changeGuesses = new Map<number, { wrong: number; lastAt: number }>();

  constructor(
    private readonly db: Db,
    private readonly hasher: PasswordHasher,
    private readonly now: () => number = Date.now,
  ) {
    this.byNameKey = db.prepare<[string], MemberRow>('SELECT * FROM members WHERE name_key = ?');
    this.byId = db.prepare<[number], MemberRow>('SELECT * FROM members WHERE id = ?');
    this.insertMember = db.prepare(
      `INSERT INTO members (name, name_key, password_hash, role, created_at, guidelines_accepted_at, guidelines_pending, time_zone)
       VALUES (@name, @nameKey, @hash, @role, @now, @now, @pending, @timeZone)`,
    );
    this.insertKey = db.prepare(
      `INSERT OR IGNORE INTO member_keys (member_id, algo, key_blob, fingerprint, added_at)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.memberByKey = db.prepare<[string, string, Buffer], MemberRow>(
      `SELECT m.* FROM members m JOIN member_keys k ON k.member_id = m.id
       WHERE m.name_key = ? AND k.algo = ? AND k.key_blob = ?`,
    );
    this.touchLogin = db.prepare('UPDATE members SET last_login_at = ? WHERE id = ?');
    this.listAll = db.prepare<[], MemberRow>('SELECT * FROM members WHERE purged_at IS NULL ORDER BY name_key');
    this.keysOf = db.prepare<[number], { id: number; fingerprint: string; algo: string; added_at: number; last_used_at: number | null }>(
      'SELECT id, fingerprint, algo, added_at, last_used_at FROM member_keys WHERE member_id = ? ORDER BY id',
    );
    this.deleteKey = db.prepare<[number, number]>('DELETE FROM member_keys WHERE id = ? AND member_id = ?');
    this.keyOwner = db.prepare<[string, Buffer], { member_id: number }>('SELECT member_id FROM member_keys WHERE algo = ? AND key_blob = ?');
    this.touchKey = db.prepare<[number, number, string, Buffer]>(
      'UPDATE member_keys SET last_used_at = ? WHERE member_id = ? AND algo = ? AND key_blob = ?',
    );
    this.updatePassword = db.prepare<[string, number]>('UPDATE members SET password_hash = ?, must_change_password = 0 WHERE id = ?');
    this.countMembers = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM members WHERE purged_at IS NULL');
    this.updateTimeZone = db.prepare('UPDATE members SET time_zone = ? WHERE id = ?');
    this.updateMonochrome = db.prepare('UPDATE members SET monochrome = ? WHERE id = ?');
    this.guidelinesPendingOf = db.prepare<[number], { guidelines_pending: number }>('SELECT guidelines_pending FROM members WHERE id = ?');
    this.mustChangeOf = db.prepare<[number], { must_change_password: number }>('SELECT must_change_password FROM members WHERE id = ?');
    this.reservation = db.prepare<[string, number], { until: number }>('SELECT until FROM reserved_names WHERE name_key = ? AND until > ?');
    this.markGuidelinesAccepted = db.prepare('UPDATE members SET guidelines_accepted_at = ?, guidelines_pending = 0 WHERE id = ?');
  }

  /** The member with this name (any case), if there is one and it is not disabled. */
  findByName(name: string): Member | undefined {
    const row = this.byNameKey.get(name.toLowerCase());
    return row && !row.disabled ? toMember(row) : undefined;
  }

  findById(id: number): Member | undefined {
    const row = this.byId.get(id);
    return row ? toMember(row) : undefined;
  }

  /** True when nobody holds the name (any case), it is not kept for a deleted account, and its form is allowed. */
  isNameAvailable(name: string): boolean {
    return nameProblem(name) === null && this.byNameKey.get(name.toLowerCase()) === undefined && !this.isNameQuarantined(name);
  }

  /** True while the name of a deleted account is kept from reuse. */
  isNameQuarantined(name: string): boolean {
    return this.reservation.get(name.toLowerCase(), this.now()) !== undefined;
  }

  /** Why a name cannot be had: its form, a member holding it, or a deleted account's quarantine; null when it is free. */
  nameUnavailableReason(name: string): string | null {
    const problem = nameProblem(name);
    if (problem) return problem;
    if (this.byNameKey.get(name.toLowerCase())) return `The name "${name}" is taken. Please choose another.`;
    if (this.isNameQuarantined(name)) return QUARANTINED(name);
    return null;
  }

  /**
   * Creates a member who accepted the guidelines, or (made at the console) who will accept
   * them at their first log-in. Throws UserError with the reason for a bad or taken name or
   * a weak password; the name is re-checked inside the insert, so two newcomers racing for
   * one name cannot both get it.
   */
  async register(input: {
    name: string;
    password: string;
    acceptedGuidelines: boolean | 'at-first-log-in';
    role?: Role;
    publicKey?: PublicKey;
    /** An IANA zone name; UTC when not given. */
    timeZone?: string;
  }): Promise<Member> {
    const name = input.name.trim();
    const problem = nameProblem(name) ?? passwordProblem(input.password);
    if (problem) throw new UserError(problem);
    const timeZone = input.timeZone === undefined ? 'UTC' : canonicalTimeZone(input.timeZone.trim());
    if (!timeZone) throw new UserError(unknownZone(input.timeZone!));
    if (!input.acceptedGuidelines) {
      throw new UserError('Joining needs the guidelines and the disclaimer accepted.');
    }
    if (this.byNameKey.get(name.toLowerCase())) throw new UserError(`The name "${name}" is taken.`);
    if (this.isNameQuarantined(name)) throw new UserError(QUARANTINED(name));
    const hash = await this.hasher.hash(input.password);
    const now = this.now();
    const id = this.db.transaction(() => {
      if (this.byNameKey.get(name.toLowerCase())) throw new UserError(`The name "${name}" is taken.`);
      const pending = input.acceptedGuidelines === true ? 0 : 1;
      const result = this.insertMember.run({ name, nameKey: name.toLowerCase(), hash, role: input.role ?? 'member', now, pending, timeZone });
      const memberId = Number(result.lastInsertRowid);
      if (input.publicKey) this.addKeyRow(memberId, input.publicKey);
      return memberId;
    })();
    return this.findById(id)!;
  }

  /** The member when name and password match; undefined otherwise, in about the same time either way. */
  async verifyPassword(name: string, password: string): Promise<Member | undefined> {
    const row = this.byNameKey.get(name.toLowerCase());
    if (!row || row.disabled || password.length > PASSWORD_MAX) {
      this.dummyHash ??= this.hasher.hash('haven-timing-equaliser');
      await this.hasher.verify(await this.dummyHash, password.slice(0, PASSWORD_MAX));
      return undefined;
    }
    return (await this.hasher.verify(row.password_hash, password)) ? toMember(row) : undefined;
  }

  /** The member when this key is saved for this name. */
  findByKey(name: string, key: PublicKey): Member | undefined {
    const row = this.memberByKey.get(name.toLowerCase(), key.algo, key.data);
    return row && !row.disabled ? toMember(row) : undefined;
  }

  /**
   * Saves a public key for password-less log-in. Only a key the member's client proved it
   * holds on this connection may be given here. Throws UserError when the key is already
   * saved, by this member or another.
   */
  addKey(memberId: number, key: PublicKey): void {
    const owner = this.keyOwner.get(key.algo, key.data);
    if (owner?.member_id === memberId) throw new UserError('That key is already saved: it logs you in with no password.');
    if (owner) throw new UserError('That key is saved for another member, so it cannot log you in too. Use a key of your own.');
    this.addKeyRow(memberId, key);
  }

  /** True when this key is saved for this member. */
  hasKey(memberId: number, key: PublicKey): boolean {
    return this.keyOwner.get(key.algo, key.data)?.member_id === memberId;
  }

  /** The member's saved keys, oldest first. */
  listKeys(memberId: number): SavedKey[] {
    return this.keysOf.all(memberId).map((k) => ({
      id: k.id,
      algo: k.algo,
      fingerprint: k.fingerprint,
      addedAt: k.added_at,
      lastUsedAt: k.last_used_at,
    }));
  }

  /** Removes one of the member's saved keys; the password still logs them in. */
  removeKey(memberId: number, keyId: number): void {
    if (this.deleteKey.run(keyId, memberId).changes === 0) throw new UserError('That key is no longer saved.');
  }

  /** Notes that a saved key just logged its member in. */
  recordKeyLogIn(memberId: number, key: PublicKey): void {
    this.touchKey.run(this.now(), memberId, key.algo, key.data);
  }

  /**
   * Sets a member's password (the same rules as at sign-up) and clears any request that they
   * choose a new one. No check of the old password: callers that need one ask first.
   */
  async setPassword(memberId: number, password: string): Promise<void> {
    const problem = passwordProblem(password);
    if (problem) throw new UserError(problem);
    const hash = await this.hasher.hash(password);
    if (this.updatePassword.run(hash, memberId).changes === 0) throw new UserError('There is no such member.');
  }

  /**
   * A member changes their own password: the current one first, then the new one (the
   * sign-up rules). A wrong current password changes nothing; after
   * PASSWORD_CHANGE_GUESSES wrong ones in a row, changing it pauses for a while, so a
   * session left open cannot be used to guess the password.
   */
  async changePassword(member: Pick<Member, 'id'>, current: string, next: string): Promise<void> {
    const problem = passwordProblem(next);
    if (problem) throw new UserError(problem);
    const guesses = this.changeGuesses.get(member.id);
    const now = this.now();
    if (guesses && now - guesses.lastAt >= PASSWORD_CHANGE_PAUSE_MS) this.changeGuesses.delete(member.id);
    else if (guesses && guesses.wrong >= PASSWORD_CHANGE_GUESSES) {
      const minutes = Math.ceil((guesses.lastAt + PASSWORD_CHANGE_PAUSE_MS - now) / 60_000);
      throw new UserError(`Too many wrong passwords: please try again in ${minutes} minute${minutes === 1 ? '' : 's'}. Nothing was changed.`);
    }
    const row = this.byId.get(member.id);
    if (!row || row.disabled) throw new UserError('There is no such member.');
    if (!(await this.hasher.verify(row.password_hash, current.slice(0, PASSWORD_MAX)))) {
      const wrong = (this.changeGuesses.get(member.id)?.wrong ?? 0) + 1;
      this.changeGuesses.set(member.id, { wrong, lastAt: this.now() });
      throw new WrongPasswordError(Math.max(0, PASSWORD_CHANGE_GUESSES - wrong));
    }
    this.changeGuesses.delete(member.id);
    if (next === current) throw new UserError('The new password is the same as the current one. Nothing was changed.');
    await this.setPassword(member.id, next);
  }

  /** Sets the zone times are shown in; an IANA name such as Europe/London. */
  setTimeZone(memberId: number, zone: string): string {
    const canonical = canonicalTimeZone(zone.trim());
    if (!canonical) throw new UserError(unknownZone(zone));
    this.updateTimeZone.run(canonical, memberId);
    return canonical;
  }

  /** The plain look: no colour, bold and inverse only. */
  setMonochrome(memberId: number, on: boolean): void {
    this.updateMonochrome.run(on ? 1 : 0, memberId);
  }

  /** True for a member created at the console who has not yet accepted the guidelines. */
  mustAcceptGuidelines(memberId: number): boolean {
    return this.guidelinesPendingOf.get(memberId)?.guidelines_pending === 1;
  }

  /** True when the sysop reset the member's password: they choose a new one before anything else. */
  mustChangePassword(memberId: number): boolean {
    return this.mustChangeOf.get(memberId)?.must_change_password === 1;
  }

  /** Records that the member accepted the guidelines and the disclaimer, now. */
  acceptGuidelines(memberId: number): void {
    this.markGuidelinesAccepted.run(this.now(), memberId);
  }

  recordLogin(memberId: number): void {
    this.touchLogin.run(this.now(), memberId);
  }

  list(): Member[] {
    return this.listAll.all().map(toMember);
  }

  count(): number {
    return this.countMembers.get()!.n;
  }

  private addKeyRow(memberId: number, key: PublicKey): void {
    this.insertKey.run(memberId, key.algo, key.data, keyFingerprint(key.data), this.now());
  }
}
