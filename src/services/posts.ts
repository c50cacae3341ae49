import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import type { Hub } from '../hub.js';
import { cleanLine, cleanText, exceedsLength } from '../text/index.js';
import type { Member } from './accounts.js';
import type { Boards } from './boards.js';
import { UNREAD_THREAD_POSTS_SQL, type ReadState } from './read-state.js';

export const SUBJECT_MAX = 100;
export const WARNING_MAX = 60;
export const BODY_MAX = 4000;

const ALL_DELETED = 'Every post in that thread was deleted, so it takes no replies.';

export interface Post {
  id: number;
  threadId: number;
  boardId: number;
  authorId: number;
  authorName: string;
  /** Only on a thread's first post. */
  subject: string | null;
  contentWarning: string | null;
  body: string;
  createdAt: number;
  editedAt: number | null;
  /** Deleted by its author: the text is gone, the place in the thread stays. */
  deleted: boolean;
  support: number;
  supportedByMe: boolean;
  /** Hidden by a moderator, or by members' reports pending review; null when shown to all. */
  hidden: { reason: string; by: 'moderator' | 'reports' } | null;
  /**
   * The text is withheld from this reader (a hidden post, read by someone who is neither its
   * author nor staff of its board): body and subject are empty.
   */
  withheld: boolean;
}

export interface ThreadInfo {
  id: number;
  boardId: number;
  boardName: string;
  subject: string;
  contentWarning: string | null;
  deleted: boolean;
  authorId: number;
  authorName: string;
  postCount: number;
  firstPostId: number;
  lastPostId: number;
  lastPostAt: number;
  /** Every post in it was deleted by its author: it has left the lists and takes no replies. */
  allDeleted: boolean;
  canReply: boolean;
  /** Locked by a moderator: only staff reply. */
  locked: boolean;
  pinned: boolean;
  /** This reader moderates the thread's board. */
  canModerate: boolean;
}

/** A slice of a thread's posts around the place a reader opens it at. */
export interface ThreadWindow {
  thread: ThreadInfo;
  posts: Post[];
  /** 1-based position of posts[0] in the thread. */
  firstPosition: number;
  hasBefore: boolean;
  hasAfter: boolean;
  /** Posts with ids up to this were read before this opening. */
  readUpTo: number;
  /** The post to show first: the one asked for, else the first unread, else the last. */
  focusPostId: number;
}

export interface PostInput {
  subject?: string;
  contentWarning?: string;
  body: string;
}

/** A post as cleaned, about to be written: a new thread (threadId null) or a reply. */
export interface PostDraft {
  boardId: number;
  threadId: number | null;
  subject: string | null;
  contentWarning: string | null;
  body: string;
}

/**
 * Moderation of what members post (watched words, slow mode), given to `Posts` by the
 * composition root. Each check throws a UserError to refuse, keeping the member's text.
 */
export interface PostGate {
  /** Before a new thread or reply: refuses it, holds it for review, or lets it through (maybe to be flagged). */
  beforePost(member: Member, draft: PostDraft): { hold?: string; flag?: string };
  /** Before an edit: refuses it, or lets it through (maybe to be flagged). */
  beforeEdit(member: Member, draft: PostDraft, before: PostDraft): { flag?: string };
  /** Keeps a post for review instead of publishing it; returns the held post's id. */
  hold(member: Member, draft: PostDraft, pattern: string): number;
  /** After a post that contains a flagged word was published (or edited). */
  flagged(member: Member, postId: number, draft: PostDraft, pattern: string): void;
}

/**
 * A post kept for a moderator's review instead of being published: a UserError, so a screen
 * that does not know of holding still shows the sentence (the text is safe in the queue).
 */
export class HeldForReview extends UserError {
  constructor(readonly heldId: number) {
    super("Your post is waiting for a moderator's review. It will appear once they approve it.");
  }
}

interface PostRow {
  id: number;
  thread_id: number;
  board_id: number;
  author_id: number;
  author_name: string;
  subject: string | null;
  content_warning: string | null;
  body: string;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
  support_count: number;
  mine: number;
  hidden_at: number | null;
  hidden_reason: string | null;
  hidden_by: 'moderator' | 'reports' | null;
}

interface ThreadRow {
  id: number;
  board_id: number;
  author_id: number;
  first_post_id: number;
  last_post_id: number;
  last_post_at: number;
  post_count: number;
  subject: string | null;
  content_warning: string | null;
  first_deleted: number | null;
  first_hidden: number | null;
  thread_deleted: number | null;
  locked_at: number | null;
  pinned: number;
  author_name: string;
}

