import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import { cleanLine, compileWords, foldLetters, wordsOf, type CompiledPattern } from '../text/index.js';
import type { AuditLog } from './audit.js';
import { actorName, type Actor, type Staff } from './staff.js';

// Text is folded for watched words as for every list matched by hand.
export { foldForMatching } from '../text/index.js';

export type WatchAction = 'hold' | 'block' | 'flag';
export const WATCH_ACTIONS: readonly WatchAction[] = ['hold', 'block', 'flag'];

/** A watched word or phrase, site-wide (boardId null) or for one board. */
export interface WatchedWord {
  id: number;
  /** As it matches: folded to lower case without accents. */
  pattern: string;
  action: WatchAction;
  boardId: number | null;
  /** The board's name, or '' for a site-wide word. */
  boardName: string;
  createdAt: number;
  createdBy: string;
}

export const PATTERN_MAX = 60;
const WORDS_MAX = 5;
const WILDCARDS_MAX = 4;

/**
 * Checks a pattern typed by staff and gives it back as stored (folded, single spaces), or
 * refuses it with a sentence saying what to change. A pattern is one to five words of letters
 * and numbers; `*` stands for any letters within a word ("hat*" is hate, hated, hateful) and
 * `?` for exactly one.
 */
export function normalizePattern(typed: string): string {
  const line = cleanLine(typed, PATTERN_MAX * 4).trim();
  if (!line) throw new UserError('A watched word cannot be empty. Type a word or a short phrase.');
  const pattern = foldLetters(line).split(/\s+/u).join(' ');
  if ([...pattern].length > PATTERN_MAX) throw new UserError(`A watched word or phrase may have at most ${PATTERN_MAX} characters.`);
  const bad = [...pattern].find((c) => !/[\p{L}\p{N}*?'\- ]/u.test(c));
  if (bad !== undefined) {
    throw new UserError(`"${bad}" cannot be part of a watched word: use letters, numbers, ' and -, with * for any letters and ? for one.`);
  }
  const words = pattern.split(' ');
  if (words.length > WORDS_MAX) throw new UserError(`A watched phrase may have at most ${WORDS_MAX} words.`);
  if (words.some((w) => !/[\p{L}\p{N}]/u.test(w))) {
    throw new UserError('Each word of a watched word or phrase needs at least one letter or number: a word of only wildcards would match everything.');
  }
  const wildcards = [...pattern].filter((c) => c === '*' || c === '?').length;
  if (wildcards > WILDCARDS_MAX) throw new UserError(`A watched word may have at most ${WILDCARDS_MAX} wildcards (* or ?).`);
  if (/\*\*/.test(pattern)) throw new UserError('Two * in a row mean the same as one; please type one.');
  return pattern;
}

/**
 * Compiles a stored pattern: whole words only, the words of a phrase in a row whatever spaces
 * or punctuation lie between them (' and - inside a pattern word separate words too, so
 * "don't" is "don" then "t", as the text's words are cut).
 */
export function compilePattern(pattern: string): CompiledPattern {
  return compileWords(pattern.split(/[\s'-]+/u).filter(Boolean).map((w) => [...w]));
}

/** True when the (already folded) text contains the pattern as whole words. */
export function patternMatches(pattern: string, foldedText: string): boolean {
  return compilePattern(pattern).test(foldedText);
}

// What happens when several watched words match: the strongest wins.
const STRENGTH: Record<WatchAction, number> = { block: 3, hold: 2, flag: 1 };

interface WordRow {
  id: number;
  pattern: string;
  action: WatchAction;
  board_id: number | null;
  board_name: string | null;
  created_at: number;
  created_by: string;
}

function toWord(r: WordRow): WatchedWord {
  return {
    id: r.id,
    pattern: r.pattern,
    action: r.action,
    boardId: r.board_id,
    boardName: r.board_name ?? '',
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

const SELECT = 'SELECT w.*, b.name AS board_name FROM watched_words w LEFT JOIN boards b ON b.id = w.board_id';

/**
 * Watched words: words and phrases staff want to see before (hold), never (block) or after
 * (flag) they are published, site-wide or on one board. Posts and chat ask `match` of what a
 * member is about to publish; sysops keep the site-wide list and any board's, a board's
 * moderators their board's.
 */
export class WatchedWords {
  private readonly insert;
  private readonly remove_;
  private readonly byId;
  private readonly byPattern;
  private readonly all;
  private readonly forBoard;
  private readonly siteWide;
  private readonly boardName;
  /** Compiled patterns: a post is checked against every word in scope. */
  private readonly compiled = new Map<string, CompiledPattern>();

  constructor(
    private readonly db: Db,
    private readonly staff: Staff,
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare('INSERT INTO watched_words (pattern, action, board_id, created_at, created_by) VALUES (?, ?, ?, ?, ?)');
    this.remove_ = db.prepare('DELETE FROM watched_words WHERE id = ?');
    this.byId = db.prepare<[number], WordRow>(`${SELECT} WHERE w.id = ?`);
    this.byPattern = db.prepare<[string, number], WordRow>(`${SELECT} WHERE w.pattern = ? COLLATE NOCASE AND coalesce(w.board_id, 0) = ?`);
    this.all = db.prepare<[], WordRow>(`${SELECT} ORDER BY w.board_id IS NOT NULL, b.name, w.pattern`);
    this.forBoard = db.prepare<[number], WordRow>(`${SELECT} WHERE w.board_id IS NULL OR w.board_id = ? ORDER BY w.id`);
    this.siteWide = db.prepare<[], WordRow>(`${SELECT} WHERE w.board_id IS NULL ORDER BY w.id`);
    this.boardName = db.prepare<[number], { name: string }>('SELECT name FROM boards WHERE id = ?');
  }

  /** Watches a word: site-wide (boardId null, sysops only) or on one board (its moderators too). */
  add(actor: Actor, input: { pattern: string; action: WatchAction; boardId: number | null }): WatchedWord {
    this.requireScope(actor, input.boardId, 'watch words');
    if (!WATCH_ACTIONS.includes(input.action)) throw new UserError('A watched word is held, blocked or flagged: say which.');
    const board = input.boardId === null ? undefined : this.boardName.get(input.boardId);
    if (input.boardId !== null && !board) throw new UserError('That board does not exist.');
    const pattern = normalizePattern(input.pattern);
    if (this.byPattern.get(pattern, input.boardId ?? 0)) {
      throw new UserError(`"${pattern}" is already watched ${board ? `on ${board.name}` : 'site-wide'}.`);
    }
    const id = this.db.transaction(() => {
      const id = Number(this.insert.run(pattern, input.action, input.boardId, this.now(), actorName(actor)).lastInsertRowid);
      this.audit.record(actor, {
        action: 'word.add',
        targetKind: 'word',
        targetId: id,
        targetLabel: pattern,
        boardId: input.boardId,
        detail: { action: input.action, scope: board ? board.name : 'site-wide' },
      });
      return id;
    })();
    return toWord(this.byId.get(id)!);
  }

  /** Stops watching a word, by its id. */
  remove(actor: Actor, id: number): WatchedWord {
    const word = this.byId.get(id);
    if (!word) throw new UserError(`There is no watched word number ${id}.`);
    this.requireScope(actor, word.board_id, 'stop watching this word');
    this.db.transaction(() => {
      this.remove_.run(id);
      this.audit.record(actor, {
        action: 'word.remove',
        targetKind: 'word',
        targetId: id,
        targetLabel: word.pattern,
        boardId: word.board_id,
        detail: { action: word.action, scope: word.board_name ?? 'site-wide' },
      });
    })();
    return toWord(word);
  }

  /** The watched word with this pattern (as typed; folded to compare) in a scope, if any. */
  find(pattern: string, boardId: number | null): WatchedWord | undefined {
    const row = this.byPattern.get(foldLetters(pattern.trim()).split(/\s+/u).join(' '), boardId ?? 0);
    return row ? toWord(row) : undefined;
  }

  /**
   * The words this actor may manage: every one for sysops; for a moderator the site-wide
   * ones (to read: what their members are held for) and their boards'.
   */
  list(actor: Actor): WatchedWord[] {
    this.staff.requireStaff(actor, 'read the watched words');
    const words = this.all.all().map(toWord);
    if (this.staff.isSysop(actor)) return words;
    return words.filter((w) => w.boardId === null || this.staff.moderatesBoard(actor, w.boardId));
  }

  /**
   * Every watched word that `text` contains, in the scope of a board (with the site-wide ones)
   * or site-wide only (boardId null), strongest first (block, hold, flag).
   */
  matchAll(text: string, boardId: number | null): WatchedWord[] {
    const rows = boardId === null ? this.siteWide.all() : this.forBoard.all(boardId);
    if (rows.length === 0) return [];
    const words = wordsOf(foldLetters(text));
    return rows
      .filter((r) => this.compiledOf(r.pattern).matchesWords(words))
      .map(toWord)
      .sort((a, b) => STRENGTH[b.action] - STRENGTH[a.action]);
  }

  /** The strongest watched word in `text`, if any. */
  match(text: string, boardId: number | null): WatchedWord | undefined {
    return this.matchAll(text, boardId)[0];
  }

  private compiledOf(pattern: string): CompiledPattern {
    let re = this.compiled.get(pattern);
    if (!re) {
      if (this.compiled.size > 5000) this.compiled.clear();
      re = compilePattern(pattern);
      this.compiled.set(pattern, re);
    }
    return re;
  }

  private requireScope(actor: Actor, boardId: number | null, what: string): void {
    if (boardId === null) this.staff.requireSysop(actor, `${what} site-wide`);
    else this.staff.requireBoard(actor, boardId, what);
  }
}
