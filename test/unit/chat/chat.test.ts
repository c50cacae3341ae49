import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { chatWorld } from './world.js';

const DAY = 86_400_000;

describe('chat rooms', () => {
  it('there is always a Lobby, which cannot be closed', () => {
    const w = chatWorld();
    const lobby = w.rooms.lobby();
    expect(lobby.name).toBe('Lobby');
    expect(() => w.rooms.close(lobby.id)).toThrow(/cannot be closed/);
  });

  it('a sysop opens a room for a support group, renames it and closes it; the name may be used again', () => {
    const w = chatWorld();
    const closed = w.record('chat:room-closed');
    const room = w.rooms.create({ name: 'Bereavement', topic: 'Grief, together', boardSlug: 'bereavement' });
    expect(room.boardId).not.toBeNull();
    expect(w.rooms.list().map((r) => r.name)).toEqual(['Lobby', 'Bereavement']);
    expect(() => w.rooms.create({ name: 'bereavement' })).toThrow(/already a room/);
    expect(w.rooms.rename(room.id, 'Loss & grief').name).toBe('Loss & grief');
    expect(w.rooms.findByName('LOSS & GRIEF')?.id).toBe(room.id);
    w.rooms.close(room.id);
    expect(closed).toEqual([{ roomId: room.id, lobbyId: w.rooms.lobby().id }]);
    expect(w.rooms.get(room.id)).toBeUndefined();
    expect(w.rooms.create({ name: 'Loss & grief' }).id).not.toBe(room.id);
  });

  it('room names are one clean line without "/"', () => {
    const w = chatWorld();
    expect(() => w.rooms.create({ name: 'a/b' })).toThrow(/cannot contain/);
    expect(() => w.rooms.create({ name: 'x' })).toThrow(/2 to 32/);
    expect(w.rooms.create({ name: 'Night\x1b[2J owls\u202e' }).name).toBe('Night owls');
    expect(() => w.rooms.create({ name: 'Job loss', boardSlug: 'nope' })).toThrow(/no support group/);
  });
});

describe('chat lines', () => {
  it('a line is stored before it is announced, and a member who joins later reads it', async () => {
    const w = chatWorld();
    const alice = await w.member('alice');
    const bob = await w.member('bob');
    const lobby = w.rooms.lobby().id;
    let storedWhenAnnounced = false;
    w.hub.on('chat:line', (line) => {
      storedWhenAnnounced = w.chat.scrollback(lobby, bob.id).some((l) => l.id === line.id);
    });
    w.chat.enter(lobby, 1, alice);
    w.chat.say(lobby, alice, 'hello\x1b]52;c;ZXZpbA==\x07 there {bold}');
    expect(storedWhenAnnounced).toBe(true);
    const lines = w.chat.scrollback(lobby, bob.id);
    expect(lines.map((l) => [l.name, l.kind, l.text])).toEqual([['alice', 'say', 'hello there {bold}']]);
  });

  it('an over-long line is refused with the limit, not cut', async () => {
    const w = chatWorld();
    const alice = await w.member('alice');
    const lobby = w.rooms.lobby().id;
    expect(() => w.chat.say(lobby, alice, 'x'.repeat(501))).toThrow(/longer than 500 characters/);
    w.settings.set('chat.max_line_chars', 100);
    expect(() => w.chat.say(lobby, alice, 'x'.repeat(101))).toThrow(/longer than 100/);
    expect(w.chat.say(lobby, alice, 'x'.repeat(100)).text).toHaveLength(100);
    expect(() => w.chat.say(lobby, alice, '   ')).toThrow(/nothing to send/);
  });

  it('a whisper is read only by its sender and its reader, and says when the reader is away', async () => {
    const w = chatWorld();
    const [alice, bob, carol] = [await w.member('alice'), await w.member('bob'), await w.member('carol')];
    const lobby = w.rooms.lobby().id;
    expect(() => w.chat.whisper(lobby, alice, 'bob', 'psst')).toThrow(/not in chat/);
    w.chat.enter(lobby, 1, alice);
    w.chat.enter(lobby, 2, bob);
    w.chat.enter(lobby, 3, carol);
    w.chat.setAway(2, 'making tea');
    const { line, away } = w.chat.whisper(lobby, alice, 'BOB', 'psst');
    expect(away).toBe('making tea');
    expect(line).toMatchObject({ kind: 'whisper', toMemberId: bob.id, toName: 'bob' });
    expect(w.chat.scrollback(lobby, bob.id)).toHaveLength(1);
    expect(w.chat.scrollback(lobby, alice.id)).toHaveLength(1);
    expect(w.chat.scrollback(lobby, carol.id)).toHaveLength(0);
  });

  it('lines from a member someone ignores are left out of their scrollback', async () => {
    const w = chatWorld();
    const [alice, bob] = [await w.member('alice'), await w.member('bob')];
    const lobby = w.rooms.lobby().id;
    w.chat.say(lobby, alice, 'one');
    w.chat.say(lobby, bob, 'two');
    w.blocks.blockByName(bob.id, 'alice');
    expect(w.chat.scrollback(lobby, bob.id).map((l) => l.text)).toEqual(['two']);
    expect(w.chat.scrollback(lobby, alice.id).map((l) => l.text)).toEqual(['one', 'two']);
  });

  it('lines older than the retention time are deleted; the sysop sets the time', async () => {
    const w = chatWorld();
    const alice = await w.member('alice');
    const lobby = w.rooms.lobby().id;
    w.chat.say(lobby, alice, 'old');
    w.clock.t += 6 * DAY;
    w.chat.say(lobby, alice, 'newer');
    w.clock.t += 1 * DAY + 1;
    expect(w.chat.purgeExpired()).toBe(1);
    expect(w.chat.scrollback(lobby, alice.id).map((l) => l.text)).toEqual(['newer']);
    w.settings.set('chat.retention_days', 0.5);
    expect(w.chat.purgeExpired()).toBe(1);
    expect(w.chat.scrollback(lobby, alice.id)).toEqual([]);
  });
});

