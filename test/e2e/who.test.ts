import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { signUp, type MemberClient } from '../helpers/client.js';

// A Haven of its own: nobody from other tests sits in the list above these members.
let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

/** Waits until the highlight bar in Who's online rests on `name`'s row. */
const waitForHighlightOn = (c: MemberClient, name: string) => c.screen.waitForHighlighted(new RegExp(`^ ${name}\\s`), 10_000);

describe("who's online", () => {
  it('the highlight stays on the chosen member while others move and leave, and P pages that member', async () => {
    const walt = await signUp(bbs.port, 'walt');
    const wren = await signUp(bbs.port, 'wren');
    const wynn = await signUp(bbs.port, 'wynn');
    wynn.send('W');
    await wynn.waitFor(/wynn\s+Who's online/);
    await wynn.waitFor(/wren\s+Main menu/);
    await waitForHighlightOn(wynn, 'walt');

    // The column titles are not a row: Up from the first member stays there, and P pages them.
    wynn.press('up');
    wynn.press('up');
    wynn.send('p');
    await walt.waitFor('wynn would like to chat in Lobby.', 10_000);
    await wynn.waitFor(/Lobby . 1 here: wynn/);
    wynn.press('escape');
    await wynn.waitFor(/wynn\s+Who's online/);
    await waitForHighlightOn(wynn, 'walt');
    expect(wynn.screen.highlightedLines().join('\n')).not.toMatch(/Name\s+Where\s+Idle/);

    wynn.press('down');
    await waitForHighlightOn(wynn, 'wren');
    // walt moves, then leaves: the rows change under the highlight, which stays on wren.
    walt.send('C');
    await wynn.waitFor(/walt\s+Chat/);
    await waitForHighlightOn(wynn, 'wren');
    walt.end();
    await wynn.waitForGone(/^ walt/m, 10_000);
    await waitForHighlightOn(wynn, 'wren');

    wynn.send('p');
    await wren.waitFor('wynn would like to chat in Lobby.', 10_000);
    await wynn.waitFor(/Lobby . 1 here: wynn/);
    for (const c of [wren, wynn]) c.end();
  });
});
