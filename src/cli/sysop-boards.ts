import { UserError } from '../errors.js';
import type { Accounts, Member } from '../services/accounts.js';
import type { BoardAdminView, BoardPlace, Boards } from '../services/boards.js';
import { countOf } from '../text/index.js';
import { withServices } from './data-dir.js';
import { isoTime, printJson, printTable, tableTime, type Output } from './output.js';

// Whoever runs commands on the server's console holds the sysop's rights; the services still
// check the role, so the console goes through the same door as a sysop at the BBS.
export const CONSOLE: Member = { id: 0, name: 'console', role: 'sysop', createdAt: 0, lastLoginAt: null, timeZone: 'UTC', monochrome: false };

type Target = { dataDir: string; out: Output };

function withBoards(opts: Target, work: (boards: Boards, accounts: Accounts) => void): number {
  return withServices(opts, ({ boards, accounts }) => {
    work(boards, accounts);
    return 0;
  });
}

/** The board a sysop names by its slug (archived ones too), or a refusal that says where to find them. */
export function boardBySlug(boards: Boards, slug: string): BoardAdminView {
  const board = boards.adminList('console', { all: true }).find((b) => b.slug === slug.trim().toLowerCase());
  if (!board) throw new UserError(`There is no board "${slug}". \`haven sysop board list --all\` shows them.`);
  return board;
}

function memberByName(accounts: Accounts, name: string): Member {
  const member = accounts.findByName(name);
  if (!member) throw new UserError(`There is no member called "${name}". \`haven sysop user list\` shows them.`);
  return member;
}

const flagsOf = (b: BoardAdminView) =>
  [b.readOnly ? 'read-only' : '', b.membersOnly ? 'members-only' : '', b.archivedAt !== null ? 'archived' : ''].filter(Boolean).join(', ');

/** A board for --json: every setting, the same shape from list and from each change. */
export function boardJson(b: BoardAdminView) {
  return {
    slug: b.slug,
    name: b.name,
    description: b.description,
    position: b.position,
    readOnly: b.readOnly,
    membersOnly: b.membersOnly,
    archived: b.archivedAt !== null,
    archivedAt: isoTime(b.archivedAt),
    threads: b.threadCount,
    posts: b.postCount,
    moderators: b.moderators,
    admitted: b.admitted,
    rooms: b.rooms,
  };
}

/** `haven sysop board list [--all] [--json]`: the boards in members' order with every setting. */
export function boardListCommand(opts: Target & { all?: boolean; json?: boolean }): number {
  return withBoards(opts, (boards) => {
    const list = boards.adminList('console', { all: opts.all });
    if (opts.json) return printJson(opts.out, list.map(boardJson));
    printTable(
      opts.out,
      ['#', 'SLUG', 'NAME', 'FLAGS', 'POSTS', 'MODERATORS', 'ROOMS', 'DESCRIPTION'],
      list.map((b) => [
        String(b.position),
        b.slug,
        b.name,
        flagsOf(b) || '-',
        String(b.postCount),
        b.moderators.join(', ') || '-',
        b.rooms.join(', ') || '-',
        b.description,
      ]),
    );
    for (const b of list) {
      if (b.membersOnly) opts.out.out(`${b.slug} admits: ${b.admitted.join(', ') || 'nobody yet'}\n`);
      if (b.archivedAt !== null) opts.out.out(`${b.slug} was archived ${tableTime(b.archivedAt)} UTC.\n`);
    }
    opts.out.out(`${countOf(list.length, 'board')}${opts.all ? '' : ' (archived ones are left out; --all shows them)'}\n`);
  });
}

function describe(b: BoardAdminView): string {
  const flags = flagsOf(b);
  return `${b.name} (${b.slug}), position ${b.position}${flags ? `, ${flags}` : ''}${b.rooms.length ? `, rooms: ${b.rooms.join(', ')}` : ''}`;
}

function report(opts: Target & { json?: boolean }, b: BoardAdminView, said: string): void {
  if (opts.json) printJson(opts.out, boardJson(b));
  else opts.out.out(`${said}\n${describe(b)}.\n`);
}

