import { describe, expect, it } from 'vitest';
import { useConsoleDataDir } from '../../helpers/console-data-dir.js';
import { openExistingServices } from '../../../src/cli/data-dir.js';
import {
  boardAddCommand,
  boardArchiveCommand,
  boardEditCommand,
  boardListCommand,
  boardMoveCommand,
} from '../../../src/cli/sysop-boards.js';
import { configListCommand } from '../../../src/cli/sysop-config.js';
import { reportsListCommand, reportsShowCommand } from '../../../src/cli/sysop-reports.js';
import { roomListCommand } from '../../../src/cli/sysop-rooms.js';
import { auditCommand, parseSince, statsCommand } from '../../../src/cli/sysop-stats.js';
import { writeConnectionStatus } from '../../../src/server/connection-status.js';
import { SourcePenalties } from '../../../src/server/source-penalties.js';
import {
  userListCommand,
  userRenameCommand,
  userResetPasswordCommand,
  userRoleCommand,
  userShowCommand,
} from '../../../src/cli/sysop-users.js';

const cli = useConsoleDataDir();

/** Members straight into the database, as the running server would have them. */
function addMembers(...people: Array<[string, 'member' | 'sysop']>): void {
  cli.withDb((db) => {
    const insert = db.prepare(`INSERT INTO members (name, name_key, password_hash, role, created_at, guidelines_accepted_at) VALUES (?, ?, 'x', ?, 0, 0)`);
    for (const [name, role] of people) insert.run(name, name.toLowerCase(), role);
  });
}

