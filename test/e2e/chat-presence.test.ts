import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { logIn, signUp } from '../helpers/client.js';
import { enterLobby } from '../helpers/chat.js';
import { KEY } from '../helpers/screen.js';

let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

const CTRL_P = '\x10';
const CTRL_N = '\x0e';

describe('paging', () => {
  it('a paged member sees a notice on any screen, and ^P takes them to the room', async () => {
    const alice = await signUp(bbs.port, 'alice');
    const bob = await signUp(bbs.port, 'bob');
    await enterLobby(alice);
    bob.send('W');
    await bob.waitFor("Who's online");
    alice.line('/page bob');
    await alice.waitFor('bob has been paged.');
    await bob.waitFor('alice would like to chat in Lobby. (^P join, ^N dismiss)');
    // Keys go on working under a notice, and do not clear it.
    bob.send(KEY.escape);
    await bob.waitFor('Main menu');
    expect(bob.text()).toContain('alice would like to chat in Lobby.');
    bob.send(CTRL_P);
    await bob.waitFor(/Lobby . 2 here: alice, bob/);
    await alice.waitFor('bob joined.');
    alice.line('/page bob');
    await alice.waitFor('bob is already in Lobby.');
    alice.end();
    bob.end();
  });

  it('a member may ignore a page, or refuse pages altogether', async () => {
    const carol = await signUp(bbs.port, 'carol');
    const dave = await signUp(bbs.port, 'dave');
    const erin = await signUp(bbs.port, 'erin');
    await enterLobby(carol);
    carol.line('/page dave');
    await dave.waitFor('carol would like to chat in Lobby.');
    dave.send(CTRL_N);
    await dave.screen.waitForGone('carol would like to chat');
    expect(dave.text()).toContain('Main menu');
    carol.line('/page dave');
    await carol.waitFor('You paged dave a moment ago; give them a little time to answer.');

    erin.send('S');
    await erin.waitFor('Allow pages to chat');
    erin.send('A');
    await erin.waitFor('Nobody can page you now.');
    expect(bbs.haven.services.prefs.get(bbs.haven.services.accounts.findByName('erin')!.id).allowPages).toBe(false);
    carol.line('/page erin');
    await carol.waitFor('erin is not taking pages right now.');
    carol.line('/page nobody_at_all');
    await carol.waitFor('There is no member called "nobody_at_all".');
    for (const c of [carol, dave, erin]) c.end();
  });
});

describe("who's online", () => {
  it('shows where each member is in coarse terms, hides the invisible, and pages from the list', async () => {
    const fred = await signUp(bbs.port, 'fred');
    const gina = await signUp(bbs.port, 'gina');
    const hope = await signUp(bbs.port, 'hope');
    await enterLobby(fred);
    gina.send('C');
    await gina.waitFor('Choose a room');
    hope.send('W');
    await hope.waitFor(/fred\s+Chat: Lobby/);
    await hope.waitFor(/gina\s+Chat\s/);
    await hope.waitFor(/hope\s+Who's online/);

    gina.press('escape');
    await gina.waitFor('Main menu');
    gina.send('S');
    await gina.waitFor("Invisible in Who's online");
    gina.send('I');
    await gina.waitFor("You are hidden from Who's online");
    await hope.screen.waitForGone(/^ gina/m);
    expect(hope.text()).toMatch(/fred\s+Chat: Lobby/);
    fred.line('/page gina');
    await fred.waitFor('gina is not online.');
    // The choice is remembered at the next log-in.
    gina.end();
    await gina.closed;
    const again = await logIn(bbs.port, 'gina');
    expect(bbs.haven.services.presence.visible().map((m) => m.name)).not.toContain('gina');
    again.end();

    // P on a name in the list (fred, the first) pages them to the Lobby and takes the pager there.
    hope.send('p');
    await hope.waitFor('fred is already in Lobby.');
    fred.press('escape');
    await fred.waitFor('Choose a room');
    hope.send('p');
    await hope.waitFor(/Lobby . 1 here: hope/);
    await fred.waitFor('hope would like to chat in Lobby.');
    fred.send(CTRL_P);
    await hope.waitFor(/Lobby . 2 here: fred, hope/);
    for (const c of [fred, gina, hope]) c.end();
  });
});
