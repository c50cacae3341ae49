import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import type { Hub } from '../hub.js';
import type { Member } from './accounts.js';
import { AuditLog } from './audit.js';
import { Staff, type Actor } from './staff.js';
import { cleanLine } from '../text/index.js';
import { Posts, REMOVED_SUBJECT } from './posts.js';
import { PostSearch } from './post-search.js';
import { ReadState } from './read-state.js';

export interface BoardSummary {
  id: number;
  slug: string;
  name: string;
  description: string;
  readOnly: boolean;
  membersOnly: boolean;
  threadCount: number;
  postCount: number;
  unread: number;
  lastPostAt: number | null;
  /** Whether this member may start threads and reply here. */
  canPost: boolean;
  /** Whether this member moderates the board (sysops moderate every board). */
  canModerate: boolean;
}

export interface ThreadSummary {
  id: number;
  boardId: number;
  subject: string;
  contentWarning: string | null;
  /** The first post was deleted by its author (the subject went with it). */
  deleted: boolean;
  authorId: number;
  authorName: string;
  replies: number;
  lastPostId: number;
  lastPostAt: number;
  lastAuthorName: string;
  hasUnread: boolean;
  /** Listed first in its board by a moderator. */
  pinned: boolean;
  /** Locked by a moderator: only staff reply. */
  locked: boolean;
  /** The first post is hidden by a moderator (or by reports, pending review). */
  hidden: boolean;
}

export interface ThreadPage {
  threads: ThreadSummary[];
  /** More threads with older activity follow (page on with `before: last.lastPostId`). */
  hasOlder: boolean;
  /** Threads with newer activity precede (page back with `after: first.lastPostId`). */
  hasNewer: boolean;
}

export interface UnreadPlace {
  boardId: number;
  threadId: number;
  postId: number;
}

export const THREAD_PAGE_MAX = 200;

/** A board as the sysop manages it: every setting, archived ones too. */
export interface BoardAdminView {
  id: number;
  slug: string;
  name: string;
  description: string;
  /** 1 for the first board in members' lists. */
  position: number;
  readOnly: boolean;
  membersOnly: boolean;
  archivedAt: number | null;
  threadCount: number;
  postCount: number;
  moderators: string[];
  admitted: string[];
  /** The open chat rooms linked to the board (its support group's rooms). */
  rooms: string[];
}

/** What `addBoard` and `editBoard` accept; text is cleaned and checked. */
export interface BoardChanges {
  slug?: string;
  name?: string;
  description?: string;
  readOnly?: boolean;
  membersOnly?: boolean;
}

export const BOARD_SLUG_MAX = 32;
export const BOARD_NAME_MAX = 40;
export const BOARD_DESCRIPTION_MAX = 120;

/** Where `moveBoard` puts a board: a position from 1, or just before or after another board. */
export type BoardPlace = { position: number } | { before: number } | { after: number };

function checkSlug(slug: string): string {
  const s = slug.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]*$/.test(s) || s.length < 2 || s.length > BOARD_SLUG_MAX) {
    throw new UserError(`A board's short name is 2 to ${BOARD_SLUG_MAX} lower-case letters, digits and -, starting with a letter or digit (e.g. new-parents).`);
  }
  return s;
}

function checkName(name: string): string {
  const n = cleanLine(name, BOARD_NAME_MAX + 1);
  if (n.length < 2 || n.length > BOARD_NAME_MAX) throw new UserError(`A board's name is 2 to ${BOARD_NAME_MAX} characters long.`);
  return n;
}

function checkDescription(text: string): string {
  const d = cleanLine(text, BOARD_DESCRIPTION_MAX + 1);
  if (d.length > BOARD_DESCRIPTION_MAX) throw new UserError(`A board's description is at most ${BOARD_DESCRIPTION_MAX} characters.`);
  return d;
}

interface BoardRow {
  id: number;
  slug: string;
  name: string;
  description: string;
  read_only: number;
  members_only: number;
  thread_count: number;
  post_count: number;
  last_post_at: number | null;
  read_count: number;
  moderates: number;
}

