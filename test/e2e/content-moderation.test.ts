import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../src/services/accounts.js';
import { LOCKED } from '../../src/services/posts.js';
import { logIn, type MemberClient } from '../helpers/client.js';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { KEY, WAIT_MS } from '../helpers/screen.js';

// A board moderator acts on a thread that its author and another member are reading; each
// sees what they should, live. Accounts and posts are made through the services, the
// moderation itself through the screens.
let bbs: TestHaven;
let willow: MemberClient;
let rowan: MemberClient;
let ash: MemberClient;
let threadId: number;
let postId: number;
let replyId: number;
const clients: MemberClient[] = [];

const UNSAFE = 'Stop taking your pills, it worked for me';

beforeAll(async () => {
  bbs = await startTestHaven();
  const { accounts, boards } = bbs.haven.services;
  const join = (name: string, role: 'member' | 'sysop' = 'member') => accounts.register({ name, password: 'correct horse', acceptedGuidelines: true, role });
  const keeper: Member = await join('keeper', 'sysop');
  const [mod, author, reader, otherMod, narrowMod] = [await join('willow'), await join('rowan'), await join('ash'), await join('hazel'), await join('birch')];
  const slug = (s: string) => boards.list(keeper).find((b) => b.slug === s)!.id;
  boards.setModerator(keeper, slug('bereavement'), mod.id, true);
  boards.setModerator(keeper, slug('bereavement'), narrowMod.id, true);
  boards.setModerator(keeper, slug('divorce'), otherMod.id, true);
  ({ threadId, postId } = boards.posts.startThread(author, slug('bereavement'), { subject: 'What helped me', body: UNSAFE }));
  replyId = boards.posts.reply(reader, threadId, { body: 'Please talk to your doctor first.' });
});
afterAll(async () => {
  for (const c of clients) c.end();
  await bbs?.stop();
});

async function connect(name: string, size: { cols: number; rows: number } = { cols: 80, rows: 24 }): Promise<MemberClient> {
  const c = await logIn(bbs.port, name, 'correct horse', size);
  clients.push(c);
  return c;
}

