import { afterAll, beforeAll, expect, it } from 'vitest';
import { signUp } from '../helpers/client.js';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';

let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

interface RawRequests {
  _protocol: { exec(channel: number, command: string, wantReply: boolean): void; shell(channel: number, wantReply: boolean): void };
}

it('a second shell or exec request on an open session is refused, and the member carries on', async () => {
  const c = await signUp(bbs.port, 'steady');
  // The client's own session channel, as the server numbered it.
  const channel = (c as unknown as { channel: { outgoing: { id: number } } }).channel;
  const protocol = (c.conn as unknown as RawRequests)._protocol;
  protocol.exec(channel.outgoing.id, 'export', true);
  protocol.shell(channel.outgoing.id, true);
  // Accepting either would end this session within about a second: give it three to show.
  const outcome = await Promise.race([c.closed.then(() => 'closed'), new Promise((r) => setTimeout(() => r('open'), 3000))]);
  expect(outcome).toBe('open');
  c.send('W');
  await c.waitFor("Who's online");
  c.end();
});