const POST_COLUMNS = `p.id, p.thread_id, p.board_id, p.author_id, m.name AS author_name, p.subject, p.content_warning,
  p.body, p.created_at, p.edited_at, p.deleted_at, p.support_count, (s.member_id IS NOT NULL) AS mine,
  p.hidden_at, p.hidden_reason, p.hidden_by
  FROM posts p JOIN members m ON m.id = p.author_id
  LEFT JOIN post_support s ON s.member_id = @member AND s.post_id = p.id`;

/** Who reads a post: its text is withheld from a hidden post's other readers. */
interface Reader {
  id: number;
  moderates: boolean;
}

function toPost(r: PostRow, reader: Reader): Post {
  const hidden = r.hidden_at !== null ? { reason: r.hidden_reason ?? '', by: r.hidden_by ?? 'moderator' } : null;
  const withheld = hidden !== null && !reader.moderates && r.author_id !== reader.id;
  return {
    id: r.id,
    threadId: r.thread_id,
    boardId: r.board_id,
    authorId: r.author_id,
    authorName: r.author_name,
    subject: withheld && r.subject !== null ? '' : r.subject,
    contentWarning: withheld ? null : r.content_warning,
    body: withheld ? '' : r.body,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    deleted: r.deleted_at !== null,
    support: r.support_count,
    supportedByMe: r.mine === 1,
    hidden,
    withheld,
  };
}

/** What a reader who may not see a hidden first post reads instead of its subject. */
export const REMOVED_SUBJECT = '(removed by a moderator)';
export const LOCKED = 'This thread is locked by a moderator: it takes no new replies.';

/** The subject of a new thread: one clean line, required, refused (never cut) when too long. */
export function cleanSubject(s: string): string {
  if (exceedsLength(s, SUBJECT_MAX, false)) throw new UserError(`A subject may have at most ${SUBJECT_MAX} characters.`);
  const subject = cleanLine(s, SUBJECT_MAX);
  if (!subject) throw new UserError('A new thread needs a subject.');
  return subject;
}

/** A content warning ("suicide", "pregnancy loss"), or null when none was given. */
export function cleanWarning(s: string | undefined): string | null {
  if (s === undefined) return null;
  if (exceedsLength(s, WARNING_MAX, false)) throw new UserError(`A content warning may have at most ${WARNING_MAX} characters.`);
  // Readers see "CW: ..." already; a typed prefix would read "CW: CW: ...".
  const warning = cleanLine(s, WARNING_MAX).replace(/^(cw|tw)\s*:\s*/i, '');
  return warning || null;
}

/** A post's body: cleaned, required, refused (never cut) when over BODY_MAX. */
export function cleanBody(s: string): string {
  if (exceedsLength(s, BODY_MAX, true)) throw new UserError(`A post may have at most ${BODY_MAX} characters. Please shorten it; your text is kept.`);
  const body = cleanText(s, { maxLength: BODY_MAX, multiline: true });
  if (!body.trim()) throw new UserError('An empty post cannot be sent. Write something first.');
  return body;
}

/** Writing and reading posts: new threads, replies, edits, deletes, support, thread windows. */
export class Posts {
  private readonly threadRow;
  private readonly postsFrom;
  private readonly postsBefore;
  private readonly onePost;
  private readonly countBefore;
  private readonly countAuthorPosts;
  private readonly firstAfter;
  private readonly insertThread;
  private readonly insertPost;
  private readonly threadStarted;
  private readonly threadGrew;
  private readonly boardGrew;
  private readonly updatePost;
  private readonly blankPost;
  private readonly dropSupportOf;
  private readonly supportRow;
  private readonly addSupport;
  private readonly removeSupport;
  private readonly setSupportCount;
  private readonly liveInThread;
  private readonly unreadThreadPosts;
  private readonly boardShrank;
  private readonly markThreadDeleted;
  private readonly threadLocked;
  private gate: PostGate | undefined;
  private readonly liveByAuthor;

