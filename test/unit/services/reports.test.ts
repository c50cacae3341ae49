import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/open.js';
import type { Member } from '../../../src/services/accounts.js';
import type { AuditEntry } from '../../../src/services/audit.js';
import type { Services } from '../../../src/services/index.js';
import { REPORT_SETTINGS } from '../../../src/services/report-reasons.js';
import type { Reports } from '../../../src/services/reports.js';
import { PasswordHasher } from '../../../src/services/password-hasher.js';
import { testServices } from '../../helpers/services.js';

// Nine members per test: argon2 is the accounts tests' business, not this file's.
const quickHasher = new PasswordHasher(2, 32, { hash: async (p) => `plain:${p}`, verify: async (h, p) => h === `plain:${p}` });

const HOUR = 3_600_000;
let t = Date.UTC(2026, 11, 1, 9, 0);
let services: Services;
let db: Db;
let reports: Reports;
let sysop: Member;
let griefMod: Member;
let otherMod: Member;
let author: Member;
let rowan: Member;
let birch: Member;
let cedar: Member;
let newA: Member;
let newB: Member;
let griefId: number;
let otherBoardId: number;

beforeEach(async () => {
  t = Date.UTC(2026, 11, 1, 9, 0);
  ({ services, db } = testServices({ now: () => t, seedAt: t, hasher: quickHasher }));
  reports = services.reports;
  const join = (name: string, role: 'member' | 'sysop' = 'member') =>
    services.accounts.register({ name, password: 'correct horse', acceptedGuidelines: true, role });
  [sysop, griefMod, otherMod, author, rowan, birch, cedar] = [
    await join('keeper', 'sysop'), await join('willow'), await join('hazel'), await join('ash'),
    await join('rowan'), await join('birch'), await join('cedar'),
  ];
  // Two days later, two members join: their reports count half toward hiding a post.
  t += 48 * HOUR;
  [newA, newB] = [await join('newcomer'), await join('newbie')];
  const boards = services.boards.list(sysop);
  griefId = boards.find((b) => b.name.startsWith('Bereavement'))!.id;
  otherBoardId = boards.find((b) => b.id !== griefId && !b.readOnly)!.id;
  services.boards.setModerator(sysop, griefId, griefMod.id, true);
  services.boards.setModerator(sysop, otherBoardId, otherMod.id, true);
});

const post = (body = 'Stop taking your medication, it is all in your head.', boardId = griefId) =>
  services.boards.posts.startThread(author, boardId, { subject: 'What helped me', body }).postId;
const later = (ms = 1000) => (t += ms);

describe('reasons', () => {
  it('every report picks a reason from the list; words are needed only for "something else"', () => {
    const id = post();
    const r = reports.reportPost(rowan, id, { category: 'harmful' });
    expect(r).toMatchObject({ kind: 'post', category: 'harmful', reason: '', boardId: griefId, copyTitle: 'What helped me', authorName: 'ash' });
    expect(reports.reportPost(birch, id, { category: 'at-risk', reason: ' they sound desperate\x1b[2J ' }).reason).toBe('they sound desperate');
    expect(() => reports.reportPost(cedar, id, { category: 'other' })).toThrow('Please say in a few words');
    expect(() => reports.reportPost(cedar, id, { category: 'rude' })).toThrow('Please pick one of the reasons');
    expect(reports.reportPost(cedar, id, { category: 'other', reason: 'Off topic' }).category).toBe('other');
  });

  it('the reporter is thanked and told who will look and where to follow it; one report per member per item', () => {
    const id = post();
    const r = reports.reportPost(rowan, id, { category: 'spam' });
    expect(reports.thankYou(r)).toMatch(/^Thank you\. A moderator of Bereavement.* will look at it\. You can follow it in Settings, My reports\.$/);
    expect(() => reports.reportPost(rowan, id, { category: 'harmful' })).toThrow('You have already reported this');
    expect(() => reports.reportPost(author, id, { category: 'spam' })).toThrow('That is your own post.');
    expect(reports.mine(rowan)).toMatchObject([{ id: r.id, kind: 'post', category: 'spam', state: 'open', what: expect.stringMatching(/^a post by ash in Bereavement/) }]);
    expect(reports.mine(birch)).toEqual([]);
  });
});