/** `haven sysop board add SLUG --name … [--description …] [--read-only] [--members-only]`: a new board, last in the list. */
export function boardAddCommand(opts: Target & { slug: string; name: string; description?: string; readOnly?: boolean; membersOnly?: boolean; json?: boolean }): number {
  return withBoards(opts, (boards) => {
    const b = boards.addBoard('console', opts);
    report(opts, b, `Added the board ${b.slug}.`);
  });
}

/** `haven sysop board edit SLUG [--name] [--description] [--slug NEW] [--read-only B] [--members-only B] [--room NAME]`. */
export function boardEditCommand(opts: Target & {
  slug: string;
  name?: string;
  description?: string;
  newSlug?: string;
  readOnly?: boolean;
  membersOnly?: boolean;
  room?: string;
  json?: boolean;
}): number {
  return withBoards(opts, (boards) => {
    const b = boardBySlug(boards, opts.slug);
    const edited = boards.editBoard('console', b.id, {
      slug: opts.newSlug,
      name: opts.name,
      description: opts.description,
      readOnly: opts.readOnly,
      membersOnly: opts.membersOnly,
      room: opts.room,
    });
    report(opts, edited, `Changed the board ${b.slug}.`);
  });
}

/** `haven sysop board move SLUG --to N | --before SLUG | --after SLUG`. */
export function boardMoveCommand(opts: Target & { slug: string; to?: number; before?: string; after?: string; json?: boolean }): number {
  return withBoards(opts, (boards) => {
    const given = [opts.to, opts.before, opts.after].filter((x) => x !== undefined).length;
    if (given !== 1) throw new UserError('Say where, once: --to POSITION, --before SLUG or --after SLUG.');
    const b = boardBySlug(boards, opts.slug);
    const place: BoardPlace =
      opts.to !== undefined ? { position: opts.to } : opts.before !== undefined ? { before: boardBySlug(boards, opts.before).id } : { after: boardBySlug(boards, opts.after!).id };
    const moved = boards.moveBoard('console', b.id, place);
    report(opts, moved, `Moved the board ${b.slug}.`);
  });
}

/** `haven sysop board archive|unarchive SLUG`. */
export function boardArchiveCommand(opts: Target & { slug: string; archived: boolean; json?: boolean }): number {
  return withBoards(opts, (boards) => {
    const b = boards.setArchivedBoard('console', boardBySlug(boards, opts.slug).id, opts.archived);
    report(
      opts,
      b,
      opts.archived
        ? `Archived ${b.slug}: members no longer see it in their lists, newscan or search. Its posts are kept; \`board unarchive ${b.slug}\` brings it back.`
        : `${b.slug} is back in members' lists.`,
    );
  });
}

/** `haven sysop board set <slug>`: read-only and members-only on or off. */
export function boardSetCommand(opts: Target & { slug: string; readOnly?: boolean; membersOnly?: boolean }): number {
  return withBoards(opts, (boards) => {
    const b = boardBySlug(boards, opts.slug);
    const flags = { readOnly: opts.readOnly ?? b.readOnly, membersOnly: opts.membersOnly ?? b.membersOnly };
    boards.setBoardFlags('console', b.id, flags);
    opts.out.out(`${b.name}: ${flags.readOnly ? 'read-only' : 'open for posts'}, ${flags.membersOnly ? 'members only' : 'seen by everyone'}.\n`);
  });
}

/** `haven sysop board moderator|admit <slug> <name> [--remove]`. */
export function boardPersonCommand(opts: Target & { slug: string; name: string; as: 'moderator' | 'member'; remove: boolean }): number {
  return withBoards(opts, (boards, accounts) => {
    const b = boardBySlug(boards, opts.slug);
    const m = memberByName(accounts, opts.name);
    if (opts.as === 'moderator') boards.setModerator('console', b.id, m.id, !opts.remove);
    else boards.setBoardMember('console', b.id, m.id, !opts.remove);
    const what = opts.as === 'moderator' ? 'a moderator of' : 'admitted to';
    opts.out.out(`${m.name} is ${opts.remove ? 'no longer ' : ''}${what} ${b.name}.\n`);
  });
}
