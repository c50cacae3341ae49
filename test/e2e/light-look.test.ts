import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { logIn, signUp } from '../helpers/client.js';
import { KEY } from '../helpers/screen.js';

const DESCRIPTION = 'Support groups: read and post';

describe('the light look for slow connections', () => {
  let slow: TestHaven;
  beforeAll(async () => {
    // Every key exchange counts as slow here, as one over a 2,400 bit/s line does.
    slow = await startTestHaven({ limits: { slowLinkHandshakeMs: 0 } });
  });
  afterAll(async () => {
    await slow.stop();
  });

  it('is chosen for a slow connection: plain, no descriptions, a short footer, and the member is told how to change it', async () => {
    (await signUp(slow.port, 'dial')).end();
    const c = await logIn(slow.port, 'dial');
    await c.screen.settled();
    const text = c.screen.text();
    expect(text).toContain('[B] Boards');
    expect(text).not.toContain(DESCRIPTION);
    expect(text).toMatch(/connection looks slow.*light look/s);
    expect(c.raw).not.toMatch(/\x1b\[[0-9;]*4[0-7]m/); // no background colours
    // The whole first paint, with the notice: 700 bytes or fewer (the full look takes about 1,100).
    expect(c.raw.length).toBeLessThanOrEqual(700);
    c.end();
  });

  it('a member who chose "never" gets the full look even on a slow connection', async () => {
    const c = await logIn(slow.port, 'dial');
    c.send('S');
    await c.waitFor('Light look for slow links');
    c.send('L');
    await c.waitFor('The light look is always');
    c.send('L');
    await c.waitFor('The light look is never');
    c.end();
    const again = await logIn(slow.port, 'dial');
    await again.waitFor(DESCRIPTION);
    again.end();
  });
});

describe('on a fast connection', () => {
  let fast: TestHaven;
  beforeAll(async () => {
    fast = await startTestHaven();
  });
  afterAll(async () => {
    await fast.stop();
  });

  it('the full look, unless the member asked for the light one', async () => {
    const c = await signUp(fast.port, 'broad');
    await c.waitFor(DESCRIPTION);
    c.send('S');
    await c.waitFor('Light look for slow links');
    c.send('L');
    await c.waitFor('The light look is always');
    // Applied at once, here too.
    c.send(KEY.escape);
    await c.waitFor('Main menu');
    await c.screen.waitForGone(DESCRIPTION);
    c.end();
  });
});
