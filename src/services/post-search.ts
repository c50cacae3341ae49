import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import { cleanLine } from '../text/index.js';
import type { Member } from './accounts.js';
import type { Boards } from './boards.js';
import { REMOVED_SUBJECT } from './posts.js';

export interface SearchHit {
  postId: number;
  threadId: number;
  boardId: number;
  boardName: string;
  /** The subject of the thread the post belongs to. */
  subject: string;
  authorId: number;
  authorName: string;
  createdAt: number;
  contentWarning: string | null;
  /** Words around the match; `hit` parts matched the query. Empty for a post behind a warning. */
  snippet: Array<{ text: string; hit: boolean }>;
}

export const SEARCH_LIMIT = 50;
const MAX_TERMS = 12;
// Private-use characters mark the matched words inside FTS5's snippet; they are split out
// here, so the screen never has to trust markup coming from post text.
const HIT_OPEN = '\ue000';
const HIT_CLOSE = '\ue001';

interface HitRow {
  id: number;
  thread_id: number;
  board_id: number;
  board_name: string;
  subject: string | null;
  author_id: number;
  author_name: string;
  created_at: number;
  content_warning: string | null;
  snippet: string | null;
  subject_withheld: number;
}

// Scripts written without spaces: unicode61 makes a whole run of them one token, so a word
// typed from such a text can only be found as the start of a run.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * Turns what a member typed into an FTS5 query: every word must appear (in any form the
 * stemmer relates to it). Each is quoted, so FTS5 syntax typed by a member (AND, NEAR,
 * column:, quotes, parentheses) is searched for as text rather than interpreted.
 */
export function ftsQuery(text: string): string | undefined {
  const words = cleanLine(text, 200)
    .split(/\s+/)
    .map((w) => w.replace(/"/g, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, MAX_TERMS);
  return words.length ? words.map((w) => (UNSPACED.test(w) ? `"${w}"*` : `"${w}"`)).join(' ') : undefined;
}

function snippetParts(s: string): Array<{ text: string; hit: boolean }> {
  const parts: Array<{ text: string; hit: boolean }> = [];
  for (const piece of s.split(HIT_OPEN)) {
    const close = piece.indexOf(HIT_CLOSE);
    if (close < 0) {
      if (piece) parts.push({ text: piece, hit: false });
      continue;
    }
    parts.push({ text: piece.slice(0, close), hit: true });
    const rest = piece.slice(close + 1).replaceAll(HIT_CLOSE, '');
    if (rest) parts.push({ text: rest, hit: false });
  }
  return parts.map((p) => ({ ...p, text: p.text.replace(/\s+/g, ' ') }));
}

/** Full-text search over post subjects and bodies, newest first, in boards the member can see. */
export class PostSearch {
  private readonly query;

  constructor(
    db: Db,
    private readonly boards: Boards,
  ) {
    // Newest first (rowid DESC) rather than by rank: FTS5 walks its doclists backwards and stops
    // at the limit, where ranking would score every match of a common word first.
    // A hidden post is found only by its author and the board's staff.
    this.query = db.prepare<{ q: string; boards: string; moderated: string; member: number; limit: number }, HitRow>(
      `SELECT p.id, p.thread_id, p.board_id, b.name AS board_name, fp.subject, p.author_id, m.name AS author_name,
         p.created_at, p.content_warning,
         (fp.hidden_at IS NOT NULL AND fp.author_id != @member AND p.board_id NOT IN (SELECT value FROM json_each(@moderated))) AS subject_withheld,
         snippet(posts_fts, -1, '${HIT_OPEN}', '${HIT_CLOSE}', '…', 12) AS snippet
       FROM posts_fts
       JOIN posts p ON p.id = posts_fts.rowid
       JOIN threads t ON t.id = p.thread_id
       JOIN posts fp ON fp.id = t.first_post_id
       JOIN members m ON m.id = p.author_id
       JOIN boards b ON b.id = p.board_id
       WHERE posts_fts MATCH @q AND p.board_id IN (SELECT value FROM json_each(@boards))
         AND (p.hidden_at IS NULL OR p.author_id = @member OR p.board_id IN (SELECT value FROM json_each(@moderated)))
       ORDER BY posts_fts.rowid DESC
       LIMIT @limit`,
    );
  }

  /** Posts matching every word of `text`, in one board or (without boardId) all the member can see. */
  search(member: Member, text: string, opts: { boardId?: number; limit?: number } = {}): SearchHit[] {
    const q = ftsQuery(text);
    if (!q) throw new UserError('Type a word or two to search for.');
    const boards = opts.boardId !== undefined ? [this.boards.get(member, opts.boardId)] : this.boards.list(member);
    const limit = Math.max(1, Math.min(SEARCH_LIMIT, opts.limit ?? SEARCH_LIMIT));
    const args = {
      q,
      boards: JSON.stringify(boards.map((b) => b.id)),
      moderated: JSON.stringify(boards.filter((b) => b.canModerate).map((b) => b.id)),
      member: member.id,
      limit,
    };
    return this.query.all(args).map((r) => ({
      postId: r.id,
      threadId: r.thread_id,
      boardId: r.board_id,
      boardName: r.board_name,
      subject: r.subject_withheld ? REMOVED_SUBJECT : (r.subject ?? ''),
      authorId: r.author_id,
      authorName: r.author_name,
      createdAt: r.created_at,
      contentWarning: r.content_warning,
      // A warned post's words stay folded here too.
      snippet: r.content_warning ? [] : snippetParts(r.snippet ?? ''),
    }));
  }
}
