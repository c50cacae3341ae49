import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/open.js';
import { ACCOUNT_SETTINGS, FORMER_MEMBER, GRACE_DAYS } from '../../../src/services/account-deletion.js';
import type { Member } from '../../../src/services/accounts.js';
import type { Services } from '../../../src/services/index.js';
import { MEMBER_COLUMNS, type MemberColumn } from '../../../src/services/member-columns.js';
import { describeExport } from '../../../screens/my-data.js';
import { testServices } from '../../helpers/services.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let s: Services;
let db: Db;
let clock: { t: number };
let alice: Member;
let bram: Member;
let cleo: Member;
let board: number;

beforeEach(async () => {
  clock = { t: Date.UTC(2026, 10, 3, 12, 0) };
  ({ services: s, db } = testServices({ now: () => clock.t, seedAt: clock.t }));
  const join = (name: string) => s.accounts.register({ name, password: 'correct horse', acceptedGuidelines: true });
  [alice, bram, cleo] = [await join('alice'), await join('bram'), await join('cleo')];
  // Members of a day's standing, so mail's new-account wait does not apply.
  clock.t += 25 * HOUR;
  board = s.boards.list(alice).find((b) => b.slug === 'introductions')!.id;
});

const tick = () => (clock.t += 1000);

/** What each member's unread count in each board must be, counted post by post. */
function countsAreExact(members: Member[]): void {
  const boards = db.prepare<[], { id: number; post_count: number; thread_count: number }>('SELECT id, post_count, thread_count FROM boards').all();
  for (const b of boards) {
    const live = db.prepare<[number], { threads: number; posts: number }>(
      `SELECT count(DISTINCT t.id) AS threads, count(p.id) AS posts FROM threads t JOIN posts p ON p.thread_id = t.id
       WHERE t.board_id = ? AND t.deleted_at IS NULL`,
    ).get(b.id)!;
    expect({ board: b.id, threads: b.thread_count, posts: b.post_count }).toEqual({ board: b.id, threads: live.threads, posts: live.posts });
  }
  for (const m of members) {
    for (const summary of s.boards.list(m)) {
      const unread = db.prepare<{ m: number; b: number }, { n: number }>(
        `SELECT count(*) AS n FROM posts p JOIN threads t ON t.id = p.thread_id
         WHERE p.board_id = @b AND t.deleted_at IS NULL AND p.id > max(
           coalesce((SELECT baseline_post_id FROM board_reads WHERE member_id = @m AND board_id = @b), 0),
           coalesce((SELECT last_read_post_id FROM thread_reads WHERE member_id = @m AND thread_id = p.thread_id), 0))`,
      ).get({ m: m.id, b: summary.id })!.n;
      expect({ member: m.name, board: summary.slug, unread: summary.unread }).toEqual({ member: m.name, board: summary.slug, unread });
    }
  }
}

/** A scene with something of everyone's: threads, replies, support, mail, blocks, a report. */
function scene() {
  const own = s.boards.posts.startThread(alice, board, { subject: 'alone here', body: 'nobody answered this one' });
  tick();
  const answered = s.boards.posts.startThread(alice, board, { subject: 'first days', body: 'alice opens a thread' });
  tick();
  const bramReply = s.boards.posts.reply(bram, answered.threadId, { body: 'bram answers alice' });
  tick();
  const bramThread = s.boards.posts.startThread(bram, board, { subject: 'bram asks', body: 'bram wonders' });
  tick();
  const aliceReply = s.boards.posts.reply(alice, bramThread.threadId, { body: 'alice answers bram' });
  tick();
  s.boards.posts.reply(cleo, bramThread.threadId, { body: 'cleo answers too' });
  s.boards.posts.toggleSupport(alice, bramReply);
  s.boards.posts.toggleSupport(bram, answered.postId);
  // Bram reads everything; Cleo reads one thread.
  s.boards.markBoardRead(bram, board);
  s.boards.reads.markRead(cleo.id, answered.threadId, bramReply);
  const toBram = s.mail.send(alice, { to: 'bram', subject: 'hello bram', body: 'alice writes to bram' });
  const toAlice = s.mail.send(bram, { to: 'alice', subject: 'hello alice', body: 'bram writes to alice' });
  s.mail.send(cleo, { to: 'bram', subject: 'between others', body: 'cleo writes privately to bram' });
  s.blocks.block(alice.id, cleo.id);
  s.blocks.block(bram.id, alice.id);
  s.mail.report(bram, toBram.id, { category: 'other', reason: 'bram reports alice for this' });
  s.reports.file({ kind: 'post', targetId: bramThread.postId, reporterId: alice.id, authorId: bram.id, authorName: 'bram', text: 'bram wonders', writtenAt: clock.t, reason: 'alice reports bram' });
  db.prepare(`INSERT INTO sanctions (member_id, kind, reason, created_at, by_name) VALUES (?, 'warn', 'please be gentle', ?, 'modwithaname')`).run(alice.id, clock.t);
  s.accounts.addKey(alice.id, { algo: 'ssh-ed25519', data: Buffer.from('a public key blob') });
  return { own, answered, bramReply, bramThread, aliceReply, toBram, toAlice };
}