describe('chat reports', () => {
  it('/report name reports their last line here that the reporter could read, with the lines before it', () => {
    const room = services.chatRooms.create({ name: 'Grief circle', boardSlug: 'bereavement' });
    const { chat } = services;
    chat.enter(room.id, 99, birch);
    chat.say(room.id, rowan, 'Hello all');
    chat.say(room.id, author, 'first thing ash said');
    chat.whisper(room.id, author, 'birch', 'a whisper rowan never saw');
    chat.say(room.id, birch, 'Hi ash');
    chat.say(room.id, author, 'you should all just give up', 'say');
    chat.say(room.id, cedar, 'that is not ok');

    const r = reports.reportChat(rowan, room.id, 'ASH', { category: 'harassment' });
    expect(r).toMatchObject({ kind: 'chat', roomId: room.id, boardId: griefId, place: 'Grief circle', copyText: 'you should all just give up', authorName: 'ash' });
    expect(r.context.split('\n')).toEqual(['rowan: Hello all', 'ash: first thing ash said', 'birch: Hi ash']);
    expect(reports.thankYou(r)).toContain('A moderator of Bereavement');
    // The room's board's moderators see it; a Lobby line goes to sysops.
    expect(reports.queue(griefMod).map((g) => g.key)).toEqual([`chat:${r.targetId}`]);
    chat.say(services.chatRooms.lobby().id, author, 'lobby line');
    const lobbyReport = reports.reportChat(rowan, services.chatRooms.lobby().id, 'ash', { category: 'spam' });
    expect(reports.thankYou(lobbyReport)).toContain('The sysop will look at it');
    expect(() => reports.get(griefMod, lobbyReport.id)).toThrow('Only a sysop can read this report.');

    // `/report` alone offers the last lines of others the reporter could read, oldest first.
    expect(reports.reportableLines(rowan, room.id, 3).map((l) => `${l.authorName}: ${l.text}`)).toEqual([
      'birch: Hi ash', 'ash: you should all just give up', 'cedar: that is not ok',
    ]);
    expect(reports.reportableLines(birch, room.id).map((l) => l.text)).toContain('(whisper to birch): a whisper rowan never saw');
    expect(() => reports.reportChat(rowan, room.id, 'rowan', { category: 'spam' })).toThrow('That is you');
    expect(() => reports.reportChat(rowan, room.id, 'nobody', { category: 'spam' })).toThrow('There is no member called "nobody"');
    expect(() => reports.reportChat(rowan, room.id, 'newbie', { category: 'spam' })).toThrow('newbie has said nothing in this room');
  });
});

describe('who reads which reports', () => {
  it("a board's moderators see that board's reports and how many reported; sysops also see who", () => {
    const id = post();
    reports.reportPost(rowan, id, { category: 'harmful' });
    reports.reportPost(birch, id, { category: 'harmful', reason: 'dangerous' });
    const [modGroup] = reports.queue(griefMod);
    expect(modGroup).toMatchObject({ kind: 'post', targetId: id, count: 2, reporterNames: null, reasons: ['dangerous'] });
    expect(reports.list(griefMod).map((r) => r.reporterName)).toEqual(['a member', 'a member']);
    expect(reports.queue(sysop)[0]!.reporterNames).toEqual(['rowan', 'birch']);
    expect(reports.list('console').map((r) => r.reporterName).sort()).toEqual(['birch', 'rowan']);
    expect(reports.openCount(griefMod)).toBe(2);
  });

  it('a moderator of another board gets a plain refusal from show, dismiss and act, and an empty list', () => {
    const r = reports.reportPost(rowan, post(), { category: 'harmful' });
    expect(reports.list(otherMod)).toEqual([]);
    expect(reports.queue(otherMod)).toEqual([]);
    expect(reports.openCount(otherMod)).toBe(0);
    expect(() => reports.get(otherMod, r.id)).toThrow("Only a sysop or this board's moderators can read this report.");
    expect(() => reports.dismiss(otherMod, r.id)).toThrow("Only a sysop or this board's moderators can handle this report.");
    expect(() => reports.markActed(otherMod, r.id)).toThrow("Only a sysop or this board's moderators can handle this report.");
    expect(reports.get(sysop, r.id)!.status).toBe('open');
  });

  it('members who are not staff cannot read or handle reports; mail reports are for sysops alone', () => {
    const r = reports.reportPost(rowan, post(), { category: 'harmful' });
    expect(reports.canHandle(rowan)).toBe(false);
    expect(reports.canHandle(griefMod)).toBe(true);
    for (const call of [() => reports.list(rowan), () => reports.get(rowan, r.id), () => reports.queue(rowan), () => reports.dismiss(rowan, r.id)]) {
      expect(call).toThrow('Only a sysop or a moderator can read reports.');
    }
    const m = services.mail.send(author, { to: 'rowan', subject: 'hey', body: 'unwanted' });
    const mr = services.mail.report(rowan, m.id, { category: 'harassment' });
    expect(reports.thankYou(mr)).toContain('The sysop will look at it');
    expect(() => reports.get(griefMod, mr.id)).toThrow('Only a sysop can read this report.');
    expect(reports.canSee(griefMod, mr.id)).toBe(false);
    expect(reports.canSee(sysop, mr.id)).toBe(true);
  });
});