interface ThreadRow {
  id: number;
  board_id: number;
  author_id: number;
  last_post_id: number;
  last_post_at: number;
  post_count: number;
  subject: string | null;
  content_warning: string | null;
  first_deleted: number | null;
  first_hidden: number | null;
  pinned: number;
  locked_at: number | null;
  author_name: string;
  last_author_name: string;
  read_up_to: number;
}

// A board is visible to everyone unless it is members-only; then to sysops, its moderators and
// the members a sysop admitted. An archived board is gone from every list, newscan and search
// (its posts are kept, and come back if the sysop unarchives it).
const VISIBLE = `b.archived_at IS NULL AND (b.members_only = 0 OR @role = 'sysop'
  OR EXISTS (SELECT 1 FROM board_moderators bm WHERE bm.board_id = b.id AND bm.member_id = @member)
  OR EXISTS (SELECT 1 FROM board_members x WHERE x.board_id = b.id AND x.member_id = @member))`;

const BOARD_COLUMNS = `b.id, b.slug, b.name, b.description, b.read_only, b.members_only, b.thread_count, b.post_count,
  b.last_post_at, coalesce(r.baseline_count, 0) + coalesce(r.extra_read, 0) AS read_count,
  (@role = 'sysop' OR EXISTS (SELECT 1 FROM board_moderators bm WHERE bm.board_id = b.id AND bm.member_id = @member)) AS moderates
  FROM boards b LEFT JOIN board_reads r ON r.member_id = @member AND r.board_id = b.id`;

// The read mark is folded in here so the list can flag unread threads without a query per row.
const THREAD_COLUMNS = `t.id, t.board_id, t.author_id, t.last_post_id, t.last_post_at, t.post_count,
  fp.subject, fp.content_warning, fp.deleted_at AS first_deleted, fp.hidden_at AS first_hidden, t.pinned, t.locked_at,
  a.name AS author_name, la.name AS last_author_name,
  max(@baseline, coalesce(tr.last_read_post_id, 0)) AS read_up_to
  FROM threads t
  JOIN posts fp ON fp.id = t.first_post_id
  JOIN members a ON a.id = t.author_id
  JOIN members la ON la.id = t.last_author_id
  LEFT JOIN thread_reads tr ON tr.member_id = @member AND tr.thread_id = t.id`;

function toBoard(r: BoardRow): BoardSummary {
  const moderates = r.moderates === 1;
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    readOnly: r.read_only === 1,
    membersOnly: r.members_only === 1,
    threadCount: r.thread_count,
    postCount: r.post_count,
    unread: Math.max(0, r.post_count - r.read_count),
    lastPostAt: r.last_post_at,
    canPost: r.read_only === 0 || moderates,
    canModerate: moderates,
  };
}

function toThread(r: ThreadRow, reader: { id: number; moderates: boolean }): ThreadSummary {
  const withheld = r.first_hidden !== null && !reader.moderates && r.author_id !== reader.id;
  return {
    id: r.id,
    boardId: r.board_id,
    subject: withheld ? REMOVED_SUBJECT : (r.subject ?? ''),
    contentWarning: withheld ? null : r.content_warning,
    deleted: r.first_deleted !== null,
    authorId: r.author_id,
    authorName: r.author_name,
    replies: r.post_count - 1,
    lastPostId: r.last_post_id,
    lastPostAt: r.last_post_at,
    lastAuthorName: r.last_author_name,
    hasUnread: r.last_post_id > r.read_up_to,
    pinned: r.pinned === 1,
    locked: r.locked_at !== null,
    hidden: r.first_hidden !== null,
  };
}

/**
 * The boards of the BBS: which a member sees and may post in, their threads, newscan, and the
 * sysop's settings for them. Posting and reading live in `posts`, read state in `reads`,
 * full-text search in `search`.
 */
