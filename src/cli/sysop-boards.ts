import { UserError } from '../errors.js';
import type { Accounts, Member } from '../services/accounts.js';
import type { Boards } from '../services/boards.js';
import { withServices } from './data-dir.js';
import type { Output } from './output.js';
import { countOf } from '../text/index.js';

// Whoever runs commands on the server's console holds the sysop's rights; the services still
// check the role, so the console goes through the same door as a sysop at a opts.out.
export const CONSOLE: Member = { id: 0, name: 'console', role: 'sysop', createdAt: 0, lastLoginAt: null, timeZone: 'UTC', monochrome: false };

function withBoards(opts: { dataDir: string; out: Output }, work: (boards: Boards, accounts: Accounts) => void): number {
  return withServices(opts, ({ boards, accounts }) => {
    work(boards, accounts);
    return 0;
  });
}

/** The board a sysop names by its slug, or a refusal that says where to find them. */
export function boardBySlug(boards: Boards, slug: string) {
  const board = boards.list(CONSOLE).find((b) => b.slug === slug.toLowerCase());
  if (!board) throw new UserError(`There is no board "${slug}". \`haven sysop board list\` shows them.`);
  return board;
}

function memberByName(accounts: Accounts, name: string): Member {
  const member = accounts.findByName(name);
  if (!member) throw new UserError(`There is no member called "${name}".`);
  return member;
}

/** `haven sysop board list`: every board with its flags, counts, moderators and admitted members. */
export function boardListCommand(opts: { dataDir: string; out: Output }): number {
  return withBoards(opts, (boards) => {
    for (const b of boards.list(CONSOLE)) {
      const flags = [b.readOnly ? 'read-only' : '', b.membersOnly ? 'members-only' : ''].filter(Boolean).join(', ');
      const people = boards.people(b.id);
      opts.out.out(`${b.slug.padEnd(22)}${b.name}${flags ? ` [${flags}]` : ''}: ${countOf(b.threadCount, 'thread')}, ${countOf(b.postCount, 'post')}\n`);
      if (people.moderators.length) opts.out.out(`${''.padEnd(22)}moderators: ${people.moderators.join(', ')}\n`);
      if (b.membersOnly) opts.out.out(`${''.padEnd(22)}admitted: ${people.admitted.join(', ') || 'nobody yet'}\n`);
    }
  });
}

/** `haven sysop board set <slug>`: read-only and members-only on or off. */
export function boardSetCommand(opts: { dataDir: string; out: Output; slug: string; readOnly?: boolean; membersOnly?: boolean }): number {
  return withBoards(opts, (boards) => {
    const b = boardBySlug(boards, opts.slug);
    const flags = { readOnly: opts.readOnly ?? b.readOnly, membersOnly: opts.membersOnly ?? b.membersOnly };
    boards.setBoardFlags(CONSOLE, b.id, flags);
    opts.out.out(`${b.name}: ${flags.readOnly ? 'read-only' : 'open for posts'}, ${flags.membersOnly ? 'members only' : 'seen by everyone'}.\n`);
  });
}

/** `haven sysop board moderator|admit <slug> <name> [--remove]`. */
export function boardPersonCommand(opts: { dataDir: string; out: Output; slug: string; name: string; as: 'moderator' | 'member'; remove: boolean }): number {
  return withBoards(opts, (boards, accounts) => {
    const b = boardBySlug(boards, opts.slug);
    const m = memberByName(accounts, opts.name);
    if (opts.as === 'moderator') boards.setModerator(CONSOLE, b.id, m.id, !opts.remove);
    else boards.setBoardMember(CONSOLE, b.id, m.id, !opts.remove);
    const what = opts.as === 'moderator' ? 'a moderator of' : 'admitted to';
    opts.out.out(`${m.name} is ${opts.remove ? 'no longer ' : ''}${what} ${b.name}.\n`);
  });
}
