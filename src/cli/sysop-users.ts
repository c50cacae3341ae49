import { isUserError, UserError } from '../errors.js';
import type { Accounts, Member, Role } from '../services/accounts.js';
import type { StaffRole } from '../services/member-admin.js';
import type { Services } from '../services/index.js';
import { countOf } from '../text/index.js';
import { openExistingServices, withServices } from './data-dir.js';
import { isoTime, printJson, printTable, tableTime, type Output } from './output.js';

type Target = { dataDir: string; out: Output };

/** `haven sysop user add`: creates a member on the data dir, also while the server runs. */
export async function userAddCommand(opts: Target & { name: string; password: string; role: Role }): Promise<number> {
  let close: (() => void) | undefined;
  try {
    const opened = openExistingServices(opts.dataDir);
    close = opened.close;
    const { accounts } = opened.services;
    // Nobody accepted anything at the console: the member does so at their first log-in.
    const member = await accounts.register({ name: opts.name, password: opts.password, role: opts.role, acceptedGuidelines: 'at-first-log-in' });
    opts.out.out(`Created ${member.role} ${member.name}. They accept the guidelines when they first log in.\n`);
    return 0;
  } catch (err) {
    opts.out.err(`${isUserError(err) ? err.message : String(err)}\n`);
    return 1;
  } finally {
    close?.();
  }
}

function memberNamed(accounts: Accounts, name: string): Member {
  const member = accounts.findByName(name.trim());
  if (!member) throw new UserError(`There is no member called "${name}". \`haven sysop user list\` shows them.`);
  return member;
}

const day = (t: number | null) => (t ? new Date(t).toISOString().slice(0, 10) : 'never');

/** `haven sysop user list [--online] [--json]`: every member, or the sessions online now. */
export function userListCommand(opts: Target & { online?: boolean; json?: boolean }): number {
  return withServices(opts, ({ accounts, stats }) => {
    if (opts.online) {
      const sessions = stats.onlineNow();
      if (opts.json) {
        printJson(opts.out, sessions.map((s) => ({ name: s.name, place: s.place, since: isoTime(s.since), invisible: s.invisible })));
        return 0;
      }
      if (sessions.length === 0) {
        opts.out.out('No one is online (or the server is not running).\n');
        return 0;
      }
      printTable(
        opts.out,
        ['NAME', 'WHERE', 'SINCE (UTC)', ''],
        sessions.map((s) => [s.name, s.place, tableTime(s.since), s.invisible ? 'invisible' : '']),
      );
      opts.out.out(`${countOf(new Set(sessions.map((s) => s.memberId)).size, 'member')} online\n`);
      return 0;
    }
    const members = accounts.list();
    if (opts.json) {
      printJson(opts.out, members.map((m) => ({ name: m.name, role: m.role, joined: isoTime(m.createdAt), lastLogIn: isoTime(m.lastLoginAt) })));
      return 0;
    }
    printTable(opts.out, ['NAME', 'ROLE', 'JOINED', 'LAST LOG-IN'], members.map((m) => [m.name, m.role, day(m.createdAt), day(m.lastLoginAt)]));
    opts.out.out(`${countOf(members.length, 'member')}\n`);
    return 0;
  });
}

