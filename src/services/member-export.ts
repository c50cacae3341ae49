import type { Db } from '../../db/open.js';
import type { AccountDeletion } from './account-deletion.js';

/** An instant as people and programs read it: ISO 8601 in UTC, or null. */
type When = string | null;

/**
 * Everything Haven holds about one member, as they may see it: their own words and settings,
 * and mail they sent or received (MEMBER_COLUMNS says which part shows each table). Nothing of another member's beyond that: not who blocked
 * them, not reports others filed about them (a mail report could only have come from its
 * recipient), not staff's names or notes.
 */
export interface MemberExportData {
  format: 'haven-member-export/1';
  bbs: string;
  exportedAt: string;
  member: {
    name: string;
    role: string;
    joinedAt: When;
    lastLogInAt: When;
    guidelinesAcceptedAt: When;
    /** Set while the account is waiting to be deleted. */
    deletion: { requestedAt: When; goneAt: When; posts: 'remove' | 'keep' } | null;
  };
  settings: { timeZone: string; plainLook: boolean; invisible: boolean; allowPages: boolean };
  keys: Array<{ algo: string; fingerprint: string; addedAt: When; lastUsedAt: When }>;
  /** The version of the guidelines and of the disclaimer the member last accepted, and when. */
  textsAccepted: Array<{ text: string; version: string; acceptedAt: When }>;
  mutedWords: Array<{ word: string; since: When }>;
  mutedBoards: Array<{ board: string; since: When }>;
  /** The break the member last chose (kept until they end it or choose another), or null. */
  break: { startedAt: When; endsAt: When } | null;
  posts: Array<{
    id: number;
    board: string;
    threadId: number;
    subject: string | null;
    contentWarning: string | null;
    body: string;
    writtenAt: When;
    editedAt: When;
    /** Hidden by a moderator or by reports: its text is still yours, readers see why it went. */
    hidden: { reason: string } | null;
    support: number;
  }>;
  heldPosts: Array<{
    board: string; subject: string | null; body: string; writtenAt: When; status: string; decidedAt: When; reason: string | null;
  }>;
  /** What the member was writing when a session ended before they sent it, and where it was going. */
  drafts: Array<{ to: string; subject: string; contentWarning: string; body: string; savedAt: When }>;
  supportGiven: Array<{ postId: number; at: When }>;
  mail: {
    sent: Array<{ id: number; to: string; subject: string; body: string; sentAt: When }>;
    received: Array<{ id: number; from: string; subject: string; body: string; sentAt: When; readAt: When }>;
  };
  chat: Array<{ room: string; kind: string; to: string | null; from: string; text: string; at: When }>;
  reportsFiled: Array<{
    kind: string;
    category: string;
    reason: string;
    filedAt: When;
    status: string;
    outcome: string | null;
    /** How it stands: open, acted on by a moderator, or dismissed. */
    state: 'open' | 'acted' | 'dismissed';
    handledAt: When;
    about: string;
    place: string;
    title: string;
    text: string;
  }>;
  sanctions: Array<{ kind: string; reason: string; room: string | null; from: When; until: When; acknowledgedAt: When; liftedAt: When }>;
  blocks: Array<{ name: string; since: When }>;
  boards: { moderates: string[]; admittedTo: string[] };
  /** Chat rooms whose weekly meeting the member facilitates. */
  meetingsFacilitated: string[];
  readState: { boardsCaughtUp: number; threadsWithReadMarks: number };
  /** The sysop's bulletins the member has seen, and when. */
  bulletinsSeen: Array<{ title: string; seenAt: When }>;
}

const iso = (ms: number | null | undefined): When => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** Gathers what Haven holds about a member, for `ssh NAME@host export` and Settings. */
export class MemberExport {
  private readonly q;

