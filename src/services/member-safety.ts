import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import { cleanLine, foldForMatching, phraseMatcher, type PhraseMatcher } from '../text/index.js';

export const MUTED_WORD_MAX = 60;
export const MUTED_WORDS_MAX = 100;

/** The lengths of break a member can choose, in days. */
export const BREAK_PERIODS = [
  { key: '1', label: '1 day', days: 1 },
  { key: '3', label: '3 days', days: 3 },
  { key: 'w', label: '1 week', days: 7 },
  { key: '2', label: '2 weeks', days: 14 },
  { key: 'm', label: '1 month', days: 30 },
] as const;

const DAY = 24 * 60 * 60 * 1000;

/** A break the member is on: from when, until when. */
export interface MemberBreak {
  startedAt: number;
  endsAt: number;
}

/**
 * What a member chose to protect themselves: words whose posts fold, boards left out of New
 * posts, and a break from the BBS. Each member's own choices, seen by nobody else.
 */
export class MemberSafety {
  private readonly wordsOf;
  private readonly insertWord;
  private readonly deleteWord;
  private readonly countWords;
  private readonly boardsOf;
  private readonly insertBoard;
  private readonly deleteBoard;
  private readonly breakOf;
  private readonly upsertBreak;
  private readonly deleteBreak;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.wordsOf = db.prepare<[number], { word: string }>('SELECT word FROM muted_words WHERE member_id = ? ORDER BY word');
    this.insertWord = db.prepare('INSERT OR IGNORE INTO muted_words (member_id, word, created_at) VALUES (?, ?, ?)');
    this.deleteWord = db.prepare('DELETE FROM muted_words WHERE member_id = ? AND word = ?');
    this.countWords = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM muted_words WHERE member_id = ?');
    this.boardsOf = db.prepare<[number], { board_id: number }>('SELECT board_id FROM muted_boards WHERE member_id = ?');
    this.insertBoard = db.prepare('INSERT OR IGNORE INTO muted_boards (member_id, board_id, created_at) VALUES (?, ?, ?)');
    this.deleteBoard = db.prepare('DELETE FROM muted_boards WHERE member_id = ? AND board_id = ?');
    this.breakOf = db.prepare<[number], { started_at: number; ends_at: number }>('SELECT started_at, ends_at FROM member_breaks WHERE member_id = ?');
    this.upsertBreak = db.prepare(
      `INSERT INTO member_breaks (member_id, started_at, ends_at) VALUES (?, ?, ?)
       ON CONFLICT (member_id) DO UPDATE SET started_at = excluded.started_at, ends_at = excluded.ends_at`,
    );
    this.deleteBreak = db.prepare('DELETE FROM member_breaks WHERE member_id = ?');
  }

  /** The member's muted words, in order. */
  mutedWords(memberId: number): string[] {
    return this.wordsOf.all(memberId).map((r) => r.word);
  }

  /** Mutes a word or phrase (whole words, any case or accents; "grief*" for any ending); returns it as kept. */
  muteWord(memberId: number, word: string): string {
    const clean = cleanLine(word, MUTED_WORD_MAX).trim();
    if (!foldForMatching(clean.replace(/\*$/, ''))) throw new UserError('Please type a word (letters or digits) to mute.');
    if (clean.startsWith('!')) throw new UserError('A muted word cannot start with "!".');
    const known = this.mutedWords(memberId);
    if (known.some((w) => foldForMatching(w) === foldForMatching(clean) && w.endsWith('*') === clean.endsWith('*'))) {
      throw new UserError(`"${clean}" is already muted.`);
    }
    if (this.countWords.get(memberId)!.n >= MUTED_WORDS_MAX) throw new UserError(`You can mute up to ${MUTED_WORDS_MAX} words. Unmute one first.`);
    this.insertWord.run(memberId, clean, this.now());
    return clean;
  }

  /** Unmutes a word. */
  unmuteWord(memberId: number, word: string): void {
    this.deleteWord.run(memberId, word);
  }

  /** A matcher for the member's muted words, for folding what they read. */
  mutedWordMatcher(memberId: number): PhraseMatcher {
    return phraseMatcher(this.mutedWords(memberId));
  }

  /** The boards the member left out of New posts. */
  mutedBoardIds(memberId: number): Set<number> {
    return new Set(this.boardsOf.all(memberId).map((r) => r.board_id));
  }

  /** Leaves a board out of New posts, or brings it back. */
  setBoardMuted(memberId: number, boardId: number, muted: boolean): void {
    if (muted) this.insertBoard.run(memberId, boardId, this.now());
    else this.deleteBoard.run(memberId, boardId);
  }

  /** The break the member is on now, if any. */
  currentBreak(memberId: number): MemberBreak | undefined {
    const row = this.breakOf.get(memberId);
    if (!row || row.ends_at <= this.now()) return undefined;
    return { startedAt: row.started_at, endsAt: row.ends_at };
  }

  /** Starts a break of `days` days from now (one of BREAK_PERIODS). */
  startBreak(memberId: number, days: number): MemberBreak {
    if (!BREAK_PERIODS.some((p) => p.days === days)) throw new UserError('A break lasts 1 day, 3 days, 1 week, 2 weeks or 1 month.');
    const startedAt = this.now();
    const endsAt = startedAt + days * DAY;
    this.upsertBreak.run(memberId, startedAt, endsAt);
    return { startedAt, endsAt };
  }

  /** Ends the member's break now. */
  endBreak(memberId: number): void {
    this.deleteBreak.run(memberId);
  }
}
