import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import type { Hub } from '../hub.js';
import type { Logger } from '../log.js';
import type { Accounts, Member } from './accounts.js';
import type { BbsSettings, NumberSetting } from './bbs-settings.js';
import { purgeStatementsSql } from './member-columns.js';
import type { Posts } from './posts.js';

const DAY_MS = 86_400_000;

/** Days between asking to delete an account and its removal; logging in meanwhile restores it. */
export const GRACE_DAYS = 14;

/** The name a deleted member's kept posts are shown under. */
export const FORMER_MEMBER = 'former member';

/** The sysop's settings for deleted accounts (`haven sysop config set accounts.name_quarantine_days 90`). */
export const ACCOUNT_SETTINGS = {
  nameQuarantineDays: {
    key: 'accounts.name_quarantine_days',
    fallback: 90,
    min: 0,
    max: 3650,
    describe: 'Days the name of a deleted account stays reserved, so nobody can pass for its member',
  },
} as const satisfies Record<string, NumberSetting>;

/** What a member chose to happen to their posts. */
export type PostsChoice = 'remove' | 'keep';

export interface PendingDeletion {
  requestedAt: number;
  /** When the account goes for good, unless the member logs in first. */
  goneAt: number;
  posts: PostsChoice;
}

/** How often a running server looks for accounts whose grace period is over. */
export const PURGE_INTERVAL_MS = 60 * 60_000;

/**
 * Deleting an account: the member asks (after their password) and chooses what happens to
 * their posts; for GRACE_DAYS logging in restores the account; after that `purgeDue` removes
 * what it held. What is removed, and what moderation keeps, is listed column by column in
 * MEMBER_COLUMNS and for members in the README ("What Haven stores").
 */