  constructor(
    db: Db,
    private readonly deps: { deletion: AccountDeletion; bbsName: string; now: () => number },
  ) {
    const all = <R>(sql: string) => db.prepare<[number], R>(sql);
    this.q = {
      member: db.prepare<[number], {
        name: string; role: string; created_at: number; last_login_at: number | null; guidelines_accepted_at: number;
        guidelines_pending: number; time_zone: string; monochrome: number;
      }>('SELECT * FROM members WHERE id = ? AND purged_at IS NULL'),
      prefs: db.prepare<[number], { invisible: number; allow_pages: number }>('SELECT invisible, allow_pages FROM member_prefs WHERE member_id = ?'),
      keys: all<{ algo: string; fingerprint: string; added_at: number; last_used_at: number | null }>(
        'SELECT algo, fingerprint, added_at, last_used_at FROM member_keys WHERE member_id = ? ORDER BY id',
      ),
      texts: all<{ name: string; version: string; accepted_at: number }>(
        'SELECT name, version, accepted_at FROM text_acceptances WHERE member_id = ? ORDER BY name',
      ),
      mutedWords: all<{ word: string; created_at: number }>('SELECT word, created_at FROM muted_words WHERE member_id = ? ORDER BY word'),
      mutedBoards: all<{ name: string; created_at: number }>(
        'SELECT b.name, x.created_at FROM muted_boards x JOIN boards b ON b.id = x.board_id WHERE x.member_id = ? ORDER BY b.position',
      ),
      bulletinsSeen: all<{ title: string; seen_at: number }>(
        'SELECT b.title, r.seen_at FROM bulletin_reads r JOIN bulletins b ON b.id = r.bulletin_id WHERE r.member_id = ? ORDER BY r.seen_at, b.id',
      ),
      break: db.prepare<[number], { started_at: number; ends_at: number }>('SELECT started_at, ends_at FROM member_breaks WHERE member_id = ?'),
      posts: all<{
        id: number; board: string; thread_id: number; subject: string | null; content_warning: string | null; body: string;
        created_at: number; edited_at: number | null; hidden_at: number | null; hidden_reason: string | null; support_count: number;
      }>(
        `SELECT p.id, b.name AS board, p.thread_id, p.subject, p.content_warning, p.body, p.created_at, p.edited_at,
           p.hidden_at, p.hidden_reason, p.support_count
         FROM posts p JOIN boards b ON b.id = p.board_id WHERE p.author_id = ? AND p.deleted_at IS NULL ORDER BY p.id`,
      ),
      held: all<{
        board: string; subject: string | null; body: string; created_at: number; status: string; decided_at: number | null; reason: string | null;
      }>(
        `SELECT b.name AS board, h.subject, h.body, h.created_at, h.status, h.decided_at, h.reason
         FROM held_posts h JOIN boards b ON b.id = h.board_id WHERE h.author_id = ? ORDER BY h.id`,
      ),
      drafts: all<{ kind: string; board: string | null; thread: string | null; mail_to: string | null; subject: string; content_warning: string; body: string; saved_at: number }>(
        `SELECT d.kind, b.name AS board, fp.subject AS thread, d.mail_to, d.subject, d.content_warning, d.body, d.saved_at
         FROM drafts d LEFT JOIN boards b ON b.id = d.board_id
           LEFT JOIN threads t ON t.id = d.thread_id LEFT JOIN posts fp ON fp.id = t.first_post_id
         WHERE d.member_id = ? ORDER BY d.saved_at, d.id`,
      ),
      support: all<{ post_id: number; created_at: number }>('SELECT post_id, created_at FROM post_support WHERE member_id = ? ORDER BY created_at'),
      sent: all<{ id: number; other: string; subject: string; body: string; sent_at: number }>(
        `SELECT m.id, r.name AS other, m.subject, m.body, m.sent_at FROM mail m JOIN members r ON r.id = m.recipient_id
         WHERE m.sender_id = ? AND m.sender_deleted = 0 ORDER BY m.id`,
      ),
      // Mail held back by a block was never delivered: it is not the recipient's.
      received: all<{ id: number; other: string; subject: string; body: string; sent_at: number; read_at: number | null }>(
        `SELECT m.id, s.name AS other, m.subject, m.body, m.sent_at, m.read_at FROM mail m JOIN members s ON s.id = m.sender_id
         WHERE m.recipient_id = ? AND m.recipient_deleted = 0 AND m.suppressed = 0 ORDER BY m.id`,
      ),
      // Their own lines, and whispers to them; nothing else said in a room.
      chat: db.prepare<{ id: number }, { room: string; kind: string; to_name: string | null; author_name: string; body: string; created_at: number }>(
        `SELECT r.name AS room, l.kind, l.to_name, l.author_name, l.body, l.created_at
         FROM chat_lines l JOIN chat_rooms r ON r.id = l.room_id
         WHERE (l.member_id = @id AND l.kind <> 'system') OR l.to_member_id = @id ORDER BY l.id`,
      ),
      reports: all<{
        kind: string; category: string; reason: string; created_at: number; status: string; outcome: 'acted' | 'dismissed' | null;
        handled_at: number | null; author_name: string; place: string; copy_title: string; copy_text: string;
      }>('SELECT * FROM reports WHERE reporter_id = ? ORDER BY id'),
      sanctions: all<{
        kind: string; reason: string; room: string | null; created_at: number; ends_at: number | null;
        acknowledged_at: number | null; lifted_at: number | null;
      }>(
        `SELECT s.kind, s.reason, r.name AS room, s.created_at, s.ends_at, s.acknowledged_at, s.lifted_at
         FROM sanctions s LEFT JOIN chat_rooms r ON r.id = s.room_id WHERE s.member_id = ? ORDER BY s.id`,
      ),
      blocks: all<{ name: string; created_at: number }>(
        'SELECT m.name, b.created_at FROM blocks b JOIN members m ON m.id = b.blocked_id WHERE b.member_id = ? ORDER BY b.created_at',
      ),
      moderates: all<{ name: string }>('SELECT b.name FROM board_moderators x JOIN boards b ON b.id = x.board_id WHERE x.member_id = ? ORDER BY b.position'),
      facilitates: all<{ name: string }>(
        `SELECT r.name FROM chat_meetings x JOIN chat_rooms r ON r.id = x.room_id
         WHERE x.facilitator_id = ? ORDER BY r.position`,
      ),
      admitted: all<{ name: string }>('SELECT b.name FROM board_members x JOIN boards b ON b.id = x.board_id WHERE x.member_id = ? ORDER BY b.position'),
      boardReads: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM board_reads WHERE member_id = ? AND baseline_post_id > 0'),
      threadReads: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM thread_reads WHERE member_id = ?'),
    };
  }