  constructor(
    private readonly db: Db,
    private readonly hub: Hub,
    private readonly boards: Boards,
    private readonly reads: ReadState,
    private readonly now: () => number,
  ) {
    this.threadRow = db.prepare<[number], ThreadRow>(
      `SELECT t.id, t.board_id, t.author_id, t.first_post_id, t.last_post_id, t.last_post_at, t.post_count,
         fp.subject, fp.content_warning, fp.deleted_at AS first_deleted, fp.hidden_at AS first_hidden, t.deleted_at AS thread_deleted,
         t.locked_at, t.pinned, a.name AS author_name
       FROM threads t JOIN posts fp ON fp.id = t.first_post_id JOIN members a ON a.id = t.author_id WHERE t.id = ?`,
    );
    type Range = { member: number; thread: number; id: number; limit: number };
    this.postsFrom = db.prepare<Range, PostRow>(`SELECT ${POST_COLUMNS} WHERE p.thread_id = @thread AND p.id >= @id ORDER BY p.id LIMIT @limit`);
    this.postsBefore = db.prepare<Range, PostRow>(`SELECT ${POST_COLUMNS} WHERE p.thread_id = @thread AND p.id < @id ORDER BY p.id DESC LIMIT @limit`);
    this.onePost = db.prepare<{ member: number; id: number }, PostRow>(`SELECT ${POST_COLUMNS} WHERE p.id = @id`);
    this.countBefore = db.prepare<[number, number], { n: number }>('SELECT count(*) AS n FROM posts WHERE thread_id = ? AND id < ?');
    this.countAuthorPosts = db.prepare<[number, number], { n: number }>(
      'SELECT count(*) AS n FROM (SELECT 1 FROM posts WHERE author_id = ? AND deleted_at IS NULL LIMIT ?)',
    );
    this.firstAfter = db.prepare<[number, number], { id: number }>('SELECT id FROM posts WHERE thread_id = ? AND id > ? ORDER BY id LIMIT 1');
    this.insertThread = db.prepare(
      'INSERT INTO threads (board_id, author_id, created_at, last_post_at, last_author_id) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertPost = db.prepare(
      `INSERT INTO posts (thread_id, board_id, author_id, subject, content_warning, body, created_at)
       VALUES (@thread, @board, @author, @subject, @warning, @body, @now)`,
    );
    this.threadStarted = db.prepare('UPDATE threads SET first_post_id = @post, last_post_id = @post, post_count = 1 WHERE id = @thread');
    this.threadGrew = db.prepare(
      'UPDATE threads SET last_post_id = @post, last_post_at = @now, last_author_id = @author, post_count = post_count + 1 WHERE id = @thread',
    );
    this.boardGrew = db.prepare(
      `UPDATE boards SET post_count = post_count + 1, thread_count = thread_count + @newThread,
         last_post_id = @post, last_post_at = @now WHERE id = @board`,
    );
    this.updatePost = db.prepare(
      'UPDATE posts SET subject = @subject, content_warning = @warning, body = @body, edited_at = @now WHERE id = @id',
    );
    // The row stays so that replies keep their places and the board's counts stay exact.
    this.blankPost = db.prepare(
      `UPDATE posts SET subject = NULL, content_warning = NULL, body = '', support_count = 0, deleted_at = @now WHERE id = @id`,
    );
    this.dropSupportOf = db.prepare('DELETE FROM post_support WHERE post_id = ?');
    this.supportRow = db.prepare<[number, number], { x: number }>('SELECT 1 AS x FROM post_support WHERE member_id = ? AND post_id = ?');
    this.addSupport = db.prepare('INSERT INTO post_support (member_id, post_id, created_at) VALUES (?, ?, ?)');
    this.removeSupport = db.prepare('DELETE FROM post_support WHERE member_id = ? AND post_id = ?');
    this.setSupportCount = db.prepare<[number, number], { support_count: number }>(
      'UPDATE posts SET support_count = support_count + ? WHERE id = ? RETURNING support_count',
    );
    this.liveInThread = db.prepare<[number], { x: number }>('SELECT 1 AS x FROM posts WHERE thread_id = ? AND deleted_at IS NULL LIMIT 1');
    // What each member counted as read of the thread: posts at or below their board baseline
    // (in baseline_count), and those above it up to their mark in the thread (in extra_read).
    this.unreadThreadPosts = db.prepare(UNREAD_THREAD_POSTS_SQL);
    this.boardShrank = db.prepare('UPDATE boards SET thread_count = thread_count - 1, post_count = post_count - @posts WHERE id = @board');
    this.markThreadDeleted = db.prepare('UPDATE threads SET deleted_at = ? WHERE id = ?');
    this.threadLocked = db.prepare<[number], { locked_at: number | null }>('SELECT locked_at FROM threads WHERE id = ?');
    this.liveByAuthor = db.prepare<[number], { id: number; thread_id: number; board_id: number }>(
      'SELECT id, thread_id, board_id FROM posts WHERE author_id = ? AND deleted_at IS NULL ORDER BY id',
    );
  }

