import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { answerTimeZone, logIn, signUp } from '../helpers/client.js';

let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

describe('settings', () => {
  it('a member sets a time zone, blocks someone by name, and unblocks them', async () => {
    await (await signUp(bbs.port, 'pest')).end();
    const me = await signUp(bbs.port, 'setter');
    me.send('S');
    await me.waitFor('Time zone');
    await answerTimeZone(me, 'Mars/Olympus');
    await me.waitFor('not a time zone I know');
    await answerTimeZone(me, 'europe/london');
    await me.waitFor('Times are now shown in Europe/London');
    me.send('X');
    await me.waitFor('nobody blocked');
    me.send('A');
    await me.waitFor('Block which member?');
    me.line('nobody_here');
    await me.waitFor('There is no member called "nobody_here"');
    me.send('A');
    await me.waitFor('Block which member?');
    me.line('pest');
    await me.waitFor('pest is blocked');
    expect(me.text()).toMatch(/^ pest\s*$/m);
    me.send('U');
    await me.waitFor('pest is unblocked');
    await me.waitFor('nobody blocked');
    me.end();
  });

  it('a question open when Ctrl-R is pressed waits with its text, and takes the keyboard back after Resources', async () => {
    const me = await signUp(bbs.port, 'asker');
    me.send('S');
    await me.waitFor('Time zone');
    me.send('T');
    await me.waitFor('Your time zone');
    me.send('\x15Pacific/Auck');
    me.send('\x12');
    await me.waitFor('IF YOU ARE IN DANGER');
    me.send('\x1b');
    await me.waitFor('Your time zone');
    await me.waitFor('Pacific/Auck');
    // Keys go to the question, not to the screen below it.
    me.line('land');
    await me.waitFor('Times are now shown in Pacific/Auckland');
    me.send('P');
    await me.waitFor('The plain look is on');
    me.end();
  });

  it('the plain look applies at once, in this session and the member\'s other one, and back again', async () => {
    const plain = await signUp(bbs.port, 'plainer');
    const other = await logIn(bbs.port, 'plainer');
    /** The header's look: inverse in the plain look, a coloured bar otherwise. */
    const headerInverse = (c: typeof plain) => c.screen.term.buffer.active.getLine(0)!.getCell(1)!.isInverse() !== 0;
    const waitForLook = async (c: typeof plain, inverse: boolean) => {
      const deadline = Date.now() + 5000;
      while (headerInverse(c) !== inverse) {
        if (Date.now() > deadline) throw new Error(`The header never turned ${inverse ? 'plain' : 'coloured'}.`);
        await new Promise((r) => setTimeout(r, 15));
      }
    };
    expect(headerInverse(plain)).toBe(false);
    plain.send('S');
    await plain.waitFor('Plain look (no colour)');
    plain.send('P');
    await plain.waitFor('The plain look is on.');
    await waitForLook(plain, true);
    await waitForLook(other, true);
    expect(plain.text()).toMatch(/Plain look \(no colour\)\s+on/);
    plain.send('P');
    await plain.waitFor('The plain look is off.');
    await waitForLook(plain, false);
    await waitForLook(other, false);
    plain.end();
    other.end();
  });

  it("a time zone set in one session applies at once in the member's other session", async () => {
    const first = await signUp(bbs.port, 'twosessions');
    const second = await logIn(bbs.port, 'twosessions');
    first.send('S');
    await first.waitFor('Time zone');
    await answerTimeZone(first, 'Asia/Tokyo');
    await first.waitFor('Times are now shown in Asia/Tokyo');
    second.send('S');
    await second.waitFor(/Time zone\s+Asia\/Tokyo/);
    first.end();
    second.end();
  });
});
