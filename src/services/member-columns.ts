import type { MemberExportData } from './member-export.js';

/**
 * What deleting an account does to a column that points at a member:
 * - 'removed': the purge deletes the member's rows;
 * - 'unlinked': the row stays for others, with the column set to NULL;
 * - 'kept': the row stays as it is, pointing at the nameless member row the purge leaves.
 */
export type PurgeFate = 'removed' | 'unlinked' | 'kept';

export interface MemberColumn {
  purge: PurgeFate;
  /** The part of the member's export that shows these rows, or null when they are not the member's to see. */
  export: keyof MemberExportData | null;
  /** Why, when the rows are kept or not exported. */
  why?: string;
}

/**
 * Every column (outside `members` itself) that holds a member's id, as "table.column", and what
 * the account purge and the export do with it. The purge deletes and unlinks by this list, and
 * a test compares it with the schema: a migration that adds such a column must add it here.
 */
export const MEMBER_COLUMNS = {
  'member_keys.member_id': { purge: 'removed', export: 'keys' },
  'member_prefs.member_id': { purge: 'removed', export: 'settings' },
  'blocks.member_id': { purge: 'removed', export: 'blocks' },
  'blocks.blocked_id': { purge: 'removed', export: null, why: 'who blocked a member is never told to them' },
  'board_moderators.member_id': { purge: 'removed', export: 'boards' },
  'board_members.member_id': { purge: 'removed', export: 'boards' },
  'threads.author_id': { purge: 'kept', export: 'posts', why: 'the posts the member chose to keep, or the places of removed ones, point at the nameless row' },
  'threads.last_author_id': { purge: 'kept', export: 'posts', why: 'as threads.author_id' },
  'posts.author_id': { purge: 'kept', export: 'posts', why: 'kept posts read "former member"; removed ones keep only their place' },
  'post_support.member_id': { purge: 'removed', export: 'supportGiven' },
  'board_reads.member_id': { purge: 'removed', export: 'readState' },
  'thread_reads.member_id': { purge: 'removed', export: 'readState' },
  'mail.sender_id': { purge: 'removed', export: 'mail' },
  'mail.recipient_id': { purge: 'removed', export: 'mail' },
  'mail_sends.member_id': { purge: 'removed', export: null, why: 'only times, for the daily limit; the mail itself is exported' },
  'reports.reporter_id': { purge: 'unlinked', export: 'reportsFiled' },
  'reports.author_id': { purge: 'kept', export: null, why: 'a moderation record; the reported member never learns who reported them' },
  'reports.handled_by': { purge: 'kept', export: null, why: 'a moderation record; staff names are not given to reporters' },
  'chat_lines.member_id': { purge: 'removed', export: 'chat' },
  'chat_lines.to_member_id': { purge: 'removed', export: 'chat' },
  'chat_meetings.facilitator_id': { purge: 'unlinked', export: 'meetingsFacilitated' },
  'audit_log.actor_id': { purge: 'kept', export: null, why: 'the audit log cannot be changed; staff records' },
  'audit_log.member_id': { purge: 'kept', export: null, why: 'the audit log cannot be changed; staff records' },
  'sanctions.member_id': { purge: 'kept', export: 'sanctions', why: 'the moderation record' },
  'sanctions.by_id': { purge: 'kept', export: null, why: 'the moderation record; staff names are not exported' },
  'held_posts.author_id': { purge: 'removed', export: 'heldPosts' },
  'online_now.member_id': { purge: 'removed', export: null, why: 'presence while connected, emptied when the server stops' },
  'text_acceptances.member_id': { purge: 'removed', export: 'textsAccepted' },
  'muted_words.member_id': { purge: 'removed', export: 'mutedWords' },
  'muted_boards.member_id': { purge: 'removed', export: 'mutedBoards' },
  'member_breaks.member_id': { purge: 'removed', export: 'break' },
  'drafts.member_id': { purge: 'removed', export: 'drafts' },
  'bulletin_reads.member_id': { purge: 'removed', export: 'bulletinsSeen' },
} as const satisfies Record<string, MemberColumn>;

export type MemberColumnName = keyof typeof MEMBER_COLUMNS;

/** The purge's statements for the 'removed' and 'unlinked' columns, each taking @id. */
export function purgeStatementsSql(): string[] {
  return Object.entries(MEMBER_COLUMNS as Record<string, MemberColumn>).flatMap(([name, c]) => {
    const [table, column] = name.split('.');
    if (c.purge === 'removed') return [`DELETE FROM ${table} WHERE ${column} = @id`];
    if (c.purge === 'unlinked') return [`UPDATE ${table} SET ${column} = NULL WHERE ${column} = @id`];
    return [];
  });
}