export class Boards {
  readonly reads: ReadState;
  readonly posts: Posts;
  readonly search: PostSearch;
  private readonly allBoardIds;
  private readonly visibleBoards;
  private readonly oneBoard;
  private readonly threadsPinned;
  private readonly threadsOlder;
  private readonly threadsNewer;
  private readonly newerExists;
  private readonly firstUnreadThread;
  private readonly mutedBoardsOf;
  private readonly setFlags;
  private readonly addModerator;
  private readonly removeModerator;
  private readonly admit;
  private readonly unadmit;
  private readonly moderatorsOf;
  private readonly admittedOf;
  private readonly adminRows;
  private readonly adminBySlug;
  private readonly roomsOf;
  private readonly slugTaken;
  private readonly insertBoard;
  private readonly updateBoard;
  private readonly setPosition;
  private readonly setArchived;
  private readonly roomByName;
  private readonly linkRoom;
  private readonly memberName;
  private readonly staff: Staff;
  private readonly audit: AuditLog;

  constructor(
    private readonly db: Db,
    private readonly hub: Hub,
    private readonly now: () => number = Date.now,
    moderation?: { staff: Staff; audit: AuditLog },
  ) {
    this.staff = moderation?.staff ?? new Staff(db);
    this.audit = moderation?.audit ?? new AuditLog(db, hub, this.staff, now);
    this.reads = new ReadState(db);
    this.posts = new Posts(db, hub, this, this.reads, now);
    this.search = new PostSearch(db, this);
    this.allBoardIds = db.prepare<[], { id: number }>('SELECT id FROM boards');
    this.visibleBoards = db.prepare<{ member: number; role: string }, BoardRow>(
      `SELECT ${BOARD_COLUMNS} WHERE ${VISIBLE} ORDER BY b.position, b.id`,
    );
    this.oneBoard = db.prepare<{ member: number; role: string; board: number }, BoardRow>(
      `SELECT ${BOARD_COLUMNS} WHERE b.id = @board AND ${VISIBLE}`,
    );
    type PageArgs = { member: number; board: number; baseline: number; key: number; limit: number };
    // Pinned threads head the first page; the pages of activity below hold the others.
    this.threadsPinned = db.prepare<{ member: number; board: number; baseline: number }, ThreadRow>(
      `SELECT ${THREAD_COLUMNS} WHERE t.board_id = @board AND t.pinned = 1 AND t.deleted_at IS NULL ORDER BY t.last_post_id DESC`,
    );
    this.threadsOlder = db.prepare<PageArgs, ThreadRow>(
      `SELECT ${THREAD_COLUMNS} WHERE t.board_id = @board AND t.last_post_id < @key AND t.deleted_at IS NULL AND t.pinned = 0
       ORDER BY t.last_post_id DESC LIMIT @limit`,
    );
    this.threadsNewer = db.prepare<PageArgs, ThreadRow>(
      `SELECT ${THREAD_COLUMNS} WHERE t.board_id = @board AND t.last_post_id > @key AND t.deleted_at IS NULL AND t.pinned = 0
       ORDER BY t.last_post_id ASC LIMIT @limit`,
    );
    this.newerExists = db.prepare<[number, number], { x: number }>(
      'SELECT 1 AS x FROM threads WHERE board_id = ? AND last_post_id > ? AND deleted_at IS NULL AND pinned = 0 LIMIT 1',
    );
    // Only threads active since the baseline can hold unread posts; of those, the first whose
    // mark is short of its last post. Oldest activity first, so a newscan reads in order.
    this.mutedBoardsOf = db.prepare<[number], { board_id: number }>('SELECT board_id FROM muted_boards WHERE member_id = ?');
    this.firstUnreadThread = db.prepare<{ member: number; board: number; baseline: number; exclude: number }, { id: number }>(
      `SELECT t.id FROM threads t
       LEFT JOIN thread_reads tr ON tr.member_id = @member AND tr.thread_id = t.id
       WHERE t.board_id = @board AND t.last_post_id > @baseline AND t.id != @exclude AND t.deleted_at IS NULL
         AND (tr.last_read_post_id IS NULL OR tr.last_read_post_id < t.last_post_id)
       ORDER BY t.last_post_id LIMIT 1`,
    );
    this.setFlags = db.prepare('UPDATE boards SET read_only = ?, members_only = ? WHERE id = ?');
    this.addModerator = db.prepare('INSERT OR IGNORE INTO board_moderators (board_id, member_id) VALUES (?, ?)');
    this.removeModerator = db.prepare('DELETE FROM board_moderators WHERE board_id = ? AND member_id = ?');
    this.admit = db.prepare('INSERT OR IGNORE INTO board_members (board_id, member_id, added_at) VALUES (?, ?, ?)');
    this.unadmit = db.prepare('DELETE FROM board_members WHERE board_id = ? AND member_id = ?');
    this.moderatorsOf = db.prepare<[number], { name: string }>(
      'SELECT m.name FROM board_moderators x JOIN members m ON m.id = x.member_id WHERE x.board_id = ? ORDER BY m.name_key',
    );
    this.admittedOf = db.prepare<[number], { name: string }>(
      'SELECT m.name FROM board_members x JOIN members m ON m.id = x.member_id WHERE x.board_id = ? ORDER BY m.name_key',
    );
    type AdminRow = {
      id: number; slug: string; name: string; description: string; position: number; read_only: number;
      members_only: number; archived_at: number | null; thread_count: number; post_count: number;
    };
    const adminColumns = 'id, slug, name, description, position, read_only, members_only, archived_at, thread_count, post_count FROM boards';
    this.adminRows = db.prepare<[], AdminRow>(`SELECT ${adminColumns} ORDER BY position, id`);
    this.adminBySlug = db.prepare<[string], AdminRow>(`SELECT ${adminColumns} WHERE slug = ?`);
    this.roomsOf = db.prepare<[number], { name: string }>('SELECT name FROM chat_rooms WHERE board_id = ? AND closed_at IS NULL ORDER BY position, name_key');
    this.slugTaken = db.prepare<[string, number], { x: number }>('SELECT 1 AS x FROM boards WHERE slug = ? AND id != ?');
    this.insertBoard = db.prepare(
      `INSERT INTO boards (slug, name, description, position, created_at, read_only, members_only)
       VALUES (@slug, @name, @description, (SELECT coalesce(max(position), 0) + 1 FROM boards), @now, @readOnly, @membersOnly)`,
    );
    this.updateBoard = db.prepare(
      'UPDATE boards SET slug = @slug, name = @name, description = @description, read_only = @readOnly, members_only = @membersOnly WHERE id = @id',
    );
    this.setPosition = db.prepare('UPDATE boards SET position = ? WHERE id = ?');
    this.setArchived = db.prepare('UPDATE boards SET archived_at = ? WHERE id = ?');
    this.roomByName = db.prepare<[string], { id: number; name: string; board_id: number | null }>(
      'SELECT id, name, board_id FROM chat_rooms WHERE name_key = ? AND closed_at IS NULL',
    );
    this.memberName = db.prepare<[number], { name: string }>('SELECT name FROM members WHERE id = ?');
    this.linkRoom = db.prepare('UPDATE chat_rooms SET board_id = ? WHERE id = ?');
    this.toAdminView = (r: AdminRow): BoardAdminView => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      description: r.description,
      position: r.position,
      readOnly: r.read_only === 1,
      membersOnly: r.members_only === 1,
      archivedAt: r.archived_at,
      threadCount: r.thread_count,
      postCount: r.post_count,
      ...this.people(r.id),
      rooms: this.roomsOf.all(r.id).map((x) => x.name),
    });
  }

  private readonly toAdminView: (r: never) => BoardAdminView;

  /** The boards this member can see, in the sysop's order, with counts and their unread posts. */
  list(member: Member): BoardSummary[] {
    return this.visibleBoards.all({ member: member.id, role: member.role }).map(toBoard);
  }

  /** One board, if the member can see it; otherwise a UserError (a hidden board is "not found"). */
  get(member: Member, boardId: number): BoardSummary {
    const row = this.oneBoard.get({ member: member.id, role: member.role, board: boardId });
    if (!row) throw new UserError('That board does not exist, or is not open to you.');
    return toBoard(row);
  }

  /**
   * A page of the board's threads, most recent activity first. Keyset pagination: `before`
   * (older page) or `after` (newer page) is the lastPostId at the edge of the page shown.
   */
  threads(member: Member, boardId: number, opts: { before?: number; after?: number; limit?: number } = {}): ThreadPage {
    const board = this.get(member, boardId);
    const reader = { id: member.id, moderates: board.canModerate };
    const summary = (r: ThreadRow) => toThread(r, reader);
    const limit = Math.max(1, Math.min(THREAD_PAGE_MAX, Math.floor(opts.limit ?? 20)));
    const baseline = this.reads.baseline(member.id, boardId);
    const args = { member: member.id, board: boardId, baseline, limit: limit + 1 };
    if (opts.after !== undefined) {
      const rows = this.threadsNewer.all({ ...args, key: opts.after });
      const hasNewer = rows.length > limit;
      // Going back from a page always yields a full page, unless it reaches the top: the
      // first page is then what belongs here (the same rows, the same edges as paging on).
      if (!hasNewer) return this.threads(member, boardId, { limit });
      return { threads: rows.slice(0, limit).reverse().map(summary), hasNewer, hasOlder: true };
    }
    // The first page is the pinned threads, then as many others as fit.
    const pinned = opts.before === undefined ? this.threadsPinned.all({ member: member.id, board: boardId, baseline }).map(summary) : [];
    const room = Math.max(1, limit - pinned.length);
    const rows = this.threadsOlder.all({ ...args, limit: room + 1, key: opts.before ?? Number.MAX_SAFE_INTEGER });
    const threads = rows.slice(0, room).map(summary);
    const edge = threads[0]?.lastPostId ?? opts.before;
    const hasNewer = opts.before !== undefined && edge !== undefined && this.newerExists.get(boardId, edge) !== undefined;
    return { threads: [...pinned, ...threads], hasOlder: rows.length > room, hasNewer };
  }

  /**
   * The next unread post for a newscan: first the rest of the thread `from.threadId`, then the
   * other threads of `from.boardId`, then the following boards in order (wrapping round).
   * Boards the member muted are passed over, unless the newscan starts in one (they are
   * reading it on purpose).
   */
  nextUnread(member: Member, from: { boardId?: number; threadId?: number } = {}): UnreadPlace | undefined {
    const boards = this.list(member);
    if (from.threadId !== undefined && from.boardId !== undefined && boards.some((b) => b.id === from.boardId)) {
      const postId = this.reads.firstUnread(member.id, from.threadId);
      if (postId !== undefined) return { boardId: from.boardId, threadId: from.threadId, postId };
    }
    const start = Math.max(0, boards.findIndex((b) => b.id === from.boardId));
    const muted = new Set(this.mutedBoardsOf.all(member.id).map((r) => r.board_id));
    for (let i = 0; i < boards.length; i++) {
      const board = boards[(start + i) % boards.length];
      if (board.unread === 0 || (muted.has(board.id) && board.id !== from.boardId)) continue;
      const baseline = this.reads.baseline(member.id, board.id);
      const exclude = board.id === from.boardId ? (from.threadId ?? 0) : 0;
      const thread = this.firstUnreadThread.get({ member: member.id, board: board.id, baseline, exclude });
      if (!thread) continue;
      const postId = this.reads.firstUnread(member.id, thread.id);
      if (postId !== undefined) return { boardId: board.id, threadId: thread.id, postId };
    }
    return undefined;
  }

  /** Catch-up: marks every post now in the board read for this member. */
  markBoardRead(member: Member, boardId: number): void {
    this.get(member, boardId);
    this.reads.markBoardRead(member.id, boardId);
  }

  /** Sysop: makes a board read-only (only sysops and its moderators post) and/or members-only. */
  setBoardFlags(actor: Actor, boardId: number, flags: { readOnly: boolean; membersOnly: boolean }): void {
    const board = this.adminById(actor, boardId);
    this.db.transaction(() => {
      this.updateBoard.run({ ...board, id: board.id, readOnly: flags.readOnly ? 1 : 0, membersOnly: flags.membersOnly ? 1 : 0 });
      this.audit.record(actor, { action: 'board.edit', targetKind: 'board', targetId: board.id, targetLabel: board.slug, boardId: board.id, detail: { ...flags } });
    })();
    this.hub.emit('boards:changed', { boardId });
  }

  /** Sysop: makes a member a moderator of the board, or no longer one. */
  setModerator(actor: Actor, boardId: number, memberId: number, on: boolean): void {
    const board = this.adminById(actor, boardId);
    const member = this.memberNamed(memberId);
    this.db.transaction(() => {
      if (on) this.addModerator.run(boardId, member.id);
      else this.removeModerator.run(boardId, member.id);
      this.audit.record(actor, {
        action: 'board.moderator', targetKind: 'member', targetId: member.id, targetLabel: member.name,
        memberId: member.id, boardId, detail: { board: board.slug, on },
      });
    })();
    this.hub.emit('boards:changed', { boardId });
  }

  /** Sysop: admits a member to a members-only board, or removes them. */
  setBoardMember(actor: Actor, boardId: number, memberId: number, on: boolean): void {
    const board = this.adminById(actor, boardId);
    const member = this.memberNamed(memberId);
    this.db.transaction(() => {
      if (on) this.admit.run(boardId, member.id, this.now());
      else this.unadmit.run(boardId, member.id);
      this.audit.record(actor, {
        action: 'board.admit', targetKind: 'member', targetId: member.id, targetLabel: member.name,
        memberId: member.id, boardId, detail: { board: board.slug, on },
      });
    })();
    this.hub.emit('boards:changed', { boardId });
  }

  /** Sysop: every board with all its settings, in members' order; archived ones too when `all`. */
  adminList(actor: Actor, opts: { all?: boolean } = {}): BoardAdminView[] {
    this.staff.requireSysop(actor, 'manage boards');
    return this.adminRows.all().filter((r) => opts.all || r.archived_at === null).map((r) => this.toAdminView(r as never));
  }

  /** Sysop: one board by its short name, archived or not; a UserError when there is none. */
  adminBoard(actor: Actor, slug: string): BoardAdminView {
    this.staff.requireSysop(actor, 'manage boards');
    const row = this.adminBySlug.get(slug.trim().toLowerCase());
    if (!row) throw new UserError(`There is no board "${slug}".`);
    return this.toAdminView(row as never);
  }

  /** Sysop: a new board, last in the list. */
  addBoard(actor: Actor, input: BoardChanges & { slug: string; name: string }): BoardAdminView {
    this.staff.requireSysop(actor, 'add boards');
    const slug = checkSlug(input.slug);
    const name = checkName(input.name);
    const description = checkDescription(input.description ?? '');
    const id = this.db.transaction(() => {
      if (this.slugTaken.get(slug, 0)) throw new UserError(`There is already a board "${slug}".`);
      const boardId = Number(
        this.insertBoard.run({ slug, name, description, now: this.now(), readOnly: input.readOnly ? 1 : 0, membersOnly: input.membersOnly ? 1 : 0 }).lastInsertRowid,
      );
      this.audit.record(actor, {
        action: 'board.add', targetKind: 'board', targetId: boardId, targetLabel: slug, boardId,
        detail: { name, readOnly: !!input.readOnly, membersOnly: !!input.membersOnly },
      });
      return boardId;
    })();
    this.hub.emit('boards:changed', { boardId: id });
    return this.adminBoard(actor, slug);
  }

  /**
   * Sysop: changes a board's short name, name, description or flags, and links a chat room to
   * it (`room`: the room's name). Only what is given changes; the audit entry lists it.
   */
  editBoard(actor: Actor, boardId: number, changes: BoardChanges & { room?: string }): BoardAdminView {
    const board = this.adminById(actor, boardId);
    const next = {
      id: board.id,
      slug: changes.slug !== undefined ? checkSlug(changes.slug) : board.slug,
      name: changes.name !== undefined ? checkName(changes.name) : board.name,
      description: changes.description !== undefined ? checkDescription(changes.description) : board.description,
      readOnly: (changes.readOnly ?? board.readOnly) ? 1 : 0,
      membersOnly: (changes.membersOnly ?? board.membersOnly) ? 1 : 0,
    };
    const room = changes.room !== undefined ? this.roomByName.get(cleanLine(changes.room, 64).toLowerCase()) : undefined;
    if (changes.room !== undefined && !room) throw new UserError(`There is no open chat room called "${changes.room}".`);
    const changed: Record<string, unknown> = {};
    if (next.slug !== board.slug) changed.slug = next.slug;
    if (next.name !== board.name) changed.name = next.name;
    if (next.description !== board.description) changed.description = next.description;
    if (!!next.readOnly !== board.readOnly) changed.readOnly = !!next.readOnly;
    if (!!next.membersOnly !== board.membersOnly) changed.membersOnly = !!next.membersOnly;
    if (room && room.board_id !== board.id) changed.room = room.name;
    if (Object.keys(changed).length === 0) throw new UserError(`Nothing to change: ${board.slug} is already like that.`);
    this.db.transaction(() => {
      if (this.slugTaken.get(next.slug, board.id)) throw new UserError(`There is already a board "${next.slug}".`);
      this.updateBoard.run(next);
      if (room) this.linkRoom.run(board.id, room.id);
      this.audit.record(actor, { action: 'board.edit', targetKind: 'board', targetId: board.id, targetLabel: board.slug, boardId: board.id, detail: changed });
    })();
    this.hub.emit('boards:changed', { boardId });
    if (room) this.hub.emit('chat:rooms-changed', {});
    return this.adminBoard(actor, next.slug);
  }

  /** Sysop: puts a board at a place in members' lists; the others keep their order around it. */
  moveBoard(actor: Actor, boardId: number, to: BoardPlace): BoardAdminView {
    const board = this.adminById(actor, boardId);
    const others = this.adminRows.all().filter((r) => r.id !== board.id);
    let index: number;
    if ('position' in to) {
      if (!Number.isInteger(to.position) || to.position < 1 || to.position > others.length + 1) {
        throw new UserError(`A position is a whole number from 1 to ${others.length + 1}.`);
      }
      index = to.position - 1;
    } else {
      const anchorId = 'before' in to ? to.before : to.after;
      const at = others.findIndex((r) => r.id === anchorId);
      if (at < 0) throw new UserError('A board cannot be placed next to itself.');
      index = 'before' in to ? at : at + 1;
    }
    const order = [...others.slice(0, index).map((r) => r.id), board.id, ...others.slice(index).map((r) => r.id)];
    this.db.transaction(() => {
      order.forEach((id, i) => this.setPosition.run(i + 1, id));
      this.audit.record(actor, {
        action: 'board.move', targetKind: 'board', targetId: board.id, targetLabel: board.slug, boardId: board.id,
        detail: { from: board.position, to: index + 1 },
      });
    })();
    this.hub.emit('boards:changed', { boardId });
    return this.adminBoard(actor, board.slug);
  }

  /**
   * Sysop: archives a board (gone from every member's list, newscan and search; its posts kept)
   * or brings it back.
   */
  setArchivedBoard(actor: Actor, boardId: number, archived: boolean): BoardAdminView {
    const board = this.adminById(actor, boardId);
    if ((board.archivedAt !== null) === archived) {
      throw new UserError(archived ? `${board.slug} is already archived.` : `${board.slug} is not archived.`);
    }
    this.db.transaction(() => {
      this.setArchived.run(archived ? this.now() : null, board.id);
      this.audit.record(actor, {
        action: archived ? 'board.archive' : 'board.unarchive', targetKind: 'board', targetId: board.id, targetLabel: board.slug, boardId: board.id,
      });
    })();
    this.hub.emit('boards:changed', { boardId });
    return this.adminBoard(actor, board.slug);
  }

  /** Tells open screens that every board may have changed (the sysop's console wrote to the database). */
  announceExternalChange(): void {
    for (const { id } of this.allBoardIds.all()) this.hub.emit('boards:changed', { boardId: id });
  }

  /** Names of the board's moderators and of the members admitted to it. */
  people(boardId: number): { moderators: string[]; admitted: string[] } {
    return {
      moderators: this.moderatorsOf.all(boardId).map((r) => r.name),
      admitted: this.admittedOf.all(boardId).map((r) => r.name),
    };
  }

  private memberNamed(memberId: number): { id: number; name: string } {
    const row = this.memberName.get(memberId);
    if (!row) throw new UserError('There is no such member.');
    return { id: memberId, name: row.name };
  }

  private adminById(actor: Actor, boardId: number): BoardAdminView {
    this.staff.requireSysop(actor, 'change boards');
    const row = this.adminRows.all().find((r) => r.id === boardId);
    if (!row) throw new UserError('That board does not exist.');
    return this.toAdminView(row as never);
  }
}