const auditCount = () => cli.withDb((db) => (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n);
const json = () => JSON.parse(cli.output().text()) as unknown;

describe('haven sysop board add, edit, move, archive', () => {
  it('adds a board last, edits it, moves it first, archives it out of members\' lists and back, one audit entry each', () => {
    expect(boardAddCommand({ ...cli.target(), slug: 'grief-circle', name: 'Grief circle', description: 'A weekly group', membersOnly: true })).toBe(0);
    expect(cli.output().text()).toMatch(/Added the board grief-circle\.\nGrief circle \(grief-circle\), position 14, members-only\./);
    expect(boardEditCommand({ ...cli.target(), slug: 'grief-circle', name: 'Grief Circle', newSlug: 'grief', membersOnly: false, room: 'lobby' })).toBe(0);
    expect(boardMoveCommand({ ...cli.target(), slug: 'grief', to: 1 })).toBe(0);
    cli.output().clear();
    expect(boardListCommand({ ...cli.target(), json: true })).toBe(0);
    const listed = json() as Array<Record<string, unknown>>;
    expect(listed[0]).toEqual({
      slug: 'grief', name: 'Grief Circle', description: 'A weekly group', position: 1, readOnly: false, membersOnly: false,
      archived: false, archivedAt: null, threads: 0, posts: 0, moderators: [], admitted: [], rooms: ['Lobby'],
    });
    expect(listed.map((b) => b.position)).toEqual(listed.map((_, i) => i + 1));

    expect(boardArchiveCommand({ ...cli.target(), slug: 'grief', archived: true })).toBe(0);
    const { services, close } = openExistingServices(cli.dataDir());
    const sysop = { id: 0, name: 'x', role: 'sysop' as const, createdAt: 0, lastLoginAt: null, timeZone: 'UTC', monochrome: false };
    expect(services.boards.list(sysop).some((b) => b.slug === 'grief')).toBe(false);
    expect(services.boards.adminList('console', { all: true }).find((b) => b.slug === 'grief')?.archivedAt).not.toBeNull();
    close();
    cli.output().clear();
    expect(boardListCommand({ ...cli.target() })).toBe(0);
    expect(cli.output().text()).not.toMatch(/grief\s/);
    expect(boardListCommand({ ...cli.target(), all: true })).toBe(0);
    expect(cli.output().text()).toMatch(/^1\s+grief\s+Grief Circle\s+archived\s/m);
    expect(boardArchiveCommand({ ...cli.target(), slug: 'grief', archived: false })).toBe(0);

    const actions = cli.withDb((db) => db.prepare('SELECT action FROM audit_log ORDER BY id').all().map((r) => (r as { action: string }).action));
    expect(actions).toEqual(['board.add', 'board.edit', 'board.move', 'board.archive', 'board.unarchive']);
  });

  it('an archived board leaves newscan and search but keeps its posts', async () => {
    addMembers(['sam', 'member']);
    const { services, close } = openExistingServices(cli.dataDir());
    const sam = services.accounts.findByName('sam')!;
    const cancer = services.boards.adminBoard('console', 'cancer');
    services.boards.posts.startThread(sam, cancer.id, { subject: 'Chemo days', body: 'What helps with the tiredness' });
    const kim = { ...sam, id: sam.id + 100, name: 'kim' };
    expect(services.boards.search.search(kim, 'tiredness')).toHaveLength(1);
    services.boards.setArchivedBoard('console', cancer.id, true);
    expect(services.boards.search.search(kim, 'tiredness')).toEqual([]);
    expect(services.boards.nextUnread(kim)).toBeUndefined();
    expect(services.boards.adminBoard('console', 'cancer').postCount).toBe(1);
    close();
  });

  it('refuses a wrong board, a wrong short name, a taken one, a bad position and a change that changes nothing, changing nothing', () => {
    const before = cli.withDb((db) => JSON.stringify(db.prepare('SELECT * FROM boards ORDER BY id').all()));
    const refusals: Array<[() => number, RegExp]> = [
      [() => boardEditCommand({ ...cli.target(), slug: 'nowhere', name: 'X' }), /There is no board "nowhere"/],
      [() => boardAddCommand({ ...cli.target(), slug: 'Bad Slug!', name: 'Bad' }), /short name is 2 to 32 lower-case letters/],
      [() => boardAddCommand({ ...cli.target(), slug: 'cancer', name: 'Cancer again' }), /already a board "cancer"/],
      [() => boardEditCommand({ ...cli.target(), slug: 'divorce', newSlug: 'cancer' }), /already a board "cancer"/],
      [() => boardEditCommand({ ...cli.target(), slug: 'divorce', room: 'No such room' }), /no open chat room called "No such room"/],
      [() => boardEditCommand({ ...cli.target(), slug: 'divorce', readOnly: false }), /Nothing to change/],
      [() => boardMoveCommand({ ...cli.target(), slug: 'divorce', to: 99 }), /position is a whole number from 1 to 13/],
      [() => boardMoveCommand({ ...cli.target(), slug: 'divorce', to: 2, after: 'cancer' }), /Say where, once/],
      [() => boardMoveCommand({ ...cli.target(), slug: 'divorce', before: 'divorce' }), /next to itself/],
      [() => boardArchiveCommand({ ...cli.target(), slug: 'divorce', archived: false }), /divorce is not archived/],
    ];
    for (const [run, said] of refusals) {
      cli.output().clear();
      expect(run()).toBe(1);
      expect(cli.output().errors()).toMatch(said);
      expect(cli.output().text()).toBe('');
    }
    expect(cli.withDb((db) => JSON.stringify(db.prepare('SELECT * FROM boards ORDER BY id').all()))).toBe(before);
    expect(auditCount()).toBe(0);
  });
});

describe('haven sysop user show, role, rename, reset-password', () => {
  it('changes roles: a moderator of a board, a sysop, back to a member; never the last sysop', () => {
    addMembers(['keeper', 'sysop'], ['willow', 'member']);
    expect(userRoleCommand({ ...cli.target(), name: 'willow', role: 'moderator', board: 'bereavement' })).toBe(0);
    expect(cli.output().text()).toBe('willow moderates bereavement now.\n');
    expect(userRoleCommand({ ...cli.target(), name: 'WILLOW', role: 'sysop' })).toBe(0);
    cli.output().clear();
    expect(userShowCommand({ ...cli.target(), name: 'willow', json: true })).toBe(0);
    expect(json()).toMatchObject({ name: 'willow', role: 'sysop', moderates: ['bereavement'], keys: 0, posts: 0, sanctions: [], reportsAbout: 0 });
    expect(userRoleCommand({ ...cli.target(), name: 'willow', role: 'member' })).toBe(0);
    cli.output().clear();
    expect(userShowCommand({ ...cli.target(), name: 'willow' })).toBe(0);
    expect(cli.output().text()).toMatch(/^Role:\s+member$/m);
    expect(cli.output().text()).toMatch(/^Moderates:\s+no board$/m);

    const before = auditCount();
    cli.output().clear();
    expect(userRoleCommand({ ...cli.target(), name: 'keeper', role: 'member' })).toBe(1);
    expect(cli.output().errors()).toContain('keeper is the only sysop');
    expect(userRoleCommand({ ...cli.target(), name: 'keeper', role: 'moderator', board: 'cancer' })).toBe(1);
    expect(userRoleCommand({ ...cli.target(), name: 'willow', role: 'moderator' })).toBe(1);
    expect(cli.output().errors()).toContain('--board SLUG');
    expect(userRoleCommand({ ...cli.target(), name: 'willow', role: 'moderator', board: 'nowhere' })).toBe(1);
    expect(userRoleCommand({ ...cli.target(), name: 'nobody', role: 'sysop' })).toBe(1);
    expect(cli.output().errors()).toContain('There is no member called "nobody"');
    expect(cli.output().text()).toBe('');
    expect(auditCount()).toBe(before);
    expect(cli.withDb((db) => db.prepare("SELECT role FROM members WHERE name = 'keeper'").get())).toEqual({ role: 'sysop' });
    expect(cli.withDb((db) => db.prepare('SELECT count(*) AS n FROM board_moderators').get())).toEqual({ n: 0 });
  });

  it('renames under the sign-up rules, refusing a taken or reserved name', () => {
    addMembers(['keeper', 'sysop'], ['willow', 'member']);
    expect(userRenameCommand({ ...cli.target(), name: 'willow', newName: 'Willow_B' })).toBe(0);
    expect(cli.output().text()).toBe('willow is called Willow_B now; they log in with that name.\n');
    for (const [newName, said] of [['KEEPER', /"KEEPER" is taken/], ['admin', /reserved/], ['x', /3 to 16 characters/]] as const) {
      cli.output().clear();
      expect(userRenameCommand({ ...cli.target(), name: 'willow_b', newName })).toBe(1);
      expect(cli.output().errors()).toMatch(said);
    }
    expect(cli.withDb((db) => db.prepare('SELECT name, name_key FROM members ORDER BY id').all())).toEqual([
      { name: 'keeper', name_key: 'keeper' },
      { name: 'Willow_B', name_key: 'willow_b' },
    ]);
    const entries = cli.withDb((db) => db.prepare('SELECT action, target_label, detail FROM audit_log').all());
    expect(entries).toEqual([{ action: 'member.rename', target_label: 'willow', detail: JSON.stringify({ from: 'willow', to: 'Willow_B' }) }]);
  });

  it('reset-password prints a one-time password that logs in, and asks for a new one', async () => {
    addMembers(['willow', 'member']);
    expect(await userResetPasswordCommand({ ...cli.target(), name: 'willow' })).toBe(0);
    const password = /One-time password for willow: (\S+)\n/.exec(cli.output().text())![1];
    expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const { services, close } = openExistingServices(cli.dataDir());
    const willow = await services.accounts.verifyPassword('willow', password);
    expect(willow?.name).toBe('willow');
    expect(services.accounts.mustChangePassword(willow!.id)).toBe(true);
    await expect(services.accounts.setPassword(willow!.id, 'short')).rejects.toThrow(/at least 8/);
    await services.accounts.setPassword(willow!.id, 'my own password');
    expect(services.accounts.mustChangePassword(willow!.id)).toBe(false);
    expect(await services.accounts.verifyPassword('willow', password)).toBeUndefined();
    close();
    expect(await userResetPasswordCommand({ ...cli.target(), name: 'nobody' })).toBe(1);
    expect(cli.withDb((db) => db.prepare('SELECT action, target_label FROM audit_log').all())).toEqual([{ action: 'member.reset-password', target_label: 'willow' }]);
  });

  it('show lists sanctions and reports about the member, never mail or passwords', () => {
    addMembers(['keeper', 'sysop'], ['rowan', 'member']);
    cli.withDb((db) => {
      db.prepare(`INSERT INTO sanctions (member_id, kind, reason, created_at, ends_at, by_name) VALUES (2, 'suspend', 'harassment', ?, ?, 'keeper')`).run(Date.UTC(2026, 10, 1), Date.UTC(2026, 10, 8));
      db.prepare(`INSERT INTO reports (kind, target_id, reporter_id, author_id, author_name, copy_text, written_at, reason, created_at) VALUES ('mail', 1, 1, 2, 'rowan', 'secret words', 0, 'rude', 0)`).run();
    });
    expect(userShowCommand({ ...cli.target(), name: 'rowan' })).toBe(0);
    const shown = cli.output().text();
    expect(shown).toMatch(/^Reports about:\s+1$/m);
    expect(shown).toMatch(/2026-11-01 00:00\s+suspend\s+2026-11-08 00:00\s+keeper\s+-\s+harassment/);
    expect(shown).not.toContain('secret words');
    expect(shown).not.toMatch(/hash|\bx\b/);
  });
});

describe('haven sysop user list --online, stats, audit', () => {
  it('says when no one is online, and lists who the server wrote as online', () => {
    expect(userListCommand({ ...cli.target(), online: true })).toBe(0);
    expect(cli.output().text()).toBe('No one is online (or the server is not running).\n');
    cli.withDb((db) =>
      db.prepare(`INSERT INTO online_now (session_id, member_id, name, place, since, invisible) VALUES (1, 1, 'willow', 'Boards', ?, 0), (2, 2, 'ash', 'Chat', ?, 1)`).run(Date.UTC(2026, 11, 1, 9), Date.UTC(2026, 11, 1, 10)),
    );
    cli.output().clear();
    expect(userListCommand({ ...cli.target(), online: true })).toBe(0);
    expect(cli.output().text()).toMatch(/^NAME\s+WHERE\s+SINCE \(UTC\)\nash\s+Chat\s+2026-12-01 10:00\s+invisible\nwillow\s+Boards\s+2026-12-01 09:00\n2 members online\n$/);
    cli.output().clear();
    expect(statsCommand({ ...cli.target(), json: true })).toBe(0);
    expect(json()).toMatchObject({ online: { members: 2, sessions: 2, places: { boards: 1, chat: 1, mail: 0, menu: 0, elsewhere: 0 } }, openReports: 0 });
  });

  it('stats counts today\'s posts, mail and chat lines by the UTC day, and the database with its log', () => {
    addMembers(['ash', 'member'], ['birch', 'member']);
    const now = Date.now();
    const yesterday = now - 86_400_000;
    cli.withDb((db) => {
      const mail = db.prepare(`INSERT INTO mail (thread_id, sender_id, recipient_id, subject, body, sent_at) VALUES (1, 1, 2, 's', 'b', ?)`);
      mail.run(yesterday);
      mail.run(now);
      mail.run(now);
      const chat = db.prepare(`INSERT INTO chat_lines (room_id, member_id, author_name, kind, body, created_at) VALUES (1, 1, 'ash', 'say', 'hi', ?)`);
      chat.run(yesterday);
      chat.run(now);
    });
    expect(statsCommand({ ...cli.target(), json: true })).toBe(0);
    const s = json() as { members: number; mailToday: number; chatLinesToday: number; databaseBytes: number; day: string };
    expect(s).toMatchObject({ members: 2, mailToday: 2, chatLinesToday: 1, day: new Date(now).toISOString().slice(0, 10) });
    expect(s.databaseBytes).toBeGreaterThan(100_000);
    cli.output().clear();
    expect(statsCommand({ ...cli.target() })).toBe(0);
    expect(cli.output().text()).toMatch(/^Members:\s+2\nOnline now:\s+no one \(or the server is not running\)\nPosts:\s+0 \(0 today\)\nMail today:\s+2\n/);
  });

  it('stats draws the last 24 hours of activity in plain # and ., the current hour last', () => {
    cli.withDb((db) => db.prepare('INSERT INTO activity_hours (hour, log_ins, posts) VALUES (?, 2, 1), (?, 1, 0)').run(Math.floor(Date.now() / 3_600_000), Math.floor(Date.now() / 3_600_000) - 2));
    expect(statsCommand({ ...cli.target() })).toBe(0);
    expect(cli.output().text()).toMatch(/\nLast 24 hours: +\.{21}#\.#  \(busiest hour 3; /);
    cli.output().clear();
    expect(statsCommand({ ...cli.target(), json: true })).toBe(0);
    expect((json() as { activityLast24Hours: number[] }).activityLast24Hours.slice(-3)).toEqual([1, 0, 3]);
  });

  it('stats shows the running server\'s connection limits: counts and penalised sources as hashes, never addresses', () => {
    expect(statsCommand({ ...cli.target() })).toBe(0);
    expect(cli.output().text()).toContain('Connections: no running server has written its status.');
    const penalties = new SourcePenalties();
    for (let i = 0; i < 13; i++) penalties.add('203.0.113.9', 'authFailure');
    writeConnectionStatus(cli.target().dataDir, { pending: 3, sessions: 7, penalised: penalties.snapshot() });
    cli.output().clear();
    expect(statsCommand({ ...cli.target() })).toBe(0);
    const text = cli.output().text();
    expect(text).toMatch(/Connections: 7 in session, 3 not logged in yet/);
    expect(text).toMatch(/Penalised sources \(hashed; 1 refused now\):\n  [0-9a-f]{12}  score [\d.]+ \(refused\)  failed log-ins 13/);
    expect(text).not.toContain('203.0.113.9');
    cli.output().clear();
    expect(statsCommand({ ...cli.target(), json: true })).toBe(0);
    expect(json()).toMatchObject({ connections: { pending: 3, sessions: 7, penalised: [{ authFailures: 13, refusing: true }] } });
  });

  it('audit lists staff actions newest first, by whom and since when, and refuses a time it cannot read', () => {
    addMembers(['keeper', 'sysop'], ['willow', 'member']);
    const t = Date.now();
    cli.withDb((db) =>
      db.prepare(`INSERT INTO audit_log (at, origin, actor_id, actor_name, action, target_kind, target_label, reason) VALUES (?, 'bbs', 1, 'keeper', 'post.hide', 'post', 'A subject', 'unkind')`).run(t - 3 * 86_400_000),
    );
    userRenameCommand({ ...cli.target(), name: 'willow', newName: 'willow2' });
    cli.output().clear();
    expect(auditCommand({ ...cli.target() })).toBe(0);
    expect(cli.output().text()).toMatch(/^WHEN \(UTC\)\s+WHO\s+ACTION\s+TARGET\s+REASON\n\S+ \S+\s+console\s+member.rename\s+willow\s+-\n\S+ \S+\s+keeper\s+post.hide\s+A subject\s+unkind\n2 actions\n$/);
    cli.output().clear();
    expect(auditCommand({ ...cli.target(), since: '24h', json: true })).toBe(0);
    expect((json() as Array<{ action: string }>).map((e) => e.action)).toEqual(['member.rename']);
    cli.output().clear();
    expect(auditCommand({ ...cli.target(), by: 'KEEPER', json: true })).toBe(0);
    expect(json()).toEqual([{ at: new Date(t - 3 * 86_400_000).toISOString(), origin: 'bbs', by: 'keeper', action: 'post.hide', target: { kind: 'post', label: 'A subject' }, reason: 'unkind', detail: {} }]);
    cli.output().clear();
    expect(auditCommand({ ...cli.target(), since: 'last week' })).toBe(1);
    expect(cli.output().errors()).toContain('--since takes a time back from now');
    expect(parseSince('2026-11-30', 0)).toBe(Date.UTC(2026, 10, 30));
    expect(parseSince('7d', Date.UTC(2026, 11, 8))).toBe(Date.UTC(2026, 11, 1));
  });
});

describe('--json on every list', () => {
  it('room list, config list, reports list and show print JSON with no table text', () => {
    for (const run of [() => roomListCommand({ ...cli.target(), json: true }), () => configListCommand({ ...cli.target(), json: true }), () => reportsListCommand({ ...cli.target(), all: true, json: true })]) {
      cli.output().clear();
      expect(run()).toBe(0);
      expect(Array.isArray(json())).toBe(true);
    }
    cli.output().clear();
    roomListCommand({ ...cli.target(), json: true });
    expect(json()).toEqual([{ name: 'Lobby', topic: 'Open 24 hours: whoever is awake', alwaysOpen: true, board: null, meeting: null }]);
    addMembers(['ash', 'member'], ['birch', 'member']);
    cli.withDb((db) =>
      db.prepare(`INSERT INTO reports (kind, target_id, reporter_id, author_id, author_name, copy_text, written_at, reason, created_at) VALUES ('mail', 1, 1, 2, 'birch', 'the words', 0, 'rude', 0)`).run(),
    );
    cli.output().clear();
    expect(reportsShowCommand({ ...cli.target(), id: 1, json: true })).toBe(0);
    expect(json()).toMatchObject({ id: 1, kind: 'mail', status: 'open', by: 'ash', about: 'birch', reason: 'rude', copy: { text: 'the words' } });
    cli.output().clear();
    expect(reportsShowCommand({ ...cli.target(), id: 9, json: true })).toBe(1);
    expect(cli.output().text()).toBe('');
  });
});

