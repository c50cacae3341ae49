import { afterEach, describe, expect, it } from 'vitest';
import { chatWorld, type ChatWorld } from './world.js';

let world: ChatWorld | undefined;
afterEach(() => world?.meetings.stop());

async function meetingRoom() {
  const w = (world = chatWorld());
  const [dana, alice, bob, sysop] = [await w.member('dana'), await w.member('alice'), await w.member('bob'), await w.member('ops', 'sysop')];
  const room = w.rooms.create({ name: 'Recovery' });
  const roomId = room.id;
  for (const [i, m] of [dana, alice, bob].entries()) w.chat.enter(roomId, i + 1, m);
  return { w, dana, alice, bob, sysop, roomId };
}

const texts = (w: ChatWorld, roomId: number, viewer: number) => w.chat.scrollback(roomId, viewer).map((l) => l.text);

describe('meeting schedules', () => {
  it('checks what the sysop typed', async () => {
    const { w, roomId } = await meetingRoom();
    const base = { weekday: 'tue', start: '19:00', timeZone: 'Europe/London', minutes: 60 };
    expect(() => w.meetings.setSchedule(roomId, { ...base, weekday: 'someday' })).toThrow(/not a day/);
    expect(() => w.meetings.setSchedule(roomId, { ...base, start: '7pm' })).toThrow(/not a time of day/);
    expect(() => w.meetings.setSchedule(roomId, { ...base, timeZone: 'Moon/Base' })).toThrow(/time zone/);
    expect(() => w.meetings.setSchedule(roomId, { ...base, minutes: 2 })).toThrow(/5 to 480/);
    expect(() => w.meetings.setSchedule(roomId, { ...base, facilitator: 'ghost' })).toThrow(/no member/);
    const s = w.meetings.setSchedule(roomId, { ...base, timeZone: 'europe/london', facilitator: 'dana', opening: 'Welcome.\n\nBe kind.' });
    expect(s).toMatchObject({ weekday: 2, startTime: '19:00', timeZone: 'Europe/London', facilitatorName: 'dana', opening: 'Welcome.\n\nBe kind.' });
    w.meetings.clearSchedule(roomId);
    expect(w.meetings.schedule(roomId)).toBeUndefined();
  });

  it('when a meeting starts, the room shows its opening statement, once', async () => {
    const { w, roomId, alice } = await meetingRoom();
    w.meetings.startTimer();
    w.meetings.setSchedule(roomId, { weekday: 2, start: '12:30', timeZone: 'UTC', minutes: 60, facilitator: 'dana', opening: 'Our guidelines: be kind.' });
    expect(texts(w, roomId, alice.id)).toEqual([]);
    w.clock.t += 31 * 60_000;
    w.meetings.rearm();
    w.meetings.rearm();
    expect(texts(w, roomId, alice.id)).toEqual([
      "It is time for this room's weekly meeting (60 minutes, facilitated by dana).",
      'Our guidelines: be kind.',
    ]);
  });
});

describe('a meeting in progress', () => {
  it('the facilitator opens it, hands go up in turn, and whoever has the floor speaks', async () => {
    const { w, roomId, dana, alice, bob } = await meetingRoom();
    w.meetings.setSchedule(roomId, { weekday: 'wed', start: '19:00', timeZone: 'UTC', minutes: 60, facilitator: 'dana', opening: 'Be kind.' });
    expect(() => w.meetings.start(roomId, alice)).toThrow(/facilitator/);
    expect(() => w.meetings.toggleHand(roomId, alice)).toThrow(/during a meeting/);
    w.meetings.start(roomId, dana);
    expect(w.meetings.state(roomId).inProgress).toBe(true);
    expect(w.meetings.toggleHand(roomId, bob)).toBe(true);
    expect(w.meetings.toggleHand(roomId, alice)).toBe(true);
    expect(w.meetings.state(roomId).hands.map((h) => h.name)).toEqual(['bob', 'alice']);
    expect(w.meetings.next(roomId, dana)?.name).toBe('bob');
    expect(w.meetings.state(roomId).floor?.name).toBe('bob');
    expect(() => w.chat.say(roomId, alice, 'me too')).toThrow(/bob has the floor/);
    w.chat.say(roomId, bob, 'thank you all');
    w.chat.say(roomId, dana, 'thank you bob');
    w.meetings.yieldFloor(roomId, bob);
    w.chat.say(roomId, alice, 'open floor now');
    expect(w.meetings.next(roomId, dana)?.name).toBe('alice');
    w.meetings.end(roomId, dana);
    expect(w.meetings.state(roomId)).toEqual({ inProgress: false, floor: null, hands: [] });
    expect(texts(w, roomId, bob.id)).toEqual([
      'dana opened the meeting. To speak, raise your hand with /hand.',
      'Be kind.',
      'bob has the floor.',
      'thank you all',
      'thank you bob',
      'bob has finished.',
      'open floor now',
      'alice has the floor.',
      'The meeting has ended. Thank you all for being here.',
    ]);
  });

  it('a meeting still open when its time is over closes by itself, and nobody keeps the floor', async () => {
    const { w, roomId, dana, alice, bob } = await meetingRoom();
    w.meetings.startTimer();
    // Tuesday 12:00 UTC now: the meeting runs 12:00 to 13:00.
    w.meetings.setSchedule(roomId, { weekday: 2, start: '12:00', timeZone: 'UTC', minutes: 60, facilitator: 'dana' });
    w.meetings.start(roomId, dana);
    w.meetings.toggleHand(roomId, bob);
    w.meetings.next(roomId, dana);
    expect(() => w.chat.say(roomId, alice, 'may I?')).toThrow(/bob has the floor/);
    const meetingEvents = w.record('chat:meeting');
    w.clock.t += 61 * 60_000;
    w.meetings.rearm();
    expect(w.meetings.state(roomId)).toEqual({ inProgress: false, floor: null, hands: [] });
    expect(meetingEvents).toContainEqual({ roomId });
    expect(texts(w, roomId, alice.id).at(-1)).toBe('The meeting time is over. The floor is open to everyone again.');
    w.chat.say(roomId, alice, 'may I now?');
    expect(texts(w, roomId, alice.id).at(-1)).toBe('may I now?');
  });

  it('a meeting opened outside its weekly time runs until the facilitator ends it', async () => {
    const { w, roomId, dana } = await meetingRoom();
    w.meetings.startTimer();
    w.meetings.setSchedule(roomId, { weekday: 'wed', start: '19:00', timeZone: 'UTC', minutes: 60, facilitator: 'dana' });
    w.meetings.start(roomId, dana);
    w.clock.t += 3 * 60 * 60_000;
    w.meetings.rearm();
    expect(w.meetings.state(roomId).inProgress).toBe(true);
  });

  it('a member who leaves loses their place in the queue and the floor', async () => {
    const { w, roomId, dana, alice, sysop } = await meetingRoom();
    w.meetings.start(roomId, sysop);
    w.meetings.toggleHand(roomId, alice);
    w.meetings.next(roomId, sysop);
    expect(w.meetings.state(roomId).floor?.name).toBe('alice');
    w.chat.leave(2);
    expect(w.meetings.state(roomId).floor).toBeNull();
    expect(w.meetings.canFacilitate(roomId, dana)).toBe(false);
  });
});
