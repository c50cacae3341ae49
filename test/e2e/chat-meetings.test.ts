import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { answerTimeZone, signUp } from '../helpers/client.js';
import { enterLobby, say } from '../helpers/chat.js';
import { KEY } from '../helpers/screen.js';

let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

describe('facilitated meetings', () => {
  it('the chat list shows the next meeting in the member’s own time zone', async () => {
    const { chatRooms, meetings } = bbs.haven.services;
    const room = chatRooms.create({ name: 'Grief circle', topic: 'For anyone who has lost someone' });
    const inTwoDays = (new Date().getUTCDay() + 2) % 7;
    meetings.setSchedule(room.id, { weekday: inTwoDays, start: '19:00', timeZone: 'UTC', minutes: 60 });
    const tomo = await signUp(bbs.port, 'tomo');
    tomo.send('S');
    await tomo.waitFor('Time zone');
    await answerTimeZone(tomo, 'Asia/Tokyo');
    await tomo.waitFor('Times are now shown in Asia/Tokyo');
    tomo.press('escape');
    await tomo.waitFor('Main menu');
    tomo.send('C');
    // 19:00 UTC is 04:00 the next day in Tokyo.
    await tomo.waitFor(new RegExp(`Grief circle\\s+0 here\\s+Next meeting ${DAYS[(inTwoDays + 1) % 7]} 04:00`));
    tomo.end();
  });

  it('a meeting opens with its statement; hands go up, the facilitator gives the floor in turn, then closes it', async () => {
    const { chatRooms, meetings } = bbs.haven.services;
    const room = chatRooms.create({ name: 'Recovery', boardSlug: 'recovery' });
    const alice = await signUp(bbs.port, 'alice');
    const bob = await signUp(bbs.port, 'bob');
    const dana = await signUp(bbs.port, 'dana');
    for (const c of [alice, bob]) {
      await enterLobby(c);
      c.line('/join recovery');
      await c.waitFor(/Recovery . \d here:/);
    }

    // The sysop schedules it for this very minute, so it starts now.
    const now = new Date();
    meetings.setSchedule(room.id, {
      weekday: now.getUTCDay(),
      start: `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}`,
      timeZone: 'UTC',
      minutes: 60,
      facilitator: 'dana',
      opening: 'Welcome to our weekly meeting. What is shared here stays here.',
    });
    for (const c of [alice, bob]) {
      await c.waitFor(/-- It is time for this room's weekly meeting \(60 minutes, facilitated by\s+dana\)\./);
      await c.waitFor('-- Welcome to our weekly meeting. What is shared here stays here.');
      await c.waitFor(/Meeting time now, until \d\d:\d\d with dana/);
    }

    await enterLobby(dana);
    dana.press('escape');
    await dana.waitFor(/Recovery\s+2 here\s+Meeting time now/);
    dana.send(KEY.down);
    dana.send(KEY.down);
    dana.send(KEY.enter);
    await dana.waitFor('What is shared here stays here.');

    alice.line('/meeting start');
    await alice.waitFor("Only the meeting's facilitator can do that.");
    dana.line('/meeting start');
    await bob.waitFor('-- dana opened the meeting. To speak, raise your hand with /hand.');
    await bob.waitFor(/Meeting in progress . the floor is open/);

    alice.line('/hand');
    await alice.waitFor('Your hand is up.');
    bob.line('/hand');
    await dana.waitFor(/hands up: alice, bob/);
    dana.line('/next');
    await bob.waitFor('-- alice has the floor.');
    await bob.waitFor(/alice has the floor . hands up: bob/);

    bob.line('me too');
    await bob.waitFor('alice has the floor. Type /hand to ask to speak.');
    bob.send('\x15');
    await say(alice, 'thank you all for listening');
    await bob.waitFor('alice: thank you all for listening');
    alice.line('/yield');
    await dana.waitFor('-- alice has finished.');
    dana.line('/next');
    await alice.waitFor('-- bob has the floor.');
    await say(bob, 'my turn now');
    await alice.waitFor('bob: my turn now');

    dana.line('/meeting end');
    await alice.waitFor('-- The meeting has ended. Thank you all for being here.');
    await alice.waitFor(/Meeting time now, until/);
    expect(meetings.state(room.id).inProgress).toBe(false);
    for (const c of [alice, bob, dana]) c.end();
  });
});
