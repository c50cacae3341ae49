import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/open.js';
import type { Member } from '../../../src/services/accounts.js';
import type { AuditEntry } from '../../../src/services/audit.js';
import type { Services } from '../../../src/services/index.js';
import { PasswordHasher } from '../../../src/services/password-hasher.js';
import { parseDuration, sanctionNotice } from '../../../src/services/sanctions.js';
import { testServices } from '../../helpers/services.js';

let services: Services;
let db: Db;
let t: number;
let sysop: Member;
let griefMod: Member;
let member: Member;
let griefId: number;
let lobbyId: number;
let griefRoomId: number;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

beforeEach(async () => {
  t = Date.UTC(2026, 11, 1, 9, 0);
  ({ services, db } = testServices({ now: () => t, seedAt: t, hasher: new PasswordHasher(4, 64) }));
  const join = (name: string, role: 'member' | 'sysop' = 'member') =>
    services.accounts.register({ name, password: 'correct horse', acceptedGuidelines: true, role });
  [sysop, griefMod, member] = [await join('keeper', 'sysop'), await join('willow'), await join('rowan')];
  griefId = services.boards.list(sysop).find((b) => b.name.startsWith('Bereavement'))!.id;
  services.boards.setModerator(sysop, griefId, griefMod.id, true);
  lobbyId = services.chatRooms.lobby().id;
  griefRoomId = services.chatRooms.create({ name: 'Grief circle', boardSlug: 'bereavement' }).id;
});

// What the tests did; making moderators in the set-up is audited too, and left out here.
const auditActions = () =>
  (db.prepare("SELECT action FROM audit_log WHERE action != 'board.moderator' ORDER BY id").all() as Array<{ action: string }>).map((r) => r.action);

