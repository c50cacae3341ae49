import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../src/services/accounts.js';
import { REPORT_SETTINGS } from '../../src/services/report-reasons.js';
import { openBoard } from '../helpers/boards.js';
import { logIn, signUp, type MemberClient } from '../helpers/client.js';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { KEY } from '../helpers/screen.js';

let bbs: TestHaven;
let ash: Member;
let willow: Member;
let hazel: Member;
let griefId: number;

const PHONE = { cols: 40, rows: 12 };

beforeAll(async () => {
  bbs = await startTestHaven();
  const { accounts, boards, settings } = bbs.haven.services;
  const join = (name: string, role: 'member' | 'sysop' = 'member') => accounts.register({ name, password: 'correct horse', acceptedGuidelines: true, role });
  const keeper = await join('keeper', 'sysop');
  [ash, willow, hazel] = [await join('ash'), await join('willow'), await join('hazel')];
  const all = boards.list(keeper);
  griefId = all.find((b) => b.slug === 'bereavement')!.id;
  boards.setModerator(keeper, griefId, willow.id, true);
  boards.setModerator(keeper, all.find((b) => b.slug === 'divorce')!.id, hazel.id, true);
  // Members who joined minutes ago count fully here: the weighting has its own unit test.
  settings.setNumber(REPORT_SETTINGS.newAccountHours, '0');
});

afterAll(async () => {
  await bbs.stop();
});

/** The screen's text with its lines joined, so a wrapped sentence reads whole. */
const flat = (c: MemberClient) => c.text().replace(/\s+/g, ' ');

describe('the moderation queue', () => {
  it('a reported post reaches its board moderator, at-risk first; three keys hide it; author and reader each see the right view', async () => {
    const { boards, reports, moderation, audit, accounts } = bbs.haven.services;
    const { postId } = boards.posts.startThread(ash, griefId, { subject: 'What helped me', body: 'Stop your medication, it only numbs you.' });
    const sad = boards.posts.startThread(ash, griefId, { subject: 'Tonight', body: 'I do not see the point any more.' });

    // A member reports the post from the thread view, as harmful advice.
    const rowan = await signUp(bbs.port, 'rowan');
    await openBoard(rowan, 'Bereavement', 2);
    await rowan.waitFor('What helped me');
    rowan.press('down');
    rowan.press('enter');
    await rowan.waitFor('it only numbs you');
    rowan.send('!');
    await rowan.waitFor("Why report ash's post?");
    rowan.send('1');
    await rowan.waitFor('Anything to add?');
    rowan.line('Could make someone stop their treatment');
    await rowan.waitFor('Thank you.');
    // Later, another member says the author of another post may be at risk.
    reports.reportPost(accounts.findByName('keeper')!, sad.postId, { category: 'at-risk', reason: 'Sounds hopeless' });

    // The board's moderator opens the queue: the member at risk comes first, with the note.
    const mod = await logIn(bbs.port, 'willow');
    mod.send('!');
    await mod.waitFor('Moderation queue');
    mod.send('Q');
    await mod.waitFor('2 reported items');
    expect(mod.screen.lines()[2]).toMatch(/^!.*Member may be at risk.*post by ash/);
    mod.press('enter');
    await mod.waitFor('A MEMBER MAY BE AT RISK');
    expect(flat(mod)).toContain('Read what they wrote');
    mod.press('escape');
    await mod.waitFor('2 reported items');

    // Down to the harmful advice, H, and a listed reason: hidden, reports closed as acted on.
    mod.press('down');
    mod.send('H');
    await mod.waitFor("Hide ash's post: why?");
    mod.send('1');
    await mod.waitFor('Hidden from members: Harmful or unsafe advice');
    await mod.waitFor('1 reported item');
    expect(boards.posts.get(hazel, postId).withheld).toBe(true);

    // The reader, still in the thread, sees it removed, and why; the author sees their words.
    await rowan.waitFor('Removed by a moderator: Harmful or unsafe advice');
    expect(rowan.text()).not.toContain('numbs you');
    const author = await logIn(bbs.port, 'ash');
    await openBoard(author, 'Bereavement', 2);
    await author.waitFor('What helped me');
    author.press('down');
    author.press('enter');
    await author.waitFor('it only numbs you');
    expect(flat(author)).toContain('Hidden from other members by a moderator: Harmful or unsafe advice');
    rowan.send(KEY.escape);
    rowan.send(KEY.escape);
    await rowan.waitFor('Boards');

    // A moderator of another board has nothing waiting, and the service refuses her however she asks.
    const other = await logIn(bbs.port, 'hazel');
    other.send('!');
    await other.waitFor('Moderation queue');
    other.send('Q');
    await other.waitFor('Nothing waits for you');
    expect(() => moderation.hidePost(hazel, sad.postId, 'no')).toThrow("Only a sysop or this board's moderators can hide posts.");
    expect(() => reports.dismiss(hazel, `post:${sad.postId}`)).toThrow();

    // Every action is in the audit log, by its moderator.
    const entries = audit.list('console').filter((e) => e.actorName === 'willow').map((e) => e.action);
    expect(entries).toEqual(['report.act', 'post.hide']);
    expect(reports.mine(accounts.findByName('rowan')!)[0]!.state).toBe('acted');
    for (const c of [rowan, mod, author, other]) c.end();
    expect(postId).toBeGreaterThan(0);
  });

  it('at 40x12: three members report a post and it hides itself pending review; the moderator dismisses and it is back', async () => {
    const { boards, reports, accounts } = bbs.haven.services;
    for (const g of reports.queue('console')) reports.markActed('console', g.key, 'Reached out by mail');
    const { threadId, postId } = boards.posts.startThread(ash, griefId, { subject: 'Spare pills', body: 'Message me for spare pills.' });
    for (const name of ['birch', 'cedar', 'dove']) {
      const m = await accounts.register({ name, password: 'correct horse', acceptedGuidelines: true });
      reports.reportPost(m, postId, { category: 'spam' });
    }
    expect(boards.posts.get(hazel, postId)).toMatchObject({ withheld: true, hidden: { by: 'reports' } });

    const mod = await logIn(bbs.port, 'willow', 'correct horse', PHONE);
    mod.send('!');
    await mod.waitFor('Staff desk');
    mod.send('Q');
    await mod.waitFor(/3× Spam/);
    mod.press('enter');
    await mod.waitFor(/Hidden now, because members reported\s+it/);
    mod.send('D');
    await mod.waitFor('Dismiss: a note');
    mod.line('Sharing, not selling');
    await mod.waitFor(/Dismissed, and the post is shown\s+again/);
    expect(boards.posts.get(hazel, postId)).toMatchObject({ withheld: false, hidden: null });
    expect(boards.posts.thread(hazel, threadId).subject).toBe('Spare pills');
    mod.end();
  });
});
