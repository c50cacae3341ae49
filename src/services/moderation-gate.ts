import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import type { Member } from './accounts.js';
import type { ChatLine, ChatLineGate } from './chat.js';
import type { HeldPosts } from './held-posts.js';
import type { PostDraft, PostGate } from './posts.js';
import type { Reports } from './reports.js';
import type { SlowMode } from './slow-mode.js';
import type { Staff } from './staff.js';
import type { WatchedWord, WatchedWords } from './watched-words.js';

function textOf(draft: PostDraft): string {
  return [draft.subject, draft.contentWarning, draft.body].filter(Boolean).join('\n');
}

function blocked(word: WatchedWord, what: string): UserError {
  const where = word.boardId === null ? 'here' : `on ${word.boardName}`;
  return new UserError(`${what} contains "${word.pattern}", which is not allowed ${where}. Please change it; your text is kept.`);
}

/**
 * What members publish passes here first: watched words (block, hold, flag) and slow mode,
 * for posts (through `Posts`) and chat lines (through `Chat`).
 *
 * Staff (sysops, and the moderators of the board or of the room's board) are never held,
 * flagged or slowed; a blocked word is refused to everyone, since it names something that
 * must not appear at all. In chat a word to hold is flagged instead: a line that waited
 * minutes for review would arrive in a conversation that has moved on.
 */
export class ModerationGate implements PostGate, ChatLineGate {
  private readonly boardName;
  private readonly threadSubject;
  private readonly roomName;

  constructor(
    db: Db,
    private readonly words: WatchedWords,
    private readonly slow: SlowMode,
    private readonly heldPosts: () => HeldPosts,
    private readonly reports: Reports,
    private readonly staff: Staff,
    private readonly now: () => number = Date.now,
  ) {
    this.boardName = db.prepare<[number], { name: string }>('SELECT name FROM boards WHERE id = ?');
    this.threadSubject = db.prepare<[number], { subject: string | null }>(
      'SELECT fp.subject FROM threads t JOIN posts fp ON fp.id = t.first_post_id WHERE t.id = ?',
    );
    this.roomName = db.prepare<[number], { name: string }>('SELECT name FROM chat_rooms WHERE id = ?');
  }

  beforePost(member: Member, draft: PostDraft): { hold?: string; flag?: string } {
    const found = this.words.matchAll(textOf(draft), draft.boardId);
    const block = found.find((w) => w.action === 'block');
    if (block) throw blocked(block, 'Your post');
    this.slow.checkPost(member, draft.boardId);
    if (this.staff.moderatesBoard(member, draft.boardId)) return {};
    const hold = found.find((w) => w.action === 'hold');
    if (hold) return { hold: hold.pattern };
    const flag = found.find((w) => w.action === 'flag');
    return flag ? { flag: flag.pattern } : {};
  }

  /**
   * An edit is judged only on the watched words it brings in: a word already there (in a post
   * published before the word was watched, or approved) does not stop its author correcting a
   * typo. A word to hold cannot hold an edit (the post is already public, and hiding it while
   * it waits would confuse its readers), so the edit is refused and the author keeps the text.
   */
  beforeEdit(member: Member, draft: PostDraft, before: PostDraft): { flag?: string } {
    const had = new Set(this.words.matchAll(textOf(before), draft.boardId).map((w) => w.id));
    const added = this.words.matchAll(textOf(draft), draft.boardId).filter((w) => !had.has(w.id));
    const block = added.find((w) => w.action === 'block');
    if (block) throw blocked(block, 'Your edit');
    if (this.staff.moderatesBoard(member, draft.boardId)) return {};
    const hold = added.find((w) => w.action === 'hold');
    if (hold) {
      throw new UserError(
        `Your edit adds "${hold.pattern}", a word moderators read before it is published. An edit cannot wait for review; please change it (your text is kept), or write a new reply.`,
      );
    }
    const flag = added.find((w) => w.action === 'flag');
    return flag ? { flag: flag.pattern } : {};
  }

  hold(member: Member, draft: PostDraft, pattern: string): number {
    return this.heldPosts().hold(member, draft, pattern);
  }

  /** Files a report on the post, as the BBS itself (no reporting member). */
  flagged(member: Member, postId: number, draft: PostDraft, pattern: string): void {
    const subject = draft.subject ?? (draft.threadId === null ? '' : this.threadSubject.get(draft.threadId)?.subject ?? '');
    this.reports.file({
      kind: 'post',
      targetId: postId,
      reporterId: null,
      authorId: member.id,
      authorName: member.name,
      place: this.boardName.get(draft.boardId)?.name ?? '',
      title: subject,
      text: draft.body,
      writtenAt: this.now(),
      boardId: draft.boardId,
      reason: `Watched word: ${pattern}`,
    });
  }

  beforeLine(member: Member, roomId: number, text: string, kind: ChatLine['kind']): { flag?: string } {
    const boardId = this.staff.boardOfRoom(roomId);
    const found = this.words.matchAll(text, boardId);
    const block = found.find((w) => w.action === 'block');
    if (block) {
      const where = block.boardId === null ? 'here' : `in ${block.boardName}'s rooms`;
      throw new UserError(`That line contains "${block.pattern}", which is not allowed ${where}. Please change it.`);
    }
    // A whisper reaches one member, not the room: slow mode is about the room's pace.
    if (kind !== 'whisper') this.slow.checkLine(member, roomId);
    if (this.staff.moderatesRoom(member, roomId)) return {};
    const flag = found.find((w) => w.action === 'hold' || w.action === 'flag');
    return flag ? { flag: flag.pattern } : {};
  }

  afterLine(member: Member, line: ChatLine, flag: string | undefined): void {
    if (line.kind !== 'whisper') this.slow.spoke(member.id, line.roomId);
    if (!flag) return;
    this.reports.file({
      kind: 'chat',
      targetId: line.id,
      reporterId: null,
      authorId: member.id,
      authorName: member.name,
      place: this.roomName.get(line.roomId)?.name ?? '',
      text: line.kind === 'whisper' ? `(whisper to ${line.toName}) ${line.text}` : line.text,
      writtenAt: line.createdAt,
      roomId: line.roomId,
      reason: `Watched word: ${flag}`,
    });
  }
}