  /** Moderation of new posts and edits (src/app.ts sets it); without one, every post is published. */
  moderateWith(gate: PostGate): void {
    this.gate = gate;
  }

  /** A thread's header facts, if the member can see its board. */
  thread(member: Member, threadId: number): ThreadInfo {
    const t = this.threadRow.get(threadId);
    if (!t) throw new UserError('That thread does not exist.');
    const board = this.boards.get(member, t.board_id);
    const withheld = t.first_hidden !== null && !board.canModerate && t.author_id !== member.id;
    const locked = t.locked_at !== null;
    return {
      id: t.id,
      boardId: t.board_id,
      boardName: board.name,
      subject: withheld ? REMOVED_SUBJECT : (t.subject ?? ''),
      contentWarning: withheld ? null : t.content_warning,
      deleted: t.first_deleted !== null,
      authorId: t.author_id,
      authorName: t.author_name,
      postCount: t.post_count,
      firstPostId: t.first_post_id,
      lastPostId: t.last_post_id,
      lastPostAt: t.last_post_at,
      allDeleted: t.thread_deleted !== null,
      canReply: board.canPost && t.thread_deleted === null && (!locked || board.canModerate),
      locked,
      pinned: t.pinned === 1,
      canModerate: board.canModerate,
    };
  }

  /**
   * Opens a thread at `at`, else at the member's first unread post, else at its last post:
   * `before` posts ahead of that place and up to `after` from it. Only this window is read,
   * so a 5,000-post thread opens as fast as a short one.
   */
  window(member: Member, threadId: number, opts: { at?: number; before?: number; after?: number } = {}): ThreadWindow {
    const thread = this.thread(member, threadId);
    const readUpTo = this.reads.readUpTo(member.id, threadId);
    const nBefore = Math.max(0, opts.before ?? 10);
    const nAfter = Math.max(1, opts.after ?? 40);
    const firstUnread = this.firstAfter.get(threadId, readUpTo)?.id;
    const focus = opts.at ?? firstUnread ?? thread.lastPostId;
    // With nothing new the reader lands on the last post: fill the window from behind it.
    const ahead = opts.at === undefined && firstUnread === undefined ? nBefore + nAfter - 1 : nBefore;
    const before = this.postsBefore.all({ member: member.id, thread: threadId, id: focus, limit: ahead }).reverse();
    const from = this.postsFrom.all({ member: member.id, thread: threadId, id: focus, limit: nAfter });
    const reader = { id: member.id, moderates: thread.canModerate };
    const posts = [...before, ...from].map((r) => toPost(r, reader));
    const first = posts[0];
    const firstPosition = first ? this.countBefore.get(threadId, first.id)!.n + 1 : 1;
    return {
      thread,
      posts,
      firstPosition,
      hasBefore: firstPosition > 1,
      hasAfter: posts.length > 0 && posts[posts.length - 1].id < thread.lastPostId,
      readUpTo,
      focusPostId: from[0]?.id ?? posts[posts.length - 1]?.id ?? 0,
    };
  }

  /** Up to `limit` posts of the thread after `afterId`, in order. */
  after(member: Member, threadId: number, afterId: number, limit = 40): Post[] {
    const reader = { id: member.id, moderates: this.thread(member, threadId).canModerate };
    return this.postsFrom.all({ member: member.id, thread: threadId, id: afterId + 1, limit }).map((r) => toPost(r, reader));
  }

  /** Up to `limit` posts of the thread before `beforeId`, in order. */
  before(member: Member, threadId: number, beforeId: number, limit = 40): Post[] {
    const reader = { id: member.id, moderates: this.thread(member, threadId).canModerate };
    return this.postsBefore.all({ member: member.id, thread: threadId, id: beforeId, limit }).reverse().map((r) => toPost(r, reader));
  }

  /** One post, if the member can see its board. */
  get(member: Member, postId: number): Post {
    const row = this.onePost.get({ member: member.id, id: postId });
    if (!row) throw new UserError('That post does not exist.');
    const board = this.boards.get(member, row.board_id);
    return toPost(row, { id: member.id, moderates: board.canModerate });
  }

  /** How many live posts a member has written, counting no further than `cap` (enough to answer "at least N?"). */
  countByAuthor(memberId: number, cap: number): number {
    return this.countAuthorPosts.get(memberId, cap)!.n;
  }