describe('the queue', () => {
  it('groups open reports by what was reported: a member at risk first, then the longest waiting', () => {
    const a = post('post a');
    const b = post('post b');
    const c = post('post c');
    reports.reportPost(rowan, b, { category: 'spam' });
    later();
    reports.reportPost(rowan, a, { category: 'harmful' });
    later();
    reports.reportPost(birch, a, { category: 'harassment' });
    later();
    reports.reportPost(cedar, a, { category: 'harmful' });
    later();
    reports.reportPost(birch, c, { category: 'at-risk' });

    const q = reports.queue(sysop);
    expect(q.map((g) => g.targetId)).toEqual([c, b, a]);
    expect(q[0]).toMatchObject({ atRisk: true, count: 1, categories: [{ category: 'at-risk', count: 1 }] });
    expect(q[0]!.atRiskNote).toContain('WHEN A MEMBER MAY BE AT RISK');
    expect(q[0]!.atRiskNote).not.toContain('# Notes');
    expect(q[2]).toMatchObject({
      key: `post:${a}`, kind: 'post', count: 3, weight: 3, copyText: 'post a', boardId: griefId, atRisk: false, atRiskNote: null,
      categories: [{ category: 'harmful', count: 2 }, { category: 'harassment', count: 1 }],
      reporterNames: ['rowan', 'birch', 'cedar'],
    });
    expect(reports.group(griefMod, { kind: 'post', targetId: a })!.count).toBe(3);
    expect(reports.group(griefMod, `post:${a}`)!.reportIds).toEqual(q[2]!.reportIds);
    expect(reports.markActed(sysop, q[0]!.key).reportIds).toEqual(q[0]!.reportIds);
    expect(() => reports.dismiss(sysop, 'post:x')).toThrow('is not a report group');
  });
});

