import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { logIn, signUp, type MemberClient } from '../helpers/client.js';
import { KEY } from '../helpers/screen.js';
import { openBoard } from '../helpers/boards.js';

// A moderator, a member who writes and a member who reads share one BBS with watched words:
// each `it` continues where the last left off.
let bbs: TestHaven;
let annie: MemberClient;
let bruno: MemberClient;
let mara: MemberClient;

beforeAll(async () => {
  bbs = await startTestHaven();
  const { services } = bbs.haven;
  const mod = await services.accounts.register({ name: 'mara', password: 'correct horse', acceptedGuidelines: true });
  const intro = services.boards.list(mod).find((b) => b.slug === 'introductions')!.id;
  services.boards.setModerator({ ...mod, role: 'sysop' }, intro, mod.id, true);
  services.watchedWords.add('console', { pattern: 'pill*', action: 'hold', boardId: null });
  services.watchedWords.add('console', { pattern: 'cheap meds', action: 'block', boardId: intro });
  annie = await signUp(bbs.port, 'annie');
  bruno = await signUp(bbs.port, 'bruno');
  // The moderator works in a small window.
  mara = await logIn(bbs.port, 'mara', 'correct horse', { cols: 40, rows: 12 });
});
afterAll(async () => {
  for (const c of [annie, bruno, mara]) c?.end();
  await bbs.stop();
});

describe('watched words on the boards', () => {
  it('a post with a word to hold waits for review: its author is told, readers see nothing', async () => {
    await openBoard(annie, 'Introductions', 1);
    annie.send('P');
    await annie.waitFor('Subject:');
    annie.send('About my pills');
    annie.send(KEY.tab);
    annie.send(KEY.tab);
    annie.send('I keep them in a drawer.');
    annie.send(KEY.ctrlS);
    await annie.waitFor("Your post is waiting for a moderator's review.");
    await annie.waitFor('No threads yet.');
    await annie.waitFor('1 of yours in review');

    await openBoard(bruno, 'Introductions', 1);
    await bruno.waitFor('No threads yet.');
  });

  it('the moderator finds it under Held posts, reads it and approves it; it appears for the reader', async () => {
    mara.send('!');
    await mara.waitFor('Staff desk');
    mara.send('H');
    await mara.waitFor('annie');
    mara.send(KEY.enter);
    await mara.waitFor('I keep them in a drawer.');
    expect(mara.text()).toContain('pill*');
    mara.send('A');
    await mara.waitFor('Approved');
    await mara.waitFor('No posts are waiting');

    await annie.waitFor('A moderator approved your post "About my pills"');
    expect(annie.text()).not.toContain('in review');
    // The reader's open thread list takes it in as any new post.
    await bruno.waitFor('About my pills');
    bruno.send(KEY.enter);
    await bruno.waitFor('I keep them in a drawer.');
  });

  it('a post with a blocked phrase is refused with the reason, and its text stays in the editor', async () => {
    await annie.waitFor('About my pills');
    annie.send('P');
    await annie.waitFor('Subject:');
    annie.send('A tip');
    annie.send(KEY.tab);
    annie.send(KEY.tab);
    annie.send('Cheap   meds at my shop');
    annie.send(KEY.ctrlS);
    await annie.waitFor('contains "cheap meds", which is not allowed');
    expect(annie.text()).toContain('Cheap   meds at my shop');
    expect(annie.text()).toContain('New thread in Introductions');
    expect(bbs.haven.services.boards.list(bbs.haven.services.accounts.findByName('bruno')!).find((b) => b.slug === 'introductions')!.postCount).toBe(1);
  });

  it('a held post rejected while its author was away is explained at their next log-in', async () => {
    bruno.send('R');
    await bruno.waitFor('Reply: About my pills');
    bruno.send('Pills helped me too.');
    bruno.send(KEY.ctrlS);
    await bruno.waitFor("Your post is waiting for a moderator's review.");
    bruno.end();
    await bruno.closed;

    // The moderator's list, open since the last approval, takes it in.
    await mara.waitFor('bruno');
    mara.send('R');
    await mara.waitFor('Why reject it?');
    mara.line('Please keep medicine talk general');
    await mara.waitFor('Rejected. bruno is told why.');

    bruno = await logIn(bbs.port, 'bruno');
    await bruno.waitFor('A moderator did not publish your post "About my pills"');
    await bruno.waitFor(/Please\s+keep\s+medicine\s+talk\s+general/);
  });
});
