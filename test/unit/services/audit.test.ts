import { beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../../src/services/accounts.js';
import type { AuditEntry } from '../../../src/services/audit.js';
import type { Services } from '../../../src/services/index.js';
import type { Db } from '../../../db/open.js';
import { testServices } from '../../helpers/services.js';

let services: Services;
let db: Db;
let t = Date.UTC(2026, 11, 1, 9, 0);
let sysop: Member;
let griefMod: Member;
let member: Member;
let griefId: number;
let lobbyId: number;

beforeEach(async () => {
  ({ services, db } = testServices({ now: () => t, seedAt: t }));
  const join = (name: string, role: 'member' | 'sysop' = 'member') =>
    services.accounts.register({ name, password: 'correct horse', acceptedGuidelines: true, role });
  [sysop, griefMod, member] = [await join('keeper', 'sysop'), await join('willow'), await join('rowan')];
  griefId = services.boards.list(sysop).find((b) => b.name.startsWith('Bereavement'))!.id;
  services.boards.setModerator(sysop, griefId, griefMod.id, true);
  lobbyId = services.chatRooms.lobby().id;
});

describe('roles', () => {
  it('a sysop and the console moderate every board; a board moderator only theirs; a member none', () => {
    const other = services.boards.list(sysop).find((b) => b.id !== griefId)!.id;
    const { staff } = services;
    expect([staff.moderatesBoard(sysop, other), staff.moderatesBoard('console', other)]).toEqual([true, true]);
    expect([staff.moderatesBoard(griefMod, griefId), staff.moderatesBoard(griefMod, other)]).toEqual([true, false]);
    expect(staff.moderatesBoard(member, griefId)).toBe(false);
    expect(() => staff.requireBoard(griefMod, other, 'hide posts')).toThrow(/Only a sysop or this board's moderators can hide posts/);
    expect([staff.isStaff(griefMod), staff.isStaff(member)]).toEqual([true, false]);
  });

  it("a room linked to a board is moderated by that board's moderators; the Lobby by sysops only", () => {
    const room = services.chatRooms.create({ name: 'Grief circle', boardSlug: 'bereavement' });
    expect(services.staff.moderatesRoom(griefMod, room.id)).toBe(true);
    expect(services.staff.moderatesRoom(griefMod, lobbyId)).toBe(false);
    expect(services.staff.moderatesRoom(sysop, lobbyId)).toBe(true);
  });
});

describe('the audit log', () => {
  it('records who did what, to what, why and when, and announces it once recorded', async () => {
    const heard: AuditEntry[] = [];
    services.hub.on('staff:action', (e) => heard.push(e));
    const entry = services.audit.record(griefMod, {
      action: 'post.hide', targetKind: 'post', targetId: 7, targetLabel: 'A subject', memberId: member.id, boardId: griefId, reason: 'unsafe advice',
    });
    expect(entry).toMatchObject({ origin: 'bbs', actorName: 'willow', action: 'post.hide', reason: 'unsafe advice', at: t });
    expect(heard).toEqual([]);
    await Promise.resolve();
    expect(heard.map((e) => e.id)).toEqual([entry.id]);
  });

  it('refuses every change and every deletion, whoever asks', () => {
    services.audit.record('console', { action: 'broadcast', reason: 'hello' });
    expect(() => db.prepare("UPDATE audit_log SET reason = 'nothing'").run()).toThrow(/cannot be changed/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/cannot be changed/);
    // The broadcast, and willow made a moderator before the test.
    expect(services.audit.list('console')).toHaveLength(2);
  });

  it("lists newest first, by actor and since a time; a moderator reads their boards' entries and their own, a member nothing", () => {
    services.audit.record(sysop, { action: 'member.suspend', memberId: member.id, reason: 'harassment' });
    t += 1000;
    services.audit.record(griefMod, { action: 'post.hide', boardId: griefId, reason: 'spam' });
    t += 1000;
    services.audit.record('console', { action: 'thread.lock', boardId: griefId + 1 });
    // The oldest: willow made a moderator of the grief board before the test.
    expect(services.audit.list(sysop).map((e) => e.action)).toEqual(['thread.lock', 'post.hide', 'member.suspend', 'board.moderator']);
    expect(services.audit.list('console', { by: 'WILLOW' }).map((e) => e.action)).toEqual(['post.hide']);
    expect(services.audit.list('console', { since: t - 1000 }).map((e) => e.action)).toEqual(['thread.lock', 'post.hide']);
    expect(services.audit.list(griefMod).map((e) => e.action)).toEqual(['post.hide', 'board.moderator']);
    expect(() => services.audit.list(member)).toThrow(/Only a sysop or a moderator/);
  });

  it("a running server announces what the console recorded, once, and not what it recorded itself", async () => {
    const start = services.audit.lastId();
    services.audit.record(sysop, { action: 'post.hide' });
    services.audit.record('console', { action: 'broadcast', reason: 'Back at six' });
    await Promise.resolve();
    const heard: AuditEntry[] = [];
    services.hub.on('staff:action', (e) => heard.push(e));
    const seen = services.audit.announceConsoleEntries(start);
    expect(heard.map((e) => e.action)).toEqual(['broadcast']);
    expect(services.audit.announceConsoleEntries(seen)).toBe(seen);
    expect(heard).toHaveLength(1);
  });
});
