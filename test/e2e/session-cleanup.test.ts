import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { signUp } from '../helpers/client.js';
import { enterLobby, say } from '../helpers/chat.js';
import { KEY } from '../helpers/screen.js';
import type { HubEventName } from '../../src/hub.js';

// Every event a session can subscribe to; `satisfies` fails to compile when one is added.
const EVENTS = Object.keys({
  'presence:changed': 1, 'online:count': 1, 'server:shutdown': 1, 'server:draining': 1, 'blocks:changed': 1, 'settings:changed': 1,
  'chat:line': 1, 'chat:notice': 1, 'chat:occupancy': 1, 'chat:left': 1, 'chat:rooms-changed': 1,
  'chat:room-closed': 1, 'chat:meeting': 1, 'chat:page': 1, 'mail:new': 1, 'mail:changed': 1,
  'report:filed': 1, 'post:created': 1, 'post:changed': 1, 'boards:changed': 1, 'staff:action': 1, 'held:changed': 1,
  'account:deletion-requested': 1, 'session:logged-in': 1, 'session:logged-off': 1, 'member:signed-up': 1, 'log-in:failed': 1,
} satisfies Record<HubEventName, 1>) as HubEventName[];

let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

const listenerCounts = () => Object.fromEntries(EVENTS.map((e) => [e, bbs.haven.services.hub.listenerCount(e)]));

it('members who visit every kind of screen and leave, politely or not, leave no hub listener behind', async () => {
  const before = listenerCounts();
  const polite = await signUp(bbs.port, 'visitor');
  const abrupt = await signUp(bbs.port, 'dropper');
  for (const c of [polite, abrupt]) {
    c.send('B');
    await c.waitFor('Announcements');
    c.send(KEY.down);
    c.send(KEY.enter);
    await c.waitFor(/Introductions.*page 1/);
    c.send(KEY.escape);
    await c.waitFor('Announcements');
    c.send(KEY.escape);
    await c.waitFor('Main menu');
    c.send('M');
    await c.waitFor('[I]nbox');
    c.send(KEY.escape);
    await c.waitFor('Main menu');
    c.send('W');
    await c.waitFor('visitor');
    c.send(KEY.escape);
    await c.waitFor('Main menu');
    await enterLobby(c);
  }
  await say(polite, 'hello, everyone');
  await abrupt.waitFor('hello, everyone');
  // While they are here, sessions do listen: the count is not trivially flat.
  expect(Object.values(listenerCounts()).reduce((a, b) => a + b, 0)).toBeGreaterThan(Object.values(before).reduce((a, b) => a + b, 0));

  polite.line('/leave');
  await polite.waitFor('Choose a room');
  polite.send(KEY.escape);
  await polite.waitFor('Main menu');
  polite.send('G');
  polite.send('y');
  abrupt.conn.end();
  await Promise.all([polite.closed, abrupt.closed]);

  const deadline = Date.now() + 20_000;
  while (JSON.stringify(listenerCounts()) !== JSON.stringify(before) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(listenerCounts()).toEqual(before);
  expect(bbs.haven.services.presence.visibleCount()).toBe(0);
});
