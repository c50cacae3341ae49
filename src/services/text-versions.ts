import { createHash } from 'node:crypto';
import type { Db } from '../../db/open.js';
import type { Texts } from './texts.js';
import { skipIfBusy } from './database-busy.js';

/** The texts a member accepts, and accepts again when the sysop changes them. */
export type VersionedTextName = 'guidelines' | 'disclaimer';
export const VERSIONED_TEXTS: readonly VersionedTextName[] = ['guidelines', 'disclaimer'];

/** One version of a versioned text: its words and the hash that names them. */
export interface TextVersion {
  name: VersionedTextName;
  version: string;
  text: string;
}

/** A text the member has not accepted as it stands now: what they accepted (if known) and what it is now. */
export interface ChangedText {
  name: VersionedTextName;
  accepted: TextVersion | undefined;
  current: TextVersion;
}

/**
 * The version of a text: a hash of what members read (the sysop's # notes left out), so any
 * change to the words, and only that, is a new version, whoever edited the file and however.
 */
export function versionOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

/**
 * Versions of the guidelines and the disclaimer, and which one each member accepted and when.
 * Every version seen is kept with its text, so a member can be shown what changed since theirs.
 */
export class TextVersions {
  private readonly remember;
  private readonly byVersion;
  private readonly acceptance;
  private readonly acceptedAt;
  private readonly versionAt;
  private readonly oldest;
  private readonly upsertAcceptance;

  constructor(
    db: Db,
    private readonly texts: Texts,
    private readonly now: () => number = Date.now,
  ) {
    this.remember = db.prepare('INSERT OR IGNORE INTO text_versions (name, version, text, first_seen_at) VALUES (?, ?, ?, ?)');
    this.byVersion = db.prepare<[string, string], { text: string }>('SELECT text FROM text_versions WHERE name = ? AND version = ?');
    this.acceptance = db.prepare<[number, string], { version: string; accepted_at: number }>(
      'SELECT version, accepted_at FROM text_acceptances WHERE member_id = ? AND name = ?',
    );
    this.acceptedAt = db.prepare<[number], { guidelines_accepted_at: number | null; guidelines_pending: number }>(
      'SELECT guidelines_accepted_at, guidelines_pending FROM members WHERE id = ?',
    );
    this.versionAt = db.prepare<[string, number], { version: string; text: string }>(
      'SELECT version, text FROM text_versions WHERE name = ? AND first_seen_at <= ? ORDER BY first_seen_at DESC, rowid DESC LIMIT 1',
    );
    this.oldest = db.prepare<[string], { version: string; text: string }>(
      'SELECT version, text FROM text_versions WHERE name = ? ORDER BY first_seen_at, rowid LIMIT 1',
    );
    this.upsertAcceptance = db.prepare(
      `INSERT INTO text_acceptances (member_id, name, version, accepted_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (member_id, name) DO UPDATE SET version = excluded.version, accepted_at = excluded.accepted_at`,
    );
  }

  /**
   * The text as it stands in the data directory now, remembered as a version the first time it
   * is seen (or, while another process holds the database, the next time: a log-in goes ahead).
   */
  current(name: VersionedTextName): TextVersion {
    const text = this.texts.get(name);
    const version = versionOf(text);
    if (!this.byVersion.get(name, version)) skipIfBusy(() => this.remember.run(name, version, text, this.now()), undefined);
    return { name, version, text };
  }

  /**
   * The version the member last accepted, and when. A member with no record accepted the
   * version current when they accepted the guidelines (or, before versions were kept, the
   * first version Haven saw); a member who never accepted them has none.
   */
  accepted(memberId: number, name: VersionedTextName): (TextVersion & { acceptedAt: number }) | undefined {
    const row = this.acceptance.get(memberId, name);
    if (row) {
      const text = this.byVersion.get(name, row.version)?.text ?? '';
      return { name, version: row.version, text, acceptedAt: row.accepted_at };
    }
    const member = this.acceptedAt.get(memberId);
    if (!member || member.guidelines_pending === 1 || member.guidelines_accepted_at === null) return undefined;
    const then = this.versionAt.get(name, member.guidelines_accepted_at) ?? this.oldest.get(name);
    return then ? { name, version: then.version, text: then.text, acceptedAt: member.guidelines_accepted_at } : undefined;
  }

  /**
   * The texts that changed since the member accepted them. Members who have not accepted the
   * guidelines at all are not asked here: they read them whole at their first log-in.
   */
  changedFor(memberId: number): ChangedText[] {
    const changed: ChangedText[] = [];
    for (const name of VERSIONED_TEXTS) {
      const current = this.current(name);
      const accepted = this.accepted(memberId, name);
      if (!accepted) continue;
      if (accepted.version !== current.version) changed.push({ name, accepted: { name, version: accepted.version, text: accepted.text }, current });
    }
    return changed;
  }

  /** Records that the member accepted these versions, now. */
  accept(memberId: number, versions: ReadonlyArray<{ name: VersionedTextName; version: string }>): void {
    const at = this.now();
    for (const v of versions) this.upsertAcceptance.run(memberId, v.name, v.version, at);
  }

  /** Records, for a member with no record yet, the versions they accepted with the guidelines: the record is then whole. */
  settle(memberId: number): void {
    for (const name of VERSIONED_TEXTS) {
      if (this.acceptance.get(memberId, name)) continue;
      const accepted = this.accepted(memberId, name);
      if (accepted) this.upsertAcceptance.run(memberId, name, accepted.version, accepted.acceptedAt);
    }
  }
}