export class AccountDeletion {
  private readonly pendingRow;
  private readonly markRequested;
  private readonly clearRequest;
  private readonly dueRows;
  private readonly memberRow;
  private readonly purgeStatements: Array<{ run(params: { id: number }): unknown }>;
  private readonly withdrawSupport;
  private readonly supportedPosts;
  private readonly anonymise;
  private readonly reserveName;
  private readonly otherSysops;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly deps: { accounts: Accounts; posts: Posts; settings: BbsSettings; hub: Hub; log: Logger; now: () => number },
  ) {
    this.pendingRow = db.prepare<[number], { deletion_requested_at: number | null; deletion_keeps_posts: number }>(
      'SELECT deletion_requested_at, deletion_keeps_posts FROM members WHERE id = ? AND purged_at IS NULL',
    );
    this.markRequested = db.prepare('UPDATE members SET deletion_requested_at = ?, deletion_keeps_posts = ? WHERE id = ? AND purged_at IS NULL');
    this.clearRequest = db.prepare('UPDATE members SET deletion_requested_at = NULL WHERE id = ? AND deletion_requested_at IS NOT NULL AND purged_at IS NULL');
    this.dueRows = db.prepare<[number], { id: number }>(
      'SELECT id FROM members WHERE deletion_requested_at IS NOT NULL AND deletion_requested_at <= ? AND purged_at IS NULL',
    );
    this.memberRow = db.prepare<[number], { name_key: string; deletion_keeps_posts: number }>('SELECT name_key, deletion_keeps_posts FROM members WHERE id = ?');
    // The support they gave goes, and the counts on the posts they supported go down with it.
    this.supportedPosts = db.prepare<[number], { post_id: number; board_id: number; thread_id: number }>(
      'SELECT s.post_id, p.board_id, p.thread_id FROM post_support s JOIN posts p ON p.id = s.post_id WHERE s.member_id = ?',
    );
    this.withdrawSupport = db.prepare(
      'UPDATE posts SET support_count = support_count - 1 WHERE id IN (SELECT post_id FROM post_support WHERE member_id = ?)',
    );
    // Rows that were the member's go; rows others still need (their reports, a room's meeting)
    // lose the member's id. Which is which, column by column: MEMBER_COLUMNS.
    this.purgeStatements = purgeStatementsSql().map((sql) => db.prepare(sql));
    // The row stays, nameless and unable to log in, only so that kept posts and moderation
    // records still point at someone. '#id' can never be typed as a name.
    this.anonymise = db.prepare(
      `UPDATE members SET name = '${FORMER_MEMBER}', name_key = '#' || id, password_hash = '', role = 'member',
         last_login_at = NULL, time_zone = 'UTC', monochrome = 0, disabled = 1, must_change_password = 0,
         deletion_requested_at = NULL, purged_at = ? WHERE id = ?`,
    );
    this.otherSysops = db.prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM members WHERE role = 'sysop' AND id <> ? AND disabled = 0
         AND purged_at IS NULL AND deletion_requested_at IS NULL`,
    );
    this.reserveName = db.prepare(
      `INSERT INTO reserved_names (name_key, until) VALUES (?, ?)
       ON CONFLICT (name_key) DO UPDATE SET until = max(until, excluded.until)`,
    );
  }

  /**
   * The member asks to delete their account, proving it with their password. Nothing is
   * removed yet: logging in within GRACE_DAYS restores the account.
   */
  async request(member: Member, password: string, posts: PostsChoice): Promise<PendingDeletion> {
    const proved = await this.deps.accounts.verifyPassword(member.name, password);
    if (!proved || proved.id !== member.id) throw new UserError('That is not your password. Nothing was changed.');
    if (proved.role === 'sysop' && this.otherSysops.get(member.id)!.n === 0) {
      throw new UserError('You are the only sysop: add another at the console first (haven sysop user add NAME --role sysop), so the BBS is never left without one.');
    }
    const now = this.deps.now();
    this.markRequested.run(now, posts === 'keep' ? 1 : 0, member.id);
    this.deps.log.info('account deletion requested', { memberId: member.id, posts });
    const pending = this.pending(member.id)!;
    this.deps.hub.emit('account:deletion-requested', { memberId: member.id, goneAt: pending.goneAt });
    return pending;
  }

  /** The member's request to delete their account, while it can still be undone. */
  pending(memberId: number): PendingDeletion | undefined {
    const row = this.pendingRow.get(memberId);
    if (!row || row.deletion_requested_at === null) return undefined;
    return {
      requestedAt: row.deletion_requested_at,
      goneAt: row.deletion_requested_at + GRACE_DAYS * DAY_MS,
      posts: row.deletion_keeps_posts === 1 ? 'keep' : 'remove',
    };
  }

  /** Logging in within the grace period: the request is withdrawn; true when there was one. */
  restore(memberId: number): boolean {
    const restored = this.clearRequest.run(memberId).changes > 0;
    if (restored) this.deps.log.info('account restored at log-in', { memberId });
    return restored;
  }

  /** How many days a deleted account's name stays reserved. */
  quarantineDays(): number {
    return this.deps.settings.numberOf(ACCOUNT_SETTINGS.nameQuarantineDays);
  }

  /** Removes every account whose grace period is over; returns how many went. */
  purgeDue(): number {
    const due = this.dueRows.all(this.deps.now() - GRACE_DAYS * DAY_MS);
    for (const { id } of due) this.purge(id);
    if (due.length > 0) this.deps.log.info('deleted accounts removed', { count: due.length });
    return due.length;
  }

  /**
   * Runs the purge now and then every PURGE_INTERVAL_MS, until `stop`. Each run also empties
   * the write-ahead log, where earlier versions of deleted and edited pages (a deleted post's
   * words among them) would otherwise stay until they are written over.
   */
  start(intervalMs = PURGE_INTERVAL_MS): void {
    this.runPurge();
    this.timer = setInterval(() => this.runPurge(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private runPurge(): void {
    try {
      this.purgeDue();
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (err) {
      this.deps.log.error('purging deleted accounts failed', { err: err instanceof Error ? err.message : String(err) });
    }
  }

  private purge(memberId: number): void {
    const now = this.deps.now();
    const { changedPosts } = this.db.transaction(() => {
      const row = this.memberRow.get(memberId)!;
      const supported = this.supportedPosts.all(memberId);
      this.withdrawSupport.run(memberId);
      const removed = row.deletion_keeps_posts === 1 ? [] : this.deps.posts.removeAllBy(memberId);
      for (const statement of this.purgeStatements) statement.run({ id: memberId });
      this.anonymise.run(now, memberId);
      this.reserveName.run(row.name_key, now + this.quarantineDays() * DAY_MS);
      const changed = [...removed, ...supported.map((s) => ({ boardId: s.board_id, threadId: s.thread_id, postId: s.post_id }))];
      return { changedPosts: changed };
    })();
    for (const change of changedPosts) this.deps.hub.emit('post:changed', change);
    this.deps.hub.emit('presence:changed', { memberId });
  }
}