  /**
   * Starts a thread; durable (committed) before anyone is told of it. A post with a watched
   * word to hold throws `HeldForReview` (the post waits in the queue, not published).
   */
  startThread(member: Member, boardId: number, input: PostInput): { threadId: number; postId: number } {
    const board = this.boards.get(member, boardId);
    if (!board.canPost) throw new UserError(`Only the sysop and moderators post in ${board.name}.`);
    const draft: PostDraft = {
      boardId,
      threadId: null,
      subject: cleanSubject(input.subject ?? ''),
      contentWarning: cleanWarning(input.contentWarning),
      body: cleanBody(input.body),
    };
    const verdict = this.gate?.beforePost(member, draft) ?? {};
    if (verdict.hold) throw new HeldForReview(this.gate!.hold(member, draft, verdict.hold));
    const ids = this.writeThread(member, draft);
    if (verdict.flag) this.gate!.flagged(member, ids.postId, draft, verdict.flag);
    return ids;
  }

  /**
   * Publishes a post a moderator approved: the author's own rights to the board and thread are
   * checked again, watched words and slow mode are not (they were, when it was held).
   */
  publishApproved(author: Member, draft: PostDraft): { threadId: number; postId: number } {
    const board = this.boards.get(author, draft.boardId);
    if (!board.canPost) throw new UserError(`${author.name} can no longer post in ${board.name}.`);
    if (draft.threadId === null) return this.writeThread(author, draft);
    const thread = this.thread(author, draft.threadId);
    if (thread.allDeleted) throw new UserError('Its thread is gone: every post in it was deleted.');
    if (this.threadLocked.get(draft.threadId)?.locked_at) throw new UserError('Its thread is locked and takes no replies.');
    return { threadId: draft.threadId, postId: this.writeReply(author, thread, draft) };
  }

  private writeThread(member: Member, draft: PostDraft): { threadId: number; postId: number } {
    const { boardId, subject, contentWarning: warning, body } = draft;
    const now = this.now();
    const ids = this.db.transaction(() => {
      const threadId = Number(this.insertThread.run(boardId, member.id, now, now, member.id).lastInsertRowid);
      const postId = Number(
        this.insertPost.run({ thread: threadId, board: boardId, author: member.id, subject, warning, body, now }).lastInsertRowid,
      );
      this.threadStarted.run({ post: postId, thread: threadId });
      this.boardGrew.run({ newThread: 1, post: postId, now, board: boardId });
      this.reads.markOwnPost(member.id, threadId, postId, 0);
      return { threadId, postId };
    })();
    this.hub.emit('post:created', { boardId, ...ids, authorId: member.id });
    return ids;
  }

  /** Replies to a thread; durable before anyone is told of it. */
  reply(member: Member, threadId: number, input: PostInput): number {
    const thread = this.thread(member, threadId);
    if (thread.allDeleted) throw new UserError(ALL_DELETED);
    if (thread.locked && !thread.canModerate) throw new UserError(LOCKED);
    if (!thread.canReply) throw new UserError(`Only the sysop and moderators post in ${thread.boardName}.`);
    const draft: PostDraft = {
      boardId: thread.boardId,
      threadId,
      subject: null,
      contentWarning: cleanWarning(input.contentWarning),
      body: cleanBody(input.body),
    };
    const verdict = this.gate?.beforePost(member, draft) ?? {};
    if (verdict.hold) throw new HeldForReview(this.gate!.hold(member, draft, verdict.hold));
    const postId = this.writeReply(member, thread, draft);
    if (verdict.flag) this.gate!.flagged(member, postId, draft, verdict.flag);
    return postId;
  }

  private writeReply(member: Member, thread: ThreadInfo, draft: PostDraft): number {
    const { contentWarning: warning, body } = draft;
    const threadId = thread.id;
    const now = this.now();
    const postId = this.db.transaction(() => {
      const row = this.threadRow.get(threadId)!;
      // Its last post may have been deleted since the check above.
      if (row.thread_deleted !== null) throw new UserError(ALL_DELETED);
      const previousLast = row.last_post_id;
      const id = Number(
        this.insertPost.run({ thread: threadId, board: thread.boardId, author: member.id, subject: null, warning, body, now }).lastInsertRowid,
      );
      this.threadGrew.run({ post: id, now, author: member.id, thread: threadId });
      this.boardGrew.run({ newThread: 0, post: id, now, board: thread.boardId });
      this.reads.markOwnPost(member.id, threadId, id, previousLast);
      return id;
    })();
    this.hub.emit('post:created', { boardId: thread.boardId, threadId, postId, authorId: member.id });
    return postId;
  }

