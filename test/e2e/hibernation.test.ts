import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { MemberClient, signUp } from '../helpers/client.js';
import { KEY } from '../helpers/screen.js';
import { screensInProcess } from '../../screens/blessed-internals.js';
import { MAIL_SETTINGS } from '../../src/services/mail.js';

// A session idle this long on the main menu gives up its blessed screen.
const HIBERNATE_SECONDS = 1;

let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven({ hibernateSeconds: HIBERNATE_SECONDS });
  // New members may mail at once here.
  bbs.haven.services.settings.set(MAIL_SETTINGS.newAccountHours.key, 0);
});
afterAll(async () => {
  await bbs.stop();
});

async function waitUntil(ok: () => boolean, what: string | (() => string), timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until every session but `awake` of them has given up its screen. */
const untilScreens = (awake: number) => waitUntil(() => screensInProcess() === awake, `${awake} screen(s) remain (now ${screensInProcess()})`);

let witnesses = 0;
/**
 * Waits, on a condition and not the clock, until a session that arrives now has gone to
 * sleep, leaving `awake` screens: a hibernation timer started before it has fired by then.
 */
async function afterAWitnessSleeps(awake: number): Promise<void> {
  const witness = await signUp(bbs.port, `witness${++witnesses}`);
  await untilScreens(awake);
  witness.end();
  await witness.closed;
}

/** A member who writes the threads and letters these tests read. */
async function writer() {
  const { accounts } = bbs.haven.services;
  return accounts.findByName('threadwriter') ?? (await accounts.register({ name: 'threadwriter', password: 'correct horse', acceptedGuidelines: true }));
}

const closeAll = async (...clients: MemberClient[]) => {
  for (const c of clients) c.end();
  await Promise.all(clients.map((c) => c.closed));
  await untilScreens(0);
};

describe('an idle session gives up its screen and comes back as it was', () => {
  it('after idling on the main menu, the screen is as before and the key that wakes it acts', async () => {
    const c = await signUp(bbs.port, 'sleepy');
    c.send(KEY.down);
    c.send(KEY.down); // on Mail
    await c.waitFor('Main menu');
    await untilScreens(0);
    const before = c.text();
    c.send(KEY.down); // wakes the session, and moves to Chat
    await untilScreens(1);
    await waitUntil(() => c.text() === before, 'the screen shows what it showed before');
    c.send(KEY.enter);
    await c.waitFor('Choose a room');
    await closeAll(c);
  });

  it('the board list sleeps too, and wakes on its selected board; not while a search question is open', async () => {
    const c = await signUp(bbs.port, 'boardsleeper');
    c.send('B');
    await c.waitFor('Announcements');
    c.send(KEY.down); // on Introductions
    await c.screen.waitForHighlighted('Introductions');
    await untilScreens(0);
    c.send(KEY.down); // wakes it, and moves on
    await untilScreens(1);
    await c.screen.waitForHighlighted('Bereavement');
    c.send('/');
    await c.waitFor('Search all boards for');
    c.send('half-typed');
    // Past the delay, with the question open, the screen stays: the next key reaches the
    // question (a session that had slept would give it to the rebuilt list instead).
    await afterAWitnessSleeps(1);
    c.send('X');
    await c.waitFor('half-typedX');
    await closeAll(c);
  });

  it("a board's thread list sleeps and wakes on the thread that was selected", async () => {
    const { services } = bbs.haven;
    const author = await writer();
    const board = services.boards.list(author).find((b) => b.name === 'Introductions')!;
    for (const subject of ['First of three', 'Second of three', 'Third of three']) services.boards.posts.startThread(author, board.id, { subject, body: 'Hello.' });
    const c = await signUp(bbs.port, 'listsleeper');
    c.send('B');
    await c.waitFor('Announcements');
    c.send(KEY.down);
    c.send(KEY.enter);
    await c.waitFor('Third of three');
    c.send(KEY.down); // on the second newest
    await c.screen.waitForHighlighted('Second of three');
    await untilScreens(0);
    c.send(KEY.down); // wakes it, and moves on
    await untilScreens(1);
    await c.screen.waitForHighlighted('First of three');
    c.send(KEY.enter);
    await c.waitFor('Hello.');
    await closeAll(c);
  });

  it('a reader idle in a thread, scrolled part-way, wakes to the same lines; not while a question is open over it', async () => {
    const { services } = bbs.haven;
    const author = await writer();
    const board = services.boards.list(author).find((b) => b.name === 'Introductions')!;
    const body = Array.from({ length: 50 }, (_, i) => `Line ${i + 1} of a long story.`).join('\n');
    services.boards.posts.startThread(author, board.id, { subject: 'A long story', body });
    const c = await signUp(bbs.port, 'reader');
    c.send('B');
    await c.waitFor('Announcements');
    c.send(KEY.down);
    c.send(KEY.enter);
    await c.screen.waitForHighlighted('A long story');
    c.send(KEY.enter);
    await c.waitFor('Line 3 of');
    for (let i = 0; i < 5; i++) c.send(KEY.down);
    await c.waitFor(/^ ?Line 4 of/m);
    await untilScreens(0);
    const before = c.text();
    c.send('z'); // no key of the thread view: it only wakes it
    await untilScreens(1);
    await waitUntil(() => c.text() === before, 'the screen shows the same lines as before');
    // A question holds the keyboard: the session stays awake under it, and the answer reaches it.
    c.send('x');
    await c.waitFor('Block threadwriter?');
    await afterAWitnessSleeps(1);
    c.send('y');
    const readerId = services.accounts.findByName('reader')!.id;
    await waitUntil(() => services.blocks.blockedIds(readerId).has(author.id), 'the answer blocked threadwriter');
    await closeAll(c);
  });

  it('the mailbox sleeps and wakes on the same letter; a letter arriving meanwhile wakes it and shows', async () => {
    const { services } = bbs.haven;
    const c = await signUp(bbs.port, 'postbox');
    const sender = await writer();
    for (const subject of ['Letter one', 'Letter two', 'Letter three']) services.mail.send(sender, { to: 'postbox', subject, body: 'Dear friend' });
    c.send('M');
    await c.waitFor('Letter one');
    c.send(KEY.down); // on the second newest
    await c.screen.waitForHighlighted('Letter two');
    await untilScreens(0);
    c.send(KEY.down); // wakes it, and moves on
    await untilScreens(1);
    await c.screen.waitForHighlighted('Letter one');
    await untilScreens(0);
    services.mail.send(sender, { to: 'postbox', subject: 'Letter four', body: 'Dear friend' });
    await untilScreens(1);
    await c.waitFor('Letter four');
    await closeAll(c);
  });

  it('a resize while hibernating paints the menu at the new size', async () => {
    const c = await signUp(bbs.port, 'stretchy');
    await untilScreens(0);
    c.resize(60, 20);
    await untilScreens(1);
    // Laid out at 60 columns: the header's count ends at the new right edge, the footer is on the new last row.
    const laidOut = () => {
      const rows = c.screen.lines();
      return rows.length === 20 && /^ Haven - Main menu\s+1 online $/.test(rows[0] ?? '') && (rows[0] ?? '').length === 60 && /Help now/.test(rows[19] ?? '');
    };
    await waitUntil(laidOut, () => `the menu is painted at 60x20. The screen shows:\n${c.text()}`);
    expect(c.text()).toContain('[G] Goodbye');
    await closeAll(c);
  });

  it('a member in a chat room keeps their screen while an idle one gives it up', async () => {
    const chatter = await signUp(bbs.port, 'chatty');
    chatter.send('C');
    await chatter.waitFor('Choose a room');
    chatter.send(KEY.enter);
    await chatter.waitFor('here:');
    const idler = await signUp(bbs.port, 'idler');
    // The idler signed up after the chatter entered the room: once the idler's screen is
    // gone, the chatter has been idle longer than the delay too.
    await untilScreens(1);
    chatter.line('still here');
    await chatter.waitFor('still here');
    expect(screensInProcess()).toBe(1);
    await closeAll(chatter, idler);
  });
  // Last: a recent broadcast is shown to every member who arrives after it.
  it('a broadcast and new mail reach a hibernating member at once', async () => {
    const c = await signUp(bbs.port, 'dozing');
    await untilScreens(0);
    bbs.haven.services.sanctions.broadcast('console', 'The server restarts at noon');
    await c.waitFor('From the sysop: The server restarts at noon');
    // A notice on the status line keeps the screen awake until it is dismissed (Ctrl-N).
    c.send('\x0e');
    await c.waitForGone('From the sysop');
    await untilScreens(0);
    const sender = bbs.haven.services.accounts.findByName('sleepy')!;
    bbs.haven.services.mail.send(sender, { to: 'dozing', subject: 'Hello', body: 'Thinking of you' });
    await c.waitFor('1 new mail');
    await closeAll(c);
  });
});
