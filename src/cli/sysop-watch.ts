import { UserError } from '../errors.js';
import type { Member } from '../services/accounts.js';
import type { Services } from '../services/index.js';
import { WATCH_ACTIONS, type WatchAction, type WatchedWord } from '../services/watched-words.js';
import { formatDateTime } from '../text/index.js';
import { withServices } from './data-dir.js';
import type { Output } from './output.js';

// The sysop's watched words and slow mode, from the console: each is one call to the service a
// staff screen would make, recorded in the audit log as the console's; a running server sees
// the change at once (watched words and slow mode are read from the database on every post).

// Boards are listed as the sysop sees them: every one.
const EVERY_BOARD: Member = { id: 0, name: 'console', role: 'sysop', createdAt: 0, lastLoginAt: null, timeZone: 'UTC', monochrome: false };

function boardBySlug(services: Services, slug: string): { id: number; name: string } {
  const board = services.boards.list(EVERY_BOARD).find((b) => b.slug === slug.trim().toLowerCase());
  if (!board) throw new UserError(`There is no board "${slug}". \`haven sysop board list\` shows them.`);
  return board;
}

function scopeOf(w: WatchedWord): string {
  return w.boardId === null ? 'site-wide' : w.boardName;
}

/** `haven sysop watch add PATTERN --action hold|block|flag [--board SLUG]`. */
export function watchAddCommand(opts: { dataDir: string; out: Output; pattern: string; action: string; board?: string }): number {
  return withServices(opts, (services) => {
    const action = opts.action.trim().toLowerCase() as WatchAction;
    if (!WATCH_ACTIONS.includes(action)) throw new UserError(`--action is hold, block or flag, not "${opts.action}". Nothing was changed.`);
    const boardId = opts.board === undefined ? null : boardBySlug(services, opts.board).id;
    const word = services.watchedWords.add('console', { pattern: opts.pattern, action, boardId });
    opts.out.out(`Watching "${word.pattern}" (${word.action}) ${word.boardId === null ? 'site-wide' : `on ${word.boardName}`}: number ${word.id}.\n`);
    return 0;
  });
}

/** `haven sysop watch list [--json]`: every watched word, site-wide ones first. */
export function watchListCommand(opts: { dataDir: string; out: Output; json?: boolean }): number {
  return withServices(opts, (services) => {
    const words = services.watchedWords.list('console');
    if (opts.json) {
      const rows = words.map((w) => ({
        id: w.id,
        pattern: w.pattern,
        action: w.action,
        board: w.boardId === null ? null : w.boardName,
        createdAt: new Date(w.createdAt).toISOString(),
        createdBy: w.createdBy,
      }));
      opts.out.out(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    if (words.length === 0) {
      opts.out.out('No watched words yet. Add one with: haven sysop watch add WORD --action hold|block|flag\n');
      return 0;
    }
    opts.out.out(`${'ID'.padEnd(6)}${'ACTION'.padEnd(8)}${'WHERE'.padEnd(24)}${'PATTERN'.padEnd(30)}ADDED\n`);
    for (const w of words) {
      const added = `${formatDateTime(w.createdAt, 'UTC')} by ${w.createdBy}`;
      opts.out.out(`${String(w.id).padEnd(6)}${w.action.padEnd(8)}${scopeOf(w).slice(0, 23).padEnd(24)}${w.pattern.padEnd(30)}${added}\n`);
    }
    return 0;
  });
}

/** `haven sysop watch remove ID|PATTERN [--board SLUG]`: a pattern is looked for site-wide, or on --board. */
export function watchRemoveCommand(opts: { dataDir: string; out: Output; word: string; board?: string }): number {
  return withServices(opts, (services) => {
    const boardId = opts.board === undefined ? null : boardBySlug(services, opts.board).id;
    const typed = opts.word.trim();
    let id: number;
    if (/^\d+$/.test(typed)) {
      id = Number(typed);
    } else {
      const found = services.watchedWords.find(typed, boardId);
      const where = boardId === null ? 'site-wide' : `on ${opts.board}`;
      if (!found) throw new UserError(`"${typed}" is not watched ${where}. \`haven sysop watch list\` shows the watched words. Nothing was changed.`);
      id = found.id;
    }
    const word = services.watchedWords.remove('console', id);
    opts.out.out(`No longer watching "${word.pattern}" ${word.boardId === null ? 'site-wide' : `on ${word.boardName}`}.\n`);
    return 0;
  });
}

/** `haven sysop board slow SLUG --minutes N`: one post per N minutes per member (0: off). */
export function boardSlowCommand(opts: { dataDir: string; out: Output; slug: string; minutes: number }): number {
  return withServices(opts, (services) => {
    const board = boardBySlug(services, opts.slug);
    services.slowMode.setBoard('console', board.id, opts.minutes);
    opts.out.out(opts.minutes === 0 ? `Slow mode is off on ${board.name}.\n` : `${board.name}: one post per ${opts.minutes} min per member (staff exempt).\n`);
    return 0;
  });
}

/** `haven sysop room slow NAME --seconds N`: one line per N seconds per member (0: off). */
export function roomSlowCommand(opts: { dataDir: string; out: Output; name: string; seconds: number }): number {
  return withServices(opts, (services) => {
    const room = services.chatRooms.findByName(opts.name);
    if (!room) throw new UserError(`There is no open room called "${opts.name}". See: haven sysop room list`);
    services.slowMode.setRoom('console', room.id, opts.seconds);
    opts.out.out(opts.seconds === 0 ? `Slow mode is off in ${room.name}.\n` : `${room.name}: one line per ${opts.seconds} s per member (staff exempt).\n`);
    return 0;
  });
}
