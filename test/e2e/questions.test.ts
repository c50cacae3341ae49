import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { signUp, type MemberClient } from '../helpers/client.js';
import { KEY } from '../helpers/screen.js';
import { openBoard, searchAllBoards, startThread } from '../helpers/boards.js';
import { MAIL_SETTINGS } from '../../src/services/mail.js';

// Every kind of question (a line of text, a key, yes or no), answered or cancelled, must be
// gone for good: the next key reaches the screen below, and no cell of it stays on screen.
let bbs: TestHaven;
let annie: MemberClient;
let bruno: MemberClient;

/** What a full repaint (Ctrl-L) draws must be what the member already sees, cell for cell. */
async function expectNothingLeftBehind(c: MemberClient): Promise<void> {
  await c.screen.settled();
  const seen = c.screen.cells();
  expect(await c.repainted()).toEqual(seen);
}

beforeAll(async () => {
  bbs = await startTestHaven();
  bbs.haven.services.settings.set(MAIL_SETTINGS.newAccountHours.key, 0);
  annie = await signUp(bbs.port, 'annie');
  bruno = await signUp(bbs.port, 'bruno');
  await openBoard(annie, 'Introductions', 1);
  await startThread(annie, 'Hello from annie', 'I lost my dad last year.');
  const { accounts, mail } = bbs.haven.services;
  mail.send(accounts.findByName('annie')!, { to: 'bruno', subject: 'Thinking of you', body: 'How are you holding up?' });
}, 60_000);
afterAll(async () => {
  annie?.end();
  bruno?.end();
  await bbs.stop();
});

describe('questions leave nothing behind', () => {
  it('a search answered with Enter: the results, then the thread, each take the very next key', async () => {
    await searchAllBoards(bruno, 'dad', '1 found for "dad" in all boards');
    await expectNothingLeftBehind(bruno);
    bruno.send(KEY.enter);
    await bruno.waitFor(/Hello from annie\s+1\/1/);
    await expectNothingLeftBehind(bruno);
    bruno.send(KEY.escape);
    await bruno.waitFor('found for "dad"');
    bruno.send(KEY.escape);
    await bruno.waitFor('Unread');
    await expectNothingLeftBehind(bruno);
  });

  it('a question cancelled with Esc gives the next key to the screen below', async () => {
    bruno.send('/');
    await bruno.waitFor('Search all boards for');
    bruno.send(KEY.escape);
    await bruno.waitForGone('Search all boards for');
    await expectNothingLeftBehind(bruno);
    bruno.send(KEY.down);
    await bruno.waitFor(/^ New here\?/m);
    bruno.send(KEY.enter);
    await bruno.waitFor(/Introductions.*page 1/);
    bruno.send(KEY.enter);
    await bruno.waitFor('I lost my dad last year.');
  });

  it('a yes/no question on a key, answered no, is gone and the thread takes the next key', async () => {
    bruno.send('X');
    await bruno.waitFor('Block annie?');
    // The answer keys show, however long the question.
    expect(bruno.text()).toContain('(y/n)');
    bruno.send('n');
    await bruno.waitForGone('Block annie?');
    await expectNothingLeftBehind(bruno);
    bruno.send(KEY.escape);
    await bruno.waitFor(/Introductions.*page 1/);
    bruno.send(KEY.escape);
    await bruno.waitFor('Announcements');
    bruno.send(KEY.escape);
    await bruno.waitFor('Main menu');
  });

  it('a confirmation in the mailbox, answered no, leaves the mail and gives the next key to the mailbox', async () => {
    bruno.send('M');
    await bruno.waitFor('Thinking of you');
    bruno.send('D');
    await bruno.waitFor('[Y]es [N]o');
    bruno.send('n');
    await bruno.waitForGone('[Y]es [N]o');
    await expectNothingLeftBehind(bruno);
    bruno.send('S');
    await bruno.waitFor('Nothing sent yet');
    bruno.send('I');
    await bruno.waitFor('Thinking of you');
  });

  it('Ctrl-R while answering "Write to which member?" keeps what was typed', async () => {
    bruno.send('C');
    await bruno.waitFor('Write to which member?');
    bruno.send('ann');
    await bruno.waitFor(/ann\s*│/);
    bruno.press('ctrlR');
    await bruno.waitFor('IF YOU ARE IN DANGER');
    bruno.press('escape');
    await bruno.waitFor('Write to which member?');
    await bruno.waitFor(/ann\s*│/);
    bruno.line('ie');
    await bruno.waitFor('Subject:');
    expect(bruno.text()).toContain('annie');
    bruno.press('escape');
    await bruno.waitFor('Thinking of you');
    await expectNothingLeftBehind(bruno);
  });
});