describe('who is in a room', () => {
  it('counts members once however many sessions they have, and tells the room who came and went', async () => {
    const w = chatWorld();
    const notices = w.record('chat:notice');
    const [alice, bob] = [await w.member('alice'), await w.member('bob')];
    const lobby = w.rooms.lobby().id;
    const other = w.rooms.create({ name: 'Night owls' }).id;
    w.chat.enter(lobby, 1, alice);
    w.chat.enter(lobby, 2, alice);
    w.chat.enter(lobby, 3, bob);
    expect(w.chat.countIn(lobby)).toBe(2);
    expect(w.chat.occupantsOf(lobby).map((o) => o.name)).toEqual(['alice', 'bob']);
    w.chat.enter(other, 3, bob);
    expect(w.chat.roomOf(3)).toBe(other);
    w.chat.leave(1);
    w.chat.leave(2);
    expect(w.chat.countIn(lobby)).toBe(0);
    expect(notices.map((n) => n.text)).toEqual(['alice joined.', 'bob joined.', 'bob left.', 'bob joined.', 'alice left.']);
  });

  it('away and back', async () => {
    const w = chatWorld();
    const alice = await w.member('alice');
    const lobby = w.rooms.lobby().id;
    w.chat.enter(lobby, 1, alice);
    w.chat.setAway(1, '');
    expect(w.chat.occupantsOf(lobby)[0]!.away).toBe('');
    expect(w.chat.awayReason(alice.id)).toBe('');
    w.chat.setAway(1, null);
    expect(w.chat.awayReason(alice.id)).toBeNull();
    expect(() => w.chat.setAway(9, 'x')).toThrow(/not in a room/);
  });
});

describe('paging', () => {
  it('pages reach a member who is online and visible, unless they turned pages off', async () => {
    const w = chatWorld();
    const pages = w.record('chat:page');
    const [alice, bob, carol] = [await w.member('alice'), await w.member('bob'), await w.member('carol')];
    const lobby = w.rooms.lobby();
    expect(() => w.chat.page(alice, 'bob', lobby.id)).toThrow(/not online/);
    w.presence.join(bob.id, 'bob');
    w.chat.page(alice, 'bob', lobby.id);
    expect(pages).toEqual([{ toMemberId: bob.id, fromMemberId: alice.id, fromName: 'alice', roomId: lobby.id, roomName: 'Lobby' }]);
    expect(() => w.chat.page(alice, 'bob', lobby.id)).toThrow(/a moment ago/);
    w.presence.join(carol.id, 'carol', true);
    expect(() => w.chat.page(alice, 'carol', lobby.id)).toThrow(/not online/);
    w.presence.setInvisible(carol.id, false);
    w.prefs.setAllowPages(carol.id, false);
    expect(() => w.chat.page(alice, 'carol', lobby.id)).toThrow(/not taking pages/);
    expect(() => w.chat.page(alice, 'alice', lobby.id)).toThrow(/yourself/);
  });

  it('a member who blocked the pager never sees the page, and the pager is not told', async () => {
    const w = chatWorld();
    const pages = w.record('chat:page');
    const [alice, bob] = [await w.member('alice'), await w.member('bob')];
    w.presence.join(bob.id, 'bob');
    w.blocks.block(bob.id, alice.id);
    expect(w.chat.page(alice, 'bob', w.rooms.lobby().id).name).toBe('bob');
    expect(pages).toEqual([]);
  });
});

describe('member preferences', () => {
  it('default to visible and pageable, and are remembered', async () => {
    const w = chatWorld();
    const alice = await w.member('alice');
    expect(w.prefs.get(alice.id)).toEqual({ invisible: false, allowPages: true, lightLook: 'auto' });
    w.prefs.setInvisible(alice.id, true);
    w.prefs.setAllowPages(alice.id, false);
    expect(w.prefs.get(alice.id)).toEqual({ invisible: true, allowPages: false, lightLook: 'auto' });
  });
});

it('service errors are UserErrors a screen can show', () => {
  const w = chatWorld();
  expect(() => w.rooms.close(w.rooms.lobby().id)).toThrow(UserError);
  expect(() => w.rooms.close(9999)).toThrow(UserError);
});