/** `haven sysop user show NAME [--json]`: one member's account, roles, posts and sanctions; never mail or passwords. */
export function userShowCommand(opts: Target & { name: string; json?: boolean }): number {
  return withServices(opts, ({ accounts, memberAdmin }) => {
    const p = memberAdmin.profile('console', memberNamed(accounts, opts.name).id);
    if (opts.json) {
      printJson(opts.out, {
        name: p.name,
        role: p.role,
        joined: isoTime(p.createdAt),
        lastLogIn: isoTime(p.lastLoginAt),
        moderates: p.moderates,
        keys: p.keyCount,
        posts: p.postCount,
        mustChangePassword: p.mustChangePassword,
        reportsAbout: p.reportsAbout,
        sanctions: p.sanctions.map((s) => ({
          kind: s.kind, reason: s.reason, at: isoTime(s.createdAt), until: isoTime(s.endsAt), by: s.byName, lifted: isoTime(s.liftedAt),
        })),
      });
      return 0;
    }
    const lines: Array<[string, string]> = [
      ['Name', p.name],
      ['Role', p.role],
      ['Moderates', p.moderates.join(', ') || 'no board'],
      ['Joined', `${tableTime(p.createdAt)} UTC`],
      ['Last log-in', p.lastLoginAt ? `${tableTime(p.lastLoginAt)} UTC` : 'never'],
      ['Saved keys', String(p.keyCount)],
      ['Posts', String(p.postCount)],
      ['Reports about', String(p.reportsAbout)],
    ];
    if (p.mustChangePassword) lines.push(['Password', 'reset: a new one is chosen at the next log-in']);
    for (const [k, v] of lines) opts.out.out(`${`${k}:`.padEnd(15)}${v}\n`);
    if (p.sanctions.length === 0) {
      opts.out.out('Sanctions:     none\n');
      return 0;
    }
    opts.out.out('Sanctions:\n');
    printTable(
      opts.out,
      ['  WHEN (UTC)', 'KIND', 'UNTIL', 'BY', 'LIFTED', 'REASON'],
      p.sanctions.map((s) => [`  ${tableTime(s.createdAt)}`, s.kind, tableTime(s.endsAt, '-'), s.byName, tableTime(s.liftedAt, '-'), s.reason]),
    );
    return 0;
  });
}

function boardId(services: Services, slug: string): number {
  const board = services.boards.adminList('console', { all: true }).find((b) => b.slug === slug.trim().toLowerCase());
  if (!board) throw new UserError(`There is no board "${slug}". \`haven sysop board list --all\` shows them.`);
  return board.id;
}

/** `haven sysop user role NAME sysop|moderator|member [--board SLUG]`. */
export function userRoleCommand(opts: Target & { name: string; role: StaffRole; board?: string }): number {
  return withServices(opts, (services) => {
    if (opts.role === 'moderator' && !opts.board) throw new UserError('Say which board they moderate: --board SLUG.');
    if (opts.role !== 'moderator' && opts.board) throw new UserError('--board goes with the moderator role only.');
    const m = memberNamed(services.accounts, opts.name);
    const board = opts.board ? boardId(services, opts.board) : undefined;
    const after = services.memberAdmin.setRole('console', m.id, opts.role, board);
    const said =
      opts.role === 'sysop'
        ? `${after.name} is a sysop now.`
        : opts.role === 'moderator'
          ? `${after.name} moderates ${opts.board!.trim().toLowerCase()} now${m.role === 'sysop' ? ' and is no longer a sysop' : ''}.`
          : `${after.name} is a member with no staff role now.`;
    opts.out.out(`${said}\n`);
    return 0;
  });
}

/** `haven sysop user rename NAME NEWNAME`. */
export function userRenameCommand(opts: Target & { name: string; newName: string }): number {
  return withServices(opts, ({ accounts, memberAdmin }) => {
    const m = memberNamed(accounts, opts.name);
    const after = memberAdmin.rename('console', m.id, opts.newName);
    opts.out.out(`${m.name} is called ${after.name} now; they log in with that name.\n`);
    return 0;
  });
}

/** `haven sysop user reset-password NAME`: prints a one-time password the member replaces at their next log-in. */
export async function userResetPasswordCommand(opts: Target & { name: string }): Promise<number> {
  let close: (() => void) | undefined;
  try {
    const opened = openExistingServices(opts.dataDir);
    close = opened.close;
    const { accounts, memberAdmin } = opened.services;
    const { member, password } = await memberAdmin.resetPassword('console', memberNamed(accounts, opts.name).id);
    opts.out.out(
      `One-time password for ${member.name}: ${password}\n` +
        'Give it to them privately. At their next log-in with it they choose a new password before anything else.\n',
    );
    return 0;
  } catch (err) {
    if (!isUserError(err)) throw err;
    opts.out.err(`${err.message}\n`);
    return 1;
  } finally {
    close?.();
  }
}