describe('roles', () => {
  it('a board moderator cannot suspend, ban or disconnect; a member cannot warn; nobody sanctions a sysop or themselves', () => {
    const { sanctions } = services;
    expect(() => sanctions.suspend(griefMod, 'rowan', { days: 7, reason: 'x' })).toThrow('Only a sysop can suspend a member.');
    expect(() => sanctions.ban(griefMod, 'rowan', 'x')).toThrow('Only a sysop can ban a member.');
    expect(() => sanctions.disconnect(griefMod, 'rowan')).toThrow('Only a sysop can disconnect a member.');
    expect(() => sanctions.warn(member, 'willow', 'x', { boardId: griefId })).toThrow(/Only a sysop or this board's moderators can warn/);
    expect(() => sanctions.warn(griefMod, 'keeper', 'x', { boardId: griefId })).toThrow('keeper is a sysop: sysops cannot be sanctioned.');
    expect(() => sanctions.suspend('console', 'keeper', { days: 1, reason: 'x' })).toThrow(/sysops cannot be sanctioned/);
    expect(() => sanctions.mute(griefMod, griefMod, { roomId: griefRoomId, minutes: 5, reason: 'x' })).toThrow('You cannot sanction yourself.');
    expect(() => sanctions.ban(sysop, 'nobody', 'x')).toThrow('There is no member called "nobody".');
    expect(() => sanctions.ban(sysop, 'rowan', '   ')).toThrow(/give a reason/);
    // Nothing was recorded by any refusal.
    expect(db.prepare('SELECT count(*) AS n FROM sanctions').get()).toEqual({ n: 0 });
    expect(auditActions()).toEqual([]);
  });

  it("a board moderator mutes only in their board's rooms; every room is the sysop's", () => {
    const { sanctions } = services;
    expect(() => sanctions.mute(griefMod, 'rowan', { roomId: lobbyId, minutes: 10, reason: 'x' })).toThrow(/this room's moderators/);
    expect(() => sanctions.mute(griefMod, 'rowan', { roomId: null, minutes: 10, reason: 'x' })).toThrow('Only a sysop can mute a member in every room.');
    expect(sanctions.mute(griefMod, 'rowan', { roomId: griefRoomId, minutes: 10, reason: 'x' })).toMatchObject({ kind: 'mute', boardId: griefId });
  });
});

describe('mutes', () => {
  it('refuse a muted member\'s line with when it ends, then let it through once the mute is over', () => {
    const { sanctions, chat } = services;
    chat.enter(griefRoomId, 1, member);
    sanctions.mute(griefMod, member, { roomId: griefRoomId, minutes: 30, reason: 'Please cool off.' });
    expect(() => chat.say(griefRoomId, member, 'hello')).toThrow('You are muted in this room until 09:30 on 1 December 2026: Please cool off.');
    // Other rooms are unaffected by a room's mute.
    chat.enter(lobbyId, 1, member);
    expect(chat.say(lobbyId, member, 'hi lobby').text).toBe('hi lobby');
    t += 30 * MINUTE;
    chat.enter(griefRoomId, 1, member);
    expect(chat.say(griefRoomId, member, 'hello again').text).toBe('hello again');
  });

  it('in every room, until lifted', () => {
    const { sanctions, chat } = services;
    const mute = sanctions.mute(sysop, member, { roomId: null, minutes: 60, reason: 'Flooding.' });
    chat.enter(lobbyId, 1, member);
    expect(() => chat.say(lobbyId, member, 'hello')).toThrow(/You are muted in chat until 10:00/);
    expect(() => sanctions.lift(griefMod, mute.id)).toThrow('Only a sysop can lift a mute in every room.');
    sanctions.lift(sysop, mute.id);
    expect(chat.say(lobbyId, member, 'hello').text).toBe('hello');
    expect(auditActions()).toEqual(['member.mute', 'member.lift']);
  });
});

describe('suspensions and bans', () => {
  it('a suspension is active until its end, with one audit entry announced on the hub', async () => {
    const heard: AuditEntry[] = [];
    services.hub.on('staff:action', (e) => heard.push(e));
    const s = services.sanctions.suspend('console', 'ROWAN', { days: 7, reason: 'Repeated harassment.' });
    expect(s).toMatchObject({ kind: 'suspend', memberId: member.id, endsAt: t + 7 * DAY, byName: 'console' });
    expect(services.sanctions.activeBan(member.id)).toMatchObject({ id: s.id, reason: 'Repeated harassment.' });
    expect(sanctionNotice(s, 'UTC')).toBe('Your account is suspended until 8 December 2026 at 09:00: Repeated harassment.');
    await Promise.resolve();
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({
      action: 'member.suspend', origin: 'console', memberId: member.id, targetLabel: 'rowan', reason: 'Repeated harassment.', detail: { endsAt: t + 7 * DAY },
    });
    t += 7 * DAY;
    expect(services.sanctions.activeBan(member.id)).toBeUndefined();
  });

  it('a ban has no end until unbanned; lifting records who lifted it', () => {
    const { sanctions } = services;
    sanctions.suspend(sysop, member, { durationMs: 3 * DAY, reason: 'First.' });
    const ban = sanctions.ban(sysop, member, 'Threats.');
    expect(sanctions.activeBan(member.id)).toMatchObject({ id: ban.id, kind: 'ban', endsAt: null });
    expect(sanctionNotice(ban, 'UTC')).toBe('Your account is banned: Threats.');
    expect(() => sanctions.unban(griefMod, member)).toThrow(/Only a sysop/);
    expect(sanctions.unban(sysop, 'rowan')).toBe(2);
    expect(sanctions.activeBan(member.id)).toBeUndefined();
    expect(() => sanctions.unban(sysop, 'rowan')).toThrow('rowan is not suspended or banned.');
    expect(sanctions.recentFor(griefMod, member.id).map((s) => [s.kind, s.liftedByName])).toEqual([['ban', 'keeper'], ['suspend', 'keeper']]);
    expect(() => sanctions.recentFor(member, member.id)).toThrow(/Only a sysop or a moderator/);
    expect(auditActions()).toEqual(['member.suspend', 'member.ban', 'member.unban']);
  });

  it('reads the lengths of time a sysop types, and refuses others', () => {
    expect([parseDuration('7d'), parseDuration('12h'), parseDuration('30m'), parseDuration('2w'), parseDuration('3')]).toEqual([
      7 * DAY, 12 * 60 * MINUTE, 30 * MINUTE, 14 * DAY, 3 * DAY,
    ]);
    expect(() => parseDuration('7x')).toThrow('"7x" is not a length of time: say e.g. 30m, 12h, 7d or 2w.');
    expect(() => parseDuration('400d')).toThrow(/one minute to 365 days/);
    expect(() => parseDuration('0d')).toThrow(/one minute to 365 days/);
  });
});

describe('warnings, disconnects and broadcasts', () => {
  it('a warning waits for its member to acknowledge it', () => {
    const { sanctions } = services;
    const w = sanctions.warn(griefMod, 'rowan', 'Please keep advice to your own experience.', { boardId: griefId });
    expect(sanctions.pendingWarnings(member).map((p) => p.id)).toEqual([w.id]);
    expect(() => sanctions.acknowledge(griefMod, w.id)).toThrow('There is no such warning for you.');
    sanctions.acknowledge(member, w.id);
    expect(sanctions.pendingWarnings(member)).toEqual([]);
    expect(auditActions()).toEqual(['member.warn']);
  });

  it('a disconnect and a broadcast are audited; a broadcast is kept, and only a sysop sends one', () => {
    const { sanctions } = services;
    sanctions.disconnect(sysop, 'rowan', 'Please take a break.');
    expect(() => sanctions.broadcast(griefMod, 'hello')).toThrow('Only a sysop can send a broadcast.');
    expect(() => sanctions.broadcast(sysop, '  ')).toThrow(/needs some text/);
    sanctions.broadcast('console', 'Back in 5 minutes\x1b[31m');
    expect(db.prepare('SELECT text, by_name FROM broadcasts').all()).toEqual([{ text: 'Back in 5 minutes', by_name: 'console' }]);
    expect(sanctions.latestBroadcast(10 * MINUTE)?.text).toBe('Back in 5 minutes');
    t += 11 * MINUTE;
    expect(sanctions.latestBroadcast(10 * MINUTE)).toBeUndefined();
    const entries = services.audit.list(sysop).filter((e) => e.action !== 'board.moderator');
    expect(entries.map((e) => [e.action, e.reason, e.detail.text ?? null])).toEqual([
      ['broadcast', '', 'Back in 5 minutes'],
      ['member.disconnect', 'Please take a break.', null],
    ]);
  });
});

describe('who is online, for the console', () => {
  it('writes presence to online_now, invisible sessions marked, and reads it back', () => {
    const { presence, online } = services;
    presence.join(member.id, member.name);
    presence.join(griefMod.id, griefMod.name, true);
    online.write();
    expect(online.list().map((r) => [r.name, r.place, r.invisible])).toEqual([['rowan', 'Main menu', false], ['willow', 'Main menu', true]]);
  });
});

describe('the server following presence for the console', () => {
  it('empties online_now when it starts, writes changes within the interval, and empties it when it stops', async () => {
    const { presence, online } = services;
    db.prepare("INSERT INTO online_now (session_id, member_id, name, place, since) VALUES (99, 1, 'ghost', 'Chat', 0)").run();
    const stop = online.follow(50);
    expect(online.list()).toEqual([]);
    const session = presence.join(member.id, member.name);
    presence.setPlace(session, 'Chat: Lobby');
    const deadline = Date.now() + 5000;
    while (online.list().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(online.list()).toMatchObject([{ name: 'rowan', place: 'Chat: Lobby', invisible: false, since: t }]);
    stop();
    expect(online.list()).toEqual([]);
  });
});