  /** The author edits their post (the subject too, on a thread's first post); readers see "edited". */
  edit(member: Member, postId: number, input: PostInput): void {
    const post = this.ownPost(member, postId, 'edit');
    const subject = post.subject !== null ? cleanSubject(input.subject ?? post.subject) : null;
    const warning = cleanWarning(input.contentWarning);
    const body = cleanBody(input.body);
    const draft: PostDraft = { boardId: post.boardId, threadId: post.threadId, subject, contentWarning: warning, body };
    const before: PostDraft = { ...draft, subject: post.subject, contentWarning: post.contentWarning, body: post.body };
    const verdict = this.gate?.beforeEdit(member, draft, before) ?? {};
    this.updatePost.run({ subject, warning, body, now: this.now(), id: postId });
    this.hub.emit('post:changed', { boardId: post.boardId, threadId: post.threadId, postId });
    if (verdict.flag) this.gate!.flagged(member, postId, draft, verdict.flag);
  }

  /** The author deletes their post: its words go, "deleted by author" stays, replies keep their places. */
  remove(member: Member, postId: number): void {
    const post = this.ownPost(member, postId, 'delete');
    this.db.transaction(() => {
      this.dropSupportOf.run(postId);
      const now = this.now();
      this.blankPost.run({ now, id: postId });
      if (!this.liveInThread.get(post.threadId)) this.retireThread(post.threadId, post.boardId, now);
    })();
    this.hub.emit('post:changed', { boardId: post.boardId, threadId: post.threadId, postId });
  }

  /**
   * A leaving member's posts all go, each as its author's delete would take it (the words go,
   * the place stays, so replies keep their places), and threads left with no live post leave
   * their boards with exact counts. Runs inside the caller's transaction; the caller announces
   * the returned changes once it has committed.
   */
  removeAllBy(memberId: number): Array<{ boardId: number; threadId: number; postId: number }> {
    const now = this.now();
    const removed = this.liveByAuthor.all(memberId);
    for (const post of removed) {
      this.dropSupportOf.run(post.id);
      this.blankPost.run({ now, id: post.id });
    }
    const threads = new Map(removed.map((p) => [p.thread_id, p.board_id]));
    for (const [threadId, boardId] of threads) {
      if (!this.liveInThread.get(threadId)) this.retireThread(threadId, boardId, now);
    }
    return removed.map((p) => ({ boardId: p.board_id, threadId: p.thread_id, postId: p.id }));
  }

  /** Gives or takes back this member's support ("me too", a hug) on a post. */
  toggleSupport(member: Member, postId: number): { supported: boolean; count: number } {
    const post = this.get(member, postId);
    if (post.deleted) throw new UserError('That post was deleted by its author.');
    if (post.withheld) throw new UserError('That post was removed by a moderator.');
    if (post.authorId === member.id) throw new UserError('Support is for other members\' posts.');
    const result = this.db.transaction(() => {
      const had = this.supportRow.get(member.id, postId) !== undefined;
      if (had) this.removeSupport.run(member.id, postId);
      else this.addSupport.run(member.id, postId, this.now());
      const { support_count } = this.setSupportCount.get(had ? -1 : 1, postId)!;
      return { supported: !had, count: support_count };
    })();
    this.hub.emit('post:changed', { boardId: post.boardId, threadId: post.threadId, postId });
    return result;
  }

  /** 1-based position of a post in its thread. */
  position(threadId: number, postId: number): number {
    return this.countBefore.get(threadId, postId)!.n + 1;
  }

  /**
   * Takes a thread whose every post is deleted out of its board: out of the thread count, and
   * its posts out of the post count and out of each member's read counts, so that
   * unread = post_count - baseline_count - extra_read stays exact for the posts that remain.
   * Runs inside the caller's transaction.
   */
  private retireThread(threadId: number, boardId: number, now: number): void {
    this.unreadThreadPosts.run({ thread: threadId, board: boardId });
    const { post_count } = this.threadRow.get(threadId)!;
    this.boardShrank.run({ posts: post_count, board: boardId });
    this.markThreadDeleted.run(now, threadId);
  }

  private ownPost(member: Member, postId: number, what: 'edit' | 'delete'): Post {
    const post = this.get(member, postId);
    if (post.authorId !== member.id) throw new UserError(`You can only ${what} your own posts.`);
    if (post.deleted) throw new UserError('That post is already deleted.');
    return post;
  }
}
