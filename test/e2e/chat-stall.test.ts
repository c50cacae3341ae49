import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { signUp } from '../helpers/client.js';
import { enterLobby } from '../helpers/chat.js';
import { KEY } from '../helpers/screen.js';

let bbs: TestHaven;
beforeAll(async () => {
  // A client congested for six seconds counts as stalled here (thirty in a real server): longer
  // than a loaded machine takes to pass a line on, so a line held up by the stall shows.
  bbs = await startTestHaven({ limits: { output: { congestedBytes: 16 * 1024, stalledBytes: 512 * 1024, stalledMs: 6000 } } });
});
afterAll(async () => {
  await bbs.stop();
});

describe('a client that stops reading', () => {
  it('does not delay the others, and is disconnected once it is stalled past the limit', { timeout: 150_000 }, async () => {
    const { services } = bbs.haven;
    const lobby = services.chatRooms.lobby().id;
    services.settings.set('chat.flood_lines', 1000);
    // History long enough that paging back and forth repaints the whole log each time.
    (await signUp(bbs.port, 'filler')).end();
    const fillerMember = services.accounts.findByName('filler')!;
    for (let i = 0; i < 150; i++) services.chat.say(lobby, fillerMember, `${String(i).padStart(3, '0')} ${'history '.repeat(20)}`);

    const stuck = await signUp(bbs.port, 'stuck', 'correct horse', { cols: 200, rows: 60 });
    const one = await signUp(bbs.port, 'one');
    const two = await signUp(bbs.port, 'two');
    await enterLobby(stuck);
    await enterLobby(one);
    await enterLobby(two);
    await stuck.waitFor('two joined.');

    // The client stops reading its socket; it can still send keys, which make the server
    // repaint its large screen again and again.
    (stuck.conn as unknown as { _sock: { pause(): void } })._sock.pause();
    let keys = 0;
    const pager = setInterval(() => stuck.send(keys++ % 2 ? KEY.pageDown : KEY.pageUp), 4);

    try {
      const delays: number[] = [];
      for (let i = 0; i < 20; i++) {
        const started = Date.now();
        one.line(`still flowing ${i}`);
        await two.waitFor(`one: still flowing ${i}`);
        delays.push(Date.now() - started);
      }
      // Held up by the stalled client, lines would wait for its stall limit (six seconds); a
      // loaded shared machine alone can take a second or two.
      expect(Math.max(...delays)).toBeLessThan(4000);
      // Past the stalled limit the server lets the member go. Its window fills first, at the pace
      // the server repaints, which a loaded machine slows a great deal.
      await expect.poll(() => services.chat.occupantsOf(lobby).map((o) => o.name), { timeout: 100_000 }).toEqual(['one', 'two']);
      await two.waitFor('stuck left.');
      one.line('after it went');
      await two.waitFor('one: after it went');
    } finally {
      clearInterval(pager);
      services.settings.set('chat.flood_lines', 5);
      for (const c of [stuck, one, two]) c.end();
    }
  });
});