  /** What Haven holds about the member, or undefined when there is no such member. */
  collect(memberId: number): MemberExportData | undefined {
    const q = this.q;
    const m = q.member.get(memberId);
    if (!m) return undefined;
    const prefs = q.prefs.get(memberId);
    const pending = this.deps.deletion.pending(memberId);
    const breakRow = q.break.get(memberId);
    return {
      format: 'haven-member-export/1',
      bbs: this.deps.bbsName,
      exportedAt: iso(this.deps.now())!,
      member: {
        name: m.name,
        role: m.role,
        joinedAt: iso(m.created_at),
        lastLogInAt: iso(m.last_login_at),
        guidelinesAcceptedAt: m.guidelines_pending ? null : iso(m.guidelines_accepted_at),
        deletion: pending ? { requestedAt: iso(pending.requestedAt), goneAt: iso(pending.goneAt), posts: pending.posts } : null,
      },
      settings: {
        timeZone: m.time_zone,
        plainLook: m.monochrome === 1,
        invisible: prefs?.invisible === 1,
        allowPages: prefs ? prefs.allow_pages === 1 : true,
      },
      keys: q.keys.all(memberId).map((k) => ({ algo: k.algo, fingerprint: k.fingerprint, addedAt: iso(k.added_at), lastUsedAt: iso(k.last_used_at) })),
      textsAccepted: q.texts.all(memberId).map((t) => ({ text: t.name, version: t.version, acceptedAt: iso(t.accepted_at) })),
      mutedWords: q.mutedWords.all(memberId).map((w) => ({ word: w.word, since: iso(w.created_at) })),
      mutedBoards: q.mutedBoards.all(memberId).map((b) => ({ board: b.name, since: iso(b.created_at) })),
      break: breakRow ? { startedAt: iso(breakRow.started_at), endsAt: iso(breakRow.ends_at) } : null,
      posts: q.posts.all(memberId).map((p) => ({
        id: p.id,
        board: p.board,
        threadId: p.thread_id,
        subject: p.subject,
        contentWarning: p.content_warning,
        body: p.body,
        writtenAt: iso(p.created_at),
        editedAt: iso(p.edited_at),
        hidden: p.hidden_at !== null ? { reason: p.hidden_reason ?? '' } : null,
        support: p.support_count,
      })),
      heldPosts: q.held.all(memberId).map((h) => ({
        board: h.board, subject: h.subject, body: h.body, writtenAt: iso(h.created_at), status: h.status, decidedAt: iso(h.decided_at), reason: h.reason,
      })),
      drafts: q.drafts.all(memberId).map((d) => ({
        to: d.kind === 'thread' ? `a new thread in ${d.board ?? 'a board'}` : d.kind === 'reply' ? `a reply to "${d.thread ?? 'a thread'}"` : `mail to ${d.mail_to || 'someone'}`,
        subject: d.subject,
        contentWarning: d.content_warning,
        body: d.body,
        savedAt: iso(d.saved_at),
      })),
      supportGiven: q.support.all(memberId).map((s) => ({ postId: s.post_id, at: iso(s.created_at) })),
      mail: {
        sent: q.sent.all(memberId).map((x) => ({ id: x.id, to: x.other, subject: x.subject, body: x.body, sentAt: iso(x.sent_at) })),
        received: q.received.all(memberId).map((x) => ({
          id: x.id, from: x.other, subject: x.subject, body: x.body, sentAt: iso(x.sent_at), readAt: iso(x.read_at),
        })),
      },
      chat: q.chat.all({ id: memberId }).map((l) => ({
        room: l.room, kind: l.kind, to: l.to_name, from: l.author_name, text: l.body, at: iso(l.created_at),
      })),
      reportsFiled: q.reports.all(memberId).map((r) => ({
        kind: r.kind,
        category: r.category,
        reason: r.reason,
        filedAt: iso(r.created_at),
        status: r.status,
        outcome: r.outcome,
        state: r.status === 'open' ? 'open' : (r.outcome ?? 'acted'),
        handledAt: iso(r.handled_at),
        about: r.author_name,
        place: r.place,
        title: r.copy_title,
        text: r.copy_text,
      })),
      sanctions: q.sanctions.all(memberId).map((s) => ({
        kind: s.kind,
        reason: s.reason,
        room: s.room,
        from: iso(s.created_at),
        until: iso(s.ends_at),
        acknowledgedAt: iso(s.acknowledged_at),
        liftedAt: iso(s.lifted_at),
      })),
      blocks: q.blocks.all(memberId).map((b) => ({ name: b.name, since: iso(b.created_at) })),
      boards: { moderates: q.moderates.all(memberId).map((b) => b.name), admittedTo: q.admitted.all(memberId).map((b) => b.name) },
      meetingsFacilitated: q.facilitates.all(memberId).map((r) => r.name),
      readState: { boardsCaughtUp: q.boardReads.get(memberId)!.n, threadsWithReadMarks: q.threadReads.get(memberId)!.n },
      bulletinsSeen: q.bulletinsSeen.all(memberId).map((b) => ({ title: b.title, seenAt: iso(b.seen_at) })),
    };
  }

  /** The export as the JSON document `ssh NAME@host export` prints. */
  json(memberId: number): string | undefined {
    const data = this.collect(memberId);
    return data && JSON.stringify(data, null, 2) + '\n';
  }
}