describe('export: what Haven holds about a member', () => {
  it('holds the member\'s profile, settings, keys, posts, mail both ways, their reports, sanctions and blocks', () => {
    const x = scene();
    const data = s.memberExport.collect(alice.id)!;
    expect(data.member).toMatchObject({ name: 'alice', role: 'member', deletion: null });
    expect(data.settings).toEqual({ timeZone: 'UTC', plainLook: false, invisible: false, allowPages: true });
    expect(data.keys).toEqual([expect.objectContaining({ algo: 'ssh-ed25519', fingerprint: expect.stringMatching(/^SHA256:/) })]);
    expect(data.posts.map((p) => p.body)).toEqual(['nobody answered this one', 'alice opens a thread', 'alice answers bram']);
    expect(data.supportGiven).toEqual([expect.objectContaining({ postId: x.bramReply })]);
    expect(data.mail.sent).toEqual([expect.objectContaining({ to: 'bram', body: 'alice writes to bram' })]);
    expect(data.mail.received).toEqual([expect.objectContaining({ from: 'bram', body: 'bram writes to alice' })]);
    expect(data.reportsFiled).toEqual([expect.objectContaining({ kind: 'post', reason: 'alice reports bram', about: 'bram' })]);
    expect(data.sanctions).toEqual([expect.objectContaining({ kind: 'warn', reason: 'please be gentle' })]);
    expect(data.blocks).toEqual([expect.objectContaining({ name: 'cleo' })]);
  });

  it('holds nothing private of anyone else: not mail between others, who blocked them, reports about them, or staff names', () => {
    scene();
    const json = s.memberExport.json(alice.id)!;
    JSON.parse(json);
    expect(json).not.toContain('cleo writes privately to bram');
    expect(json).not.toContain('bram reports alice for this');
    expect(json).not.toContain('modwithaname');
    // Bram blocked Alice: she is not told.
    expect(json).not.toMatch(/"name": "bram"/);
    expect(s.memberExport.collect(9999)).toBeUndefined();
  });
});