/** From the main menu into the one thread of Bereavement & loss. */
async function openThread(c: MemberClient): Promise<void> {
  // Not the shared openBoard: at 40 columns the board's name is cut short in the heading.
  c.send('B');
  await c.waitFor('Announcements');
  c.send(KEY.down);
  c.send(KEY.down);
  c.send(KEY.enter);
  await c.waitFor(/Bereav.*page 1/);
  c.send(KEY.enter);
  await c.waitFor(/#1 · rowan/);
}

/** Waits for `text` on the status line (the row above the footer). */
async function waitForStatus(c: MemberClient, text: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!c.screen.lines().at(-2)?.includes(text)) {
    if (Date.now() > deadline) throw new Error(`The status line never said "${text}". The screen shows:\n${c.text()}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

const lineWith = (c: MemberClient, text: string) => c.screen.lines().find((l) => l.includes(text)) ?? '';

describe('a moderator hides a post from the thread view', () => {
  it('three keys hide the post under the cursor with a listed reason; the reader sees it removed, the author their words, live', async () => {
    [willow, rowan, ash] = [await connect('willow'), await connect('rowan'), await connect('ash')];
    for (const c of [willow, rowan, ash]) await openThread(c);
    expect(willow.text()).toContain('[M]oderate');
    expect(ash.text()).not.toContain('[M]oderate');

    // The thread opens at the post (the first unread): M, H, 1.
    willow.send('M');
    await willow.waitFor('Moderate #1 by rowan');
    expect(willow.text()).toContain(`post ${postId} in thread ${threadId}`);
    expect(willow.text()).toContain('[H] Hide this post');
    willow.send('H');
    await willow.waitFor('Hide #1 by rowan: why?');
    expect(willow.text()).toMatch(/\[1\] Harmful or unsafe advice[\s\S]*\[2\] Harassment[\s\S]*\[3\] Spam[\s\S]*\[4\] Other/);
    willow.send('1');
    await willow.waitFor('[Hidden: Harmful or unsafe advice]');
    expect(willow.text()).toContain(UNSAFE);

    await ash.waitFor('Removed by a moderator: Harmful or unsafe advice');
    expect(ash.text()).not.toContain('Stop taking');
    expect(ash.text()).toContain('(removed by a moderator)');
    expect(ash.text()).toContain('Please talk to your doctor first.');

    await rowan.waitFor('Hidden from other members by a moderator: Harmful or unsafe advice');
    expect(rowan.text()).toContain(UNSAFE);
    expect(rowan.text()).toContain('What helped me');
    expect(bbs.haven.services.audit.list('console')[0]).toMatchObject({ action: 'post.hide', actorName: 'willow', targetId: postId });

    // From the same menu, the author is warned: they acknowledge it where they are.
    willow.send('M');
    await willow.waitFor('Warn, mute or suspend rowan');
    willow.send('W');
    await willow.waitFor('Moderate rowan');
    willow.send('w');
    await willow.waitFor('Why warn rowan?');
    willow.send('1');
    await willow.waitFor('Reason (rowan reads it)');
    willow.line('Please share your own experience, not medical instructions.');
    await rowan.waitFor('A WARNING FROM THE MODERATORS');
    rowan.send('A');
    await rowan.waitFor('What helped me');
    expect(bbs.haven.services.audit.list('console')[0]).toMatchObject({ action: 'member.warn', actorName: 'willow', memberId: bbs.haven.services.accounts.findByName('rowan')!.id });
  });

  it('a moderator of another board sees no staff menu here, and M only tells them so', async () => {
    const hazel = await connect('hazel');
    await openThread(hazel);
    expect(hazel.text()).not.toContain('[M]oderate');
    expect(hazel.text()).toContain('Removed by a moderator: Harmful or unsafe advice');
    hazel.send('M');
    await hazel.waitFor('Only a sysop or the moderators of Bereavement & loss can moderate here.');
    expect(hazel.text()).not.toContain('Moderate #');
  });

  it('a locked thread says so to its readers, and R tells a member it takes no replies; staff may still reply', async () => {
    willow.send('M');
    await willow.waitFor('[L] Lock thread');
    willow.send('L');
    await willow.waitFor('The thread is locked: only staff can reply.');
    await ash.waitFor('[Locked]');
    await ash.waitFor(LOCKED);
    ash.send('R');
    await waitForStatus(ash, LOCKED);
    expect(ash.text()).not.toContain('Reply:');
    expect(() => bbs.haven.services.boards.posts.reply(bbs.haven.services.accounts.findByName('ash')!, threadId, { body: 'Me too' })).toThrow(LOCKED);

    willow.send('R');
    await willow.waitFor('Reply: What helped me');
    willow.send(KEY.escape);
    await willow.waitFor('[Hidden: Harmful or unsafe advice]');
  });

  it('a moderator on a 40x12 terminal hides a post with the same three keys', async () => {
    const birch = await connect('birch', { cols: 40, rows: 12 });
    await openThread(birch);
    expect(birch.text()).toContain('[M]oderate');
    birch.send(']');
    await birch.waitFor(/#2 · ash/);
    birch.send('M');
    await birch.waitFor('Moderate #2 by ash');
    expect(birch.text()).toContain(`post ${replyId} in thread ${threadId}`);
    expect(birch.text()).toContain('[H] Hide this post');
    expect(birch.text()).toContain('[Esc] Close');
    birch.send('H');
    await birch.waitFor('[3] Spam');
    expect(birch.text()).toContain('[4] Other: type a reason');
    birch.send('2');
    await ash.waitFor('Hidden from other members by a moderator: Harassment');
    await rowan.waitFor('Removed by a moderator: Harassment');
    expect(rowan.text()).not.toContain('Please talk to your doctor first.');
  });

  it('a typed reason (4, then the reason) hides too, and the moderator restores the post from the same menu', async () => {
    willow.send(KEY.escape);
    await willow.waitFor('What helped me');
    await openThreadAgain(willow);
    willow.send('M');
    await willow.waitFor('[U] Restore this post');
    willow.send('U');
    await ash.waitFor(UNSAFE);
    expect(lineWith(ash, 'Removed by a moderator')).toBe('');
    willow.send('M');
    await willow.waitFor('[H] Hide this post');
    willow.send('H');
    await willow.waitFor('[4] Other');
    willow.send('4');
    await willow.waitFor('Why hide it?');
    willow.line('Names a member who is not here');
    await ash.waitFor('Removed by a moderator: Names a member who is not here');
  });

  it('pins the thread, edits its subject, and moves it to a board picked from a list; then it is no longer theirs to moderate', async () => {
    willow.send('M');
    await willow.waitFor('[P] Pin thread');
    willow.send('P');
    await willow.waitFor('The thread is pinned to the top of its board.');
    willow.send('M');
    await willow.waitFor('[P] Unpin thread');
    willow.send('S');
    await willow.waitFor('New subject');
    willow.send('\x15');
    willow.line('What helped me (retitled)');
    await willow.waitFor('The subject is changed.');
    await rowan.waitFor('What helped me (retitled)');
    // Its first post is hidden: other members still read the subject as removed.
    expect(ash.text()).toContain('(removed by a moderator)');

    willow.send('M');
    await willow.waitFor('[M] Move thread');
    willow.send('M');
    await willow.waitFor(`Move thread ${threadId} to:`);
    expect(willow.text()).not.toMatch(/^ Bereavement & loss\s*$/m);
    for (let i = 0; i < 3; i++) willow.send(KEY.down);
    willow.send(KEY.enter);
    await willow.waitFor('The thread is moved to Divorce & separation.');
    expect(bbs.haven.services.audit.list('console')[0]).toMatchObject({ action: 'thread.move', actorName: 'willow', detail: { to: 'Divorce & separation' } });
    willow.send('M');
    await willow.waitFor('Only a sysop or the moderators of Divorce & separation can moderate here.');
  });
});

/** Back from the thread list into the thread, at its first post. */
async function openThreadAgain(c: MemberClient): Promise<void> {
  c.send(KEY.enter);
  await c.waitFor(/#1 · rowan/);
  c.send('g');
}
