import { beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../../src/services/accounts.js';
import { parseMuteArgs, parseSuspendArgs, runChatInput, type ChatCommandContext } from '../../../src/services/chat-commands.js';
import type { Services } from '../../../src/services/index.js';
import { PasswordHasher } from '../../../src/services/password-hasher.js';
import { testServices } from '../../helpers/services.js';

const MINUTE = 60_000;
let services: Services;
let t: number;
let sysop: Member;
let griefMod: Member;
let otherMod: Member;
let rowan: Member;
let griefRoomId: number;

beforeEach(async () => {
  t = Date.UTC(2026, 11, 1, 9, 0);
  ({ services } = testServices({ now: () => t, seedAt: t, hasher: new PasswordHasher(4, 64) }));
  const join = (name: string, role: 'member' | 'sysop' = 'member') =>
    services.accounts.register({ name, password: 'correct horse', acceptedGuidelines: true, role });
  [sysop, griefMod, otherMod, rowan] = [await join('keeper', 'sysop'), await join('willow'), await join('aspen'), await join('rowan')];
  const boards = services.boards.list(sysop);
  services.boards.setModerator(sysop, boards.find((b) => b.name.startsWith('Bereavement'))!.id, griefMod.id, true);
  services.boards.setModerator(sysop, boards.find((b) => !b.name.startsWith('Bereavement'))!.id, otherMod.id, true);
  griefRoomId = services.chatRooms.create({ name: 'Grief circle', boardSlug: 'bereavement' }).id;
});

/** A member typing in a room: what they were shown and what was refused. */
function typist(member: Member, roomId = griefRoomId) {
  const shown: string[] = [];
  const problems: string[] = [];
  const cx: ChatCommandContext = {
    services, member, sessionId: member.id, roomId: () => roomId,
    print: (text) => shown.push(text),
    problem: (text) => problems.push(text),
    restoreInput: () => {},
    joinRoom: () => {},
    leaveChat: () => {},
    chooseReportReason: () => {},
    chooseLine: () => {},
  };
  return { shown, problems, type: (line: string) => runChatInput(cx, [line]) };
}

describe('reading staff commands', () => {
  it('/mute takes a length with a unit as its second word, else ten minutes and the rest is the reason', () => {
    expect(parseMuteArgs('rowan 10m spamming the room')).toEqual({ name: 'rowan', minutes: 10, reason: 'spamming the room' });
    expect(parseMuteArgs('rowan 2h  x')).toEqual({ name: 'rowan', minutes: 120, reason: 'x' });
    expect(parseMuteArgs('rowan 1d x')).toEqual({ name: 'rowan', minutes: 24 * 60, reason: 'x' });
    expect(parseMuteArgs('rowan spamming')).toEqual({ name: 'rowan', minutes: 10, reason: 'spamming' });
    // A bare number is part of the reason, not three days.
    expect(parseMuteArgs('rowan 3 links in a row')).toEqual({ name: 'rowan', minutes: 10, reason: '3 links in a row' });
    expect(parseMuteArgs('rowan 10m')).toEqual({ name: 'rowan', minutes: 10, reason: '' });
    expect(() => parseMuteArgs('rowan 0m x')).toThrow(/from one minute to 365 days/);
  });

  it('/suspend needs a length; a bare number is days, as at the console', () => {
    expect(parseSuspendArgs('rowan 7d Repeated harassment.')).toEqual({ name: 'rowan', durationMs: 7 * 24 * 60 * MINUTE, reason: 'Repeated harassment.' });
    expect(parseSuspendArgs('rowan 3 x').durationMs).toBe(3 * 24 * 60 * MINUTE);
    expect(() => parseSuspendArgs('rowan because')).toThrow('"because" is not a length of time: say e.g. 30m, 12h, 7d or 2w.');
  });
});

describe('staff commands in a chat room', () => {
  it("a board's moderator mutes in its room, the room is told without the moderator's name, and /unmute lifts it", async () => {
    const notices: string[] = [];
    services.hub.on('chat:notice', (n) => n.roomId === griefRoomId && notices.push(n.text));
    const willow = typist(griefMod);
    willow.type('/mute rowan 10m spamming');
    expect(willow.problems).toEqual([]);
    expect(willow.shown).toEqual(['rowan is muted in this room until 09:10. /unmute rowan to lift it.']);
    expect(() => services.chat.say(griefRoomId, rowan, 'hello')).toThrow('You are muted in this room until 09:10 on 1 December 2026: spamming');
    // The audit entry, and with it the room's line, is announced once the action has committed.
    await Promise.resolve();
    expect(notices).toEqual(['rowan was muted for 10 minutes by a moderator.']);
    willow.type('/unmute rowan');
    expect(willow.shown.at(-1)).toBe('rowan may speak here again.');
    expect(() => services.chat.say(griefRoomId, rowan, 'hello')).not.toThrow();
    willow.type('/unmute rowan');
    expect(willow.problems).toEqual(['rowan is not muted here.']);
  });

  it("a moderator of another board is refused, and so is a moderator's /suspend; nothing is recorded", () => {
    const before = services.audit.lastId();
    const aspen = typist(otherMod);
    aspen.type('/mute rowan 10m spamming');
    aspen.type('/suspend rowan 1d spamming');
    aspen.type('/warn rowan please stop');
    expect(aspen.problems).toEqual([
      "Only a sysop or this room's moderators can mute a member here.",
      'Only a sysop can suspend a member.',
      "Only a sysop or this board's moderators can warn a member.",
    ]);
    expect(services.sanctions.activeMute(rowan.id, griefRoomId)).toBeUndefined();
    expect(services.audit.lastId()).toBe(before);
  });

  it('a member typing a staff command is told it is unknown, and /help lists staff commands only for staff', () => {
    const member = typist(rowan);
    member.type('/mute willow 10m x');
    expect(member.problems).toEqual(['Unknown command /mute. Type /help for the list.']);
    member.type('/help');
    expect(member.shown.join('\n')).not.toMatch(/\/(mute|unmute|warn|kick|suspend)\b/);
    const willow = typist(griefMod);
    willow.type('/help');
    expect(willow.shown.join('\n')).toMatch(/\/mute name \[10m\|1h\|24h\] reason/);
    expect(willow.shown.join('\n')).toMatch(/\/warn name reason/);
    expect(willow.shown.join('\n')).not.toMatch(/\/(kick|suspend)\b/);
    const keeper = typist(sysop);
    keeper.type('/help');
    expect(keeper.shown.join('\n')).toMatch(/\/kick name \[reason\][\s\S]*\/suspend name/);
  });

  it('a warning from the room goes to the board of the room; the sysop suspends and kicks', () => {
    const willow = typist(griefMod);
    willow.type('/warn rowan Please keep advice to your own experience.');
    expect(willow.problems).toEqual([]);
    expect(services.sanctions.pendingWarnings(rowan)).toMatchObject([{ reason: 'Please keep advice to your own experience.' }]);
    const keeper = typist(sysop);
    keeper.type('/mute rowan');
    expect(keeper.problems).toEqual(['Usage: /mute name [10m|1h|24h] reason']);
    keeper.type('/suspend rowan 3d Cooling off.');
    expect(keeper.problems).toEqual(['Usage: /mute name [10m|1h|24h] reason']);
    expect(services.sanctions.activeBan(rowan.id)).toMatchObject({ kind: 'suspend', endsAt: t + 3 * 24 * 60 * MINUTE, reason: 'Cooling off.' });
    keeper.type('/kick rowan');
    expect(keeper.shown.at(-1)).toBe("rowan's session has been ended.");
  });
});