describe('deleting an account', () => {
  it('asks for the password, and logging in within the grace period restores everything', async () => {
    const x = scene();
    await expect(s.accountDeletion.request(alice, 'not my password', 'remove')).rejects.toThrow('not your password');
    expect(s.accountDeletion.pending(alice.id)).toBeUndefined();
    const pending = await s.accountDeletion.request(alice, 'correct horse', 'remove');
    expect(pending).toEqual({ requestedAt: clock.t, goneAt: clock.t + GRACE_DAYS * DAY, posts: 'remove' });
    expect(s.memberExport.collect(alice.id)!.member.deletion).toMatchObject({ posts: 'remove' });
    clock.t += GRACE_DAYS * DAY - HOUR;
    expect(s.accountDeletion.purgeDue()).toBe(0);
    expect(await s.accounts.verifyPassword('alice', 'correct horse')).toMatchObject({ id: alice.id });
    expect(s.accountDeletion.restore(alice.id)).toBe(true);
    expect(s.accountDeletion.restore(alice.id)).toBe(false);
    clock.t += 30 * DAY;
    expect(s.accountDeletion.purgeDue()).toBe(0);
    expect(s.mail.read(alice.id, x.toAlice.id)[0].body).toBe('bram writes to alice');
    expect(s.boards.posts.get(bram, x.answered.postId).body).toBe('alice opens a thread');
  });

  it('removing the posts: after 14 days by the clock everything goes, threads others answered stay readable, counts stay exact', async () => {
    const x = scene();
    await s.accountDeletion.request(alice, 'correct horse', 'remove');
    clock.t += GRACE_DAYS * DAY - 1;
    expect(s.accountDeletion.purgeDue()).toBe(0);
    clock.t += 1;
    expect(s.accountDeletion.purgeDue()).toBe(1);

    // Her thread that nobody answered has left the board; the one Bram answered reads on.
    const threads = s.boards.threads(bram, board).threads.map((t) => t.id);
    expect(threads).not.toContain(x.own.threadId);
    expect(threads).toContain(x.answered.threadId);
    const window = s.boards.posts.window(bram, x.answered.threadId, { at: x.answered.postId });
    expect(window.posts.map((p) => [p.deleted, p.body])).toEqual([[true, ''], [false, 'bram answers alice']]);
    expect(s.boards.posts.get(cleo, x.aliceReply)).toMatchObject({ deleted: true, body: '' });
    // Her support is taken back; the support given to her posts went with them.
    expect(s.boards.posts.get(cleo, x.bramReply).support).toBe(0);
    expect(s.boards.search.search(bram, 'opens')).toEqual([]);
    expect(s.boards.search.search(bram, 'nobody')).toEqual([]);
    countsAreExact([bram, cleo]);

    for (const table of ['mail', 'member_keys', 'blocks', 'post_support', 'board_reads', 'thread_reads', 'member_prefs']) {
      const n = db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${table === 'mail' ? 'sender_id = @id OR recipient_id = @id' : table === 'blocks' ? 'member_id = @id OR blocked_id = @id' : 'member_id = @id'}`).get({ id: alice.id }) as { n: number };
      expect({ table, n: n.n }).toEqual({ table, n: 0 });
    }
    // Mail between others is untouched.
    expect(s.mail.inbox(bram.id).map((m) => m.otherName)).toEqual(['cleo']);
    // Her report stays for moderators, without her name on it.
    expect(db.prepare("SELECT reporter_id FROM reports WHERE reason = 'alice reports bram'").get()).toEqual({ reporter_id: null });
    // Nobody can log in as her.
    expect(await s.accounts.verifyPassword('alice', 'correct horse')).toBeUndefined();
    expect(s.accounts.findByName('alice')).toBeUndefined();
    expect(s.accounts.list().map((m) => m.name)).toEqual(['bram', 'cleo']);
    expect(s.memberExport.collect(alice.id)).toBeUndefined();
  });

  it('keeping the posts: they stay under "former member", so every thread reads as before, counts unchanged', async () => {
    const x = scene();
    const before = s.boards.list(bram).map((b) => [b.id, b.postCount, b.unread]);
    await s.accountDeletion.request(alice, 'correct horse', 'keep');
    clock.t += GRACE_DAYS * DAY;
    expect(s.accountDeletion.purgeDue()).toBe(1);
    expect(s.boards.posts.get(bram, x.answered.postId)).toMatchObject({ authorName: FORMER_MEMBER, body: 'alice opens a thread', deleted: false });
    expect(s.boards.posts.get(bram, x.own.postId)).toMatchObject({ authorName: FORMER_MEMBER, body: 'nobody answered this one' });
    expect(s.boards.list(bram).map((b) => [b.id, b.postCount, b.unread])).toEqual(before);
    countsAreExact([bram, cleo]);
    expect(db.prepare('SELECT count(*) AS n FROM mail WHERE sender_id = @id OR recipient_id = @id').get({ id: alice.id })).toEqual({ n: 0 });
    expect(s.accounts.findByName('alice')).toBeUndefined();
  });

  it('the last sysop cannot leave the BBS without one', async () => {
    const boss = await s.accounts.register({ name: 'boss', password: 'correct horse', acceptedGuidelines: true, role: 'sysop' });
    await expect(s.accountDeletion.request(boss, 'correct horse', 'keep')).rejects.toThrow('You are the only sysop');
    await s.accounts.register({ name: 'deputy', password: 'correct horse', acceptedGuidelines: true, role: 'sysop' });
    await expect(s.accountDeletion.request(boss, 'correct horse', 'keep')).resolves.toMatchObject({ posts: 'keep' });
  });

  it('the server\'s purge runs at start, then on its interval, without waiting for anyone to ask', async () => {
    await s.accountDeletion.request(cleo, 'correct horse', 'keep');
    clock.t += GRACE_DAYS * DAY;
    try {
      s.accountDeletion.start(10);
      expect(s.accounts.findByName('cleo')).toBeUndefined();
      await s.accountDeletion.request(bram, 'correct horse', 'remove');
      clock.t += GRACE_DAYS * DAY;
      await expect.poll(() => s.accounts.findByName('bram')).toBeUndefined();
    } finally {
      s.accountDeletion.stop();
    }
  });

  it('the name rests for the quarantine the sysop set (90 days by default): sign-up refuses it kindly', async () => {
    scene();
    await s.accountDeletion.request(alice, 'correct horse', 'remove');
    clock.t += GRACE_DAYS * DAY;
    s.accountDeletion.purgeDue();
    expect(s.accounts.isNameAvailable('Alice')).toBe(false);
    expect(s.accounts.nameUnavailableReason('Alice')).toContain('belonged to a member who left recently');
    await expect(s.accounts.register({ name: 'ALICE', password: 'another horse', acceptedGuidelines: true })).rejects.toThrow('Please choose another');
    clock.t += 90 * DAY - 1;
    expect(s.accounts.isNameAvailable('alice')).toBe(false);
    clock.t += 1;
    expect(s.accounts.isNameAvailable('alice')).toBe(true);
    const newcomer = await s.accounts.register({ name: 'alice', password: 'another horse', acceptedGuidelines: true });
    expect(newcomer.id).not.toBe(alice.id);
    expect(s.memberExport.collect(newcomer.id)!.posts).toEqual([]);

    s.settings.setNumber(ACCOUNT_SETTINGS.nameQuarantineDays, '365');
    await s.accountDeletion.request(bram, 'correct horse', 'keep');
    clock.t += GRACE_DAYS * DAY;
    s.accountDeletion.purgeDue();
    clock.t += 200 * DAY;
    expect(s.accounts.isNameAvailable('bram')).toBe(false);
  });
});

/** Alice's choices and records from the safety and moderation features, on top of the scene. */
function safetyScene(x: ReturnType<typeof scene>) {
  const other = s.boards.list(alice).find((b) => b.id !== board)!.id;
  s.safety.muteWord(alice.id, 'grief*');
  s.safety.setBoardMuted(alice.id, other, true);
  s.safety.startBreak(alice.id, 3);
  const notice = s.bulletins.add('console', { title: 'Quiet hours', body: 'The BBS rests on Sunday.' });
  s.bulletins.markSeen(alice.id, [notice.id]);
  s.textVersions.accept(alice.id, [s.textVersions.current('guidelines'), s.textVersions.current('disclaimer')]);
  db.prepare('UPDATE member_keys SET last_used_at = ? WHERE member_id = ?').run(clock.t, alice.id);
  s.heldPosts.hold(alice, { boardId: board, threadId: null, subject: 'held back', contentWarning: null, body: 'alice waits for approval' }, 'waits');
  const rejected = s.heldPosts.hold(alice, { boardId: board, threadId: x.answered.threadId, subject: null, contentWarning: null, body: 'alice was refused' }, 'refused');
  db.prepare(`UPDATE held_posts SET status = 'rejected', decided_at = ?, decided_by = 'modwithaname', reason = 'too raw for this board' WHERE id = ?`).run(clock.t, rejected);
  // Bram's report about Alice was dismissed (by Alice, as a moderator); a third, by Alice, was acted on.
  db.prepare(`UPDATE reports SET status = 'closed', outcome = 'dismissed', handled_at = ?, handled_by = ? WHERE reporter_id = ?`).run(clock.t, alice.id, bram.id);
  s.reports.file({ kind: 'post', targetId: x.bramReply, reporterId: alice.id, authorId: bram.id, authorName: 'bram', text: 'bram answers alice', writtenAt: clock.t, reason: 'alice reports again', category: 'spam' });
  db.prepare(`UPDATE reports SET status = 'closed', outcome = 'acted', handled_at = ?, handled_by = ? WHERE reason = 'alice reports again'`).run(clock.t, cleo.id);
  // What the other tables hold about her: presence, read state, chat, a meeting, boards, settings.
  s.boards.markBoardRead(alice, board);
  s.prefs.setInvisible(alice.id, true);
  db.prepare('INSERT INTO board_moderators (board_id, member_id) VALUES (?, ?)').run(board, alice.id);
  db.prepare('INSERT INTO board_members (board_id, member_id, added_at) VALUES (?, ?, ?)').run(other, alice.id, clock.t);
  const lobby = db.prepare<[], { id: number }>("SELECT id FROM chat_rooms WHERE name_key = 'lobby'").get()!.id;
  const line = db.prepare('INSERT INTO chat_lines (room_id, member_id, author_name, kind, body, to_member_id, to_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  line.run(lobby, alice.id, 'alice', 'say', 'alice says hello', null, null, clock.t);
  line.run(lobby, bram.id, 'bram', 'whisper', 'bram whispers to alice', alice.id, 'alice', clock.t);
  db.prepare(`INSERT INTO chat_meetings (room_id, weekday, start_time, time_zone, minutes, facilitator_id) VALUES (?, 2, '19:00', 'UTC', 60, ?)`).run(lobby, alice.id);
  db.prepare(`INSERT INTO online_now (session_id, member_id, name, place, since) VALUES (1, ?, 'alice', 'Boards', ?)`).run(alice.id, clock.t);
  db.prepare(`INSERT INTO audit_log (at, origin, actor_id, actor_name, action, member_id) VALUES (?, 'bbs', ?, 'alice', 'post.hide', ?)`).run(clock.t, alice.id, alice.id);
  db.prepare(`UPDATE sanctions SET by_id = ? WHERE member_id = ?`).run(cleo.id, alice.id);
  db.prepare(`INSERT INTO sanctions (member_id, kind, reason, created_at, by_id, by_name) VALUES (?, 'warn', 'from alice', ?, ?, 'alice')`).run(bram.id, clock.t, alice.id);
  // What she was writing when a session of hers ended.
  s.drafts.save(alice.id, { kind: 'reply', threadId: x.answered.threadId }, { subject: '', contentWarning: '', body: 'alice was still writing' });
}

/** Every column outside `members` that holds a member's id: a foreign key to members, or a member-ish name. */
function memberColumnsInSchema(): string[] {
  const tables = db.prepare<[], { name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'posts_fts%' AND name <> 'members'",
  ).all();
  const found: string[] = [];
  for (const { name } of tables) {
    const fks = db.prepare<[], { table: string; from: string }>(`SELECT * FROM pragma_foreign_key_list('${name}')`).all();
    for (const col of db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${name}')`).all()) {
      const toMembers = fks.some((f) => f.table === 'members' && f.from === col.name);
      if (toMembers || /(^|_)(member|author|reporter|sender|recipient|blocked|facilitator|actor|by)_id$/.test(col.name)) {
        found.push(`${name}.${col.name}`);
      }
    }
  }
  return found.sort();
}

/** A value with something in it: a non-empty list, a set flag, a count above zero. */
function hasContent(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (v && typeof v === 'object') return Object.values(v).some(hasContent);
  return typeof v === 'number' ? v > 0 : Boolean(v);
}

describe('every table that points at a member is known to the purge and the export', () => {
  it('the schema\'s member columns are exactly MEMBER_COLUMNS: a new one must be classified there', () => {
    expect(memberColumnsInSchema()).toEqual(Object.keys(MEMBER_COLUMNS).sort());
    for (const [name, c] of Object.entries(MEMBER_COLUMNS as Record<string, MemberColumn>)) {
      if (c.purge === 'kept' || c.export === null) expect({ name, why: c.why }).toEqual({ name, why: expect.stringMatching(/\w/) });
    }
  });

  it('the README\'s "What Haven stores" has a row for every table', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const stores = readme.slice(readme.indexOf('## What Haven stores'), readme.indexOf('**Deleting an account**'));
    const tables = db.prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'posts_fts_%'",
    ).all();
    expect(tables.map((t) => t.name).filter((name) => !stores.includes(`\`${name}\``))).toEqual([]);
  });

  it('the export shows the muted words and boards, the break, texts accepted, keys\' last use, held posts and reports with their state', () => {
    const x = scene();
    safetyScene(x);
    const data = s.memberExport.collect(alice.id)!;
    const other = s.boards.list(alice).find((b) => b.id !== board)!;
    expect(data.mutedWords).toEqual([{ word: 'grief*', since: new Date(clock.t).toISOString() }]);
    expect(data.mutedBoards).toEqual([{ board: other.name, since: expect.any(String) }]);
    expect(data.break).toEqual({ startedAt: new Date(clock.t).toISOString(), endsAt: new Date(clock.t + 3 * DAY).toISOString() });
    expect(data.textsAccepted.map((t) => t.text)).toEqual(['disclaimer', 'guidelines']);
    expect(data.bulletinsSeen).toEqual([{ title: 'Quiet hours', seenAt: new Date(clock.t).toISOString() }]);
    expect(data.textsAccepted[0]).toEqual({ text: 'disclaimer', version: s.textVersions.current('disclaimer').version, acceptedAt: expect.any(String) });
    expect(data.keys[0]!.lastUsedAt).toBe(new Date(clock.t).toISOString());
    expect(data.heldPosts.map((h) => [h.body, h.status, h.reason])).toEqual([
      ['alice waits for approval', 'held', null],
      ['alice was refused', 'rejected', 'too raw for this board'],
    ]);
    expect(data.reportsFiled.map((r) => [r.reason, r.category, r.state])).toEqual([
      ['alice reports bram', 'other', 'open'],
      ['alice reports again', 'spam', 'acted'],
    ]);
    expect(data.meetingsFacilitated).toEqual(['Lobby']);
    // Settings › "What Haven holds about me" reads the same.
    const page = describeExport(data, 'UTC', 'ssh alice@haven');
    for (const line of ['WORDS YOU MUTED', 'grief*, since', `BOARDS LEFT OUT OF NEW POSTS\n${other.name}`, 'YOUR BREAK\nFrom ', 'Guidelines: version ',
      'last used 4 Nov 2026', 'rejected 4 Nov 2026', '(too raw for this board)', '(spam): alice reports again. Acted on', 'MEETINGS YOU FACILITATE\nLobby',
      'WHAT YOU WERE WRITING (DRAFTS)', '  alice was still writing']) {
      expect(page).toContain(line);
    }
    // Every part MEMBER_COLUMNS names holds something in this scene, so none is left unread.
    for (const [name, c] of Object.entries(MEMBER_COLUMNS as Record<string, MemberColumn>)) {
      if (c.export) expect({ name, exported: hasContent(data[c.export]) }).toEqual({ name, exported: true });
    }
    // Still nothing of others': who decided, who handled, who reported her, staff's names.
    const json = s.memberExport.json(alice.id)!;
    expect(json).not.toContain('modwithaname');
    expect(json).not.toContain('bram reports alice for this');
    expect(json).not.toContain('waits"');
  });

  it('the purge leaves no row of hers in a removed table, her id nowhere it unlinks, and the kept records as they were', async () => {
    const x = scene();
    safetyScene(x);
    const count = (name: string) => {
      const [table, column] = name.split('.');
      return db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`).get(alice.id)!.n;
    };
    const entries = Object.entries(MEMBER_COLUMNS as Record<string, MemberColumn>);
    // The scene gives her rows everywhere, so each check below has something to check.
    for (const [name] of entries) expect({ name, before: count(name) > 0 }).toEqual({ name, before: true });
    const kept = Object.fromEntries(entries.filter(([, c]) => c.purge === 'kept').map(([name]) => [name, count(name)]));
    await s.accountDeletion.request(alice, 'correct horse', 'keep');
    clock.t += GRACE_DAYS * DAY;
    expect(s.accountDeletion.purgeDue()).toBe(1);
    for (const [name, c] of entries) {
      expect({ name, after: count(name) }).toEqual({ name, after: c.purge === 'kept' ? kept[name] : 0 });
    }
    // What others keep is still there, without her: her report, the room's meeting.
    expect(db.prepare("SELECT count(*) AS n FROM reports WHERE reason = 'alice reports again'").get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT facilitator_id FROM chat_meetings').get()).toEqual({ facilitator_id: null });
    expect(s.safety.mutedWords(alice.id)).toEqual([]);
    expect(s.safety.currentBreak(alice.id)).toBeUndefined();
  });
});