describe('auto-hide', () => {
  const hidden = (id: number) =>
    db.prepare('SELECT hidden_at, hidden_by, hidden_reason FROM posts WHERE id = ?').get(id) as { hidden_at: number | null; hidden_by: string | null; hidden_reason: string | null };

  it('three members reporting one post hide it pending review; a new account counts half', async () => {
    const id = post();
    const changed: unknown[] = [];
    const actions: AuditEntry[] = [];
    services.hub.on('post:changed', (e) => changed.push(e));
    services.hub.on('staff:action', (e) => actions.push(e));
    reports.reportPost(rowan, id, { category: 'harmful' });
    reports.reportPost(newA, id, { category: 'harmful' });
    reports.reportPost(birch, id, { category: 'harmful' });
    expect(reports.group(sysop, { kind: 'post', targetId: id })).toMatchObject({ count: 3, weight: 2.5 });
    expect(hidden(id).hidden_at).toBeNull();
    expect(changed).toEqual([]);

    later();
    reports.reportPost(newB, id, { category: 'spam' });
    expect(hidden(id)).toEqual({ hidden_at: t, hidden_by: 'reports', hidden_reason: expect.stringContaining('a moderator will look at it') });
    expect(changed).toHaveLength(1);
    await Promise.resolve();
    expect(actions).toMatchObject([{ action: 'post.hide', actorName: 'reports', actorId: null, origin: 'bbs', targetId: id, memberId: author.id, boardId: griefId }]);
    expect(reports.queue(griefMod)[0]!.hiddenBy).toBe('reports');
    expect([reports.postsHiddenSince(author.id, t - 1), reports.postsHiddenSince(author.id, t)]).toEqual([1, 0]);
    // A fifth report hides nothing twice.
    reports.reportPost(cedar, id, { category: 'spam' });
    expect(services.audit.list(sysop).filter((e) => e.action === 'post.hide')).toHaveLength(1);
  });

  it('the threshold is a setting (0: never), and dismissed reports no longer count', () => {
    services.settings.setNumber(REPORT_SETTINGS.hideAt, '2');
    const id = post();
    reports.reportPost(rowan, id, { category: 'spam' });
    reports.dismiss(griefMod, { kind: 'post', targetId: id });
    reports.reportPost(birch, id, { category: 'spam' });
    expect(hidden(id).hidden_at).toBeNull();
    reports.reportPost(cedar, id, { category: 'spam' });
    expect(hidden(id).hidden_by).toBe('reports');

    services.settings.setNumber(REPORT_SETTINGS.hideAt, '0');
    const other = post('another');
    for (const m of [rowan, birch, cedar]) reports.reportPost(m, other, { category: 'spam' });
    expect(hidden(other).hidden_at).toBeNull();
    expect(() => services.settings.setNumber(REPORT_SETTINGS.hideAt, '101')).toThrow('reports.hide_at takes a whole number from 0 to 100');
  });
});

describe('dismissing and acting', () => {
  it('dismiss closes every open report of the item, with one audit entry and the note', () => {
    const id = post();
    const first = reports.reportPost(rowan, id, { category: 'harmful' });
    const second = reports.reportPost(birch, id, { category: 'spam' });
    later();
    const done = reports.dismiss(griefMod, second.id, 'Advice is within the guidelines');
    expect(done).toEqual({ outcome: 'dismissed', reportIds: [first.id, second.id] });
    expect(reports.queue(sysop)).toEqual([]);
    expect(reports.get(sysop, first.id)).toMatchObject({ status: 'closed', outcome: 'dismissed', handledByName: 'willow', handledAt: t });
    const entries = services.audit.list(sysop).filter((e) => e.action.startsWith('report.'));
    expect(entries).toMatchObject([{
      action: 'report.dismiss', actorName: 'willow', targetKind: 'report', targetId: first.id, memberId: author.id, boardId: griefId,
      reason: 'Advice is within the guidelines', detail: { kind: 'post', targetId: id, reportIds: [first.id, second.id], outcome: 'dismissed' },
    }]);
    expect(reports.mine(rowan)[0]!.state).toBe('dismissed');
    expect(() => reports.dismiss(griefMod, first.id)).toThrow('Nothing about that post is open: its reports were dismissed already.');
    // A new report after the dismissal starts a new group.
    reports.reportPost(cedar, id, { category: 'harmful' });
    expect(reports.queue(griefMod)).toHaveLength(1);
  });

  it('markActed does the same with outcome acted; the console acts too; close is its old name', () => {
    const id = post();
    const r = reports.reportPost(rowan, id, { category: 'harmful' });
    expect(reports.markActed('console', { kind: 'post', targetId: id }, 'hidden by hand')).toEqual({ outcome: 'acted', reportIds: [r.id] });
    const [entry] = services.audit.list('console').filter((e) => e.action === 'report.act');
    expect(entry).toMatchObject({ origin: 'console', actorName: 'console', reason: 'hidden by hand' });
    expect(reports.get('console', r.id)).toMatchObject({ outcome: 'acted', handledByName: 'the console' });
    expect(reports.mine(rowan)[0]!.state).toBe('acted');

    const other = reports.reportPost(rowan, post('second'), { category: 'spam' });
    expect(reports.close(sysop, other.id)).toMatchObject({ status: 'closed', outcome: 'acted', handledByName: 'keeper' });
    // Closing a closed report changes nothing and records nothing.
    expect(reports.close(sysop, other.id).handledByName).toBe('keeper');
    expect(services.audit.list(sysop).filter((e) => e.action === 'report.act')).toHaveLength(2);
    expect(() => reports.markActed(sysop, 9999)).toThrow('There is no report number 9999.');
  });
});
