import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../src/services/accounts.js';
import type { Services } from '../../src/services/index.js';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { signUp, type MemberClient } from '../helpers/client.js';
import { KEY } from '../helpers/screen.js';

// Long threads, many threads, read-only boards, blocking and small windows, with the data
// written straight through the services so each journey starts where it matters.
let bbs: TestHaven;
let services: Services;
let carol: Member;
let dave: MemberClient;
let intro: number;
let threadId: number;
const postIds: number[] = [];

beforeAll(async () => {
  bbs = await startTestHaven();
  services = bbs.haven.services;
  await (await signUp(bbs.port, 'carol')).end();
  dave = await signUp(bbs.port, 'dave');
  carol = services.accounts.findByName('carol')!;
  intro = services.boards.list(carol).find((b) => b.slug === 'introductions')!.id;
  const t = services.boards.posts.startThread(carol, intro, { subject: 'A long story', body: 'Post number 1' });
  threadId = t.threadId;
  postIds.push(t.postId);
  for (let i = 2; i <= 60; i++) {
    const body = i === 47 ? `Post number 47 is a long one that has to be wrapped on a narrow window, word by word, without losing any of it.` : `Post number ${i}`;
    postIds.push(services.boards.posts.reply(carol, threadId, { body }));
  }
  const daveMember = services.accounts.findByName('dave')!;
  services.boards.reads.markRead(daveMember.id, threadId, postIds[44]);
});
afterAll(async () => {
  dave?.end();
  await bbs.stop();
});

describe('reading at length', () => {
  it('a long thread opens at the first unread post and scrolls by line and page, marking what was read', async () => {
    dave.send('B');
    await dave.waitFor('Announcements');
    dave.send(KEY.down);
    dave.send(KEY.enter);
    await dave.waitFor('15 unread');
    dave.send(KEY.enter);
    await dave.waitFor(/A long story\s+46\/60/);
    expect(dave.screen.lines()[2]).toMatch(/^#46 · carol · .* · new/);
    dave.send(KEY.down);
    // One line down: the body of #46 is now the first line under the heading.
    await dave.waitFor(/46\/60\s*\n Post number 46\s*\n/);
    for (let i = 0; i < 6; i++) dave.send(KEY.pageDown);
    await dave.waitFor(/A long story\s+60\/60/);
    await dave.waitFor('Post number 60');
    dave.send(KEY.escape);
    await dave.waitFor('0 unread');
    expect(dave.text()).toMatch(/^\s+A long story/m);
    dave.send(KEY.enter);
    // Nothing new: the thread opens at its last post.
    await dave.waitFor('Post number 60');
    dave.send(KEY.home);
    await dave.waitFor(/A long story\s+1\/60/);
    expect(dave.screen.lines()[2]).toMatch(/^#1 · carol/);
    dave.send(KEY.end);
    await dave.waitFor(/A long story\s+60\/60/);
  });

  it('posts wrap to a 40-column window and lay out again at 200x60', async () => {
    dave.send(KEY.home);
    await dave.waitFor(/1\/60/);
    for (let i = 0; i < 46; i++) dave.send(']');
    await dave.waitFor(/47\/60/);
    dave.resize(40, 12);
    await dave.waitFor('without losing any of it.');
    const lines = dave.screen.lines();
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain('Post number 47 is a long one that has to be wrapped on a narrow window, word by word, without losing any of it.');
    dave.resize(200, 60);
    await dave.waitFor(/Post number 47 is a long one that has to be wrapped on a narrow window, word by word, without losing any of it\./);
    expect(dave.text()).toContain('Post number 60');
    dave.resize(80, 24);
    await dave.waitFor(/47\/60/);
    dave.send(KEY.escape);
    await dave.waitFor('page 1');
  });

  it('the thread list pages through many threads, and a new thread appears at the top while it is open', async () => {
    for (let i = 1; i <= 45; i++) services.boards.posts.startThread(carol, intro, { subject: `Thread ${i}`, body: `body ${i}` });
    dave.send(KEY.escape);
    await dave.waitFor('Announcements');
    dave.send(KEY.enter);
    await dave.waitFor(/Introductions.*page 1 · 46 threads/);
    expect(dave.screen.lines()[3]).toMatch(/^\* Thread 45\s/);
    dave.send(KEY.pageDown);
    await dave.waitFor('page 2');
    expect(dave.screen.lines()[3]).toMatch(/^\* Thread 26\s/);
    dave.send(KEY.pageDown);
    await dave.waitFor('page 3');
    expect(dave.screen.lines()[3]).toMatch(/^\* Thread 7\s/);
    expect(dave.text()).toMatch(/^  A long story\s+carol\s+59\s/m);
    expect(dave.text()).not.toMatch(/Thread 8\s/);
    dave.send(KEY.up);
    await dave.waitFor('page 2');
    dave.send(KEY.home);
    await dave.waitFor('page 1');
    services.boards.posts.startThread(carol, intro, { subject: 'Arriving live', body: 'hello' });
    await dave.waitFor(/^\* Arriving live\s/m);
    expect(dave.screen.lines()[3]).toMatch(/^\* Arriving live/);
  });

  it('catch-up marks the whole board read after asking', async () => {
    dave.send('C');
    await dave.waitFor('Mark all 46 unread posts in Introductions read?');
    dave.send('y');
    await dave.waitFor('0 unread');
    expect(dave.text()).not.toMatch(/^\*/m);
    dave.send(KEY.escape);
    await dave.waitFor('Announcements');
  });

  it('a read-only board tells a member who may post there', async () => {
    dave.send(KEY.up);
    dave.send(KEY.enter);
    await dave.waitFor(/Announcements.*page 1/);
    dave.send('P');
    await dave.waitFor('Only the sysop and moderators post in Announcements.');
    dave.send(KEY.escape);
    await dave.waitFor('Board');
  });

  it('an empty reply is refused with a message, and blocking from a post folds that member', async () => {
    dave.send(KEY.down);
    dave.send(KEY.enter);
    await dave.waitFor(/Introductions.*page 1/);
    dave.send(KEY.enter);
    await dave.waitFor('Arriving live');
    dave.send('R');
    await dave.waitFor('Reply: Arriving live');
    dave.send(KEY.ctrlS);
    await dave.waitFor('An empty post cannot be sent. Write something first.');
    dave.send(KEY.escape);
    await dave.waitFor(/Arriving live\s+1\/1/);
    dave.send('X');
    await dave.waitFor('Block carol?');
    dave.send('y');
    await dave.waitFor('carol is blocked.');
    await dave.waitFor('A post by a member you blocked. [O] shows it.');
    expect(dave.text()).toContain('(blocked member)');
    expect(dave.text()).not.toMatch(/^ hello\s*$/m);
    dave.send('O');
    await dave.waitFor(/^ hello\s*$/m);
  });
});

describe('moving about', () => {
  it('End and Home jump to the last and first board, and a new search from the results takes their place', async () => {
    const erin = await signUp(bbs.port, 'erin');
    erin.send('B');
    await erin.waitFor('Announcements');
    erin.send(KEY.end);
    await erin.screen.waitForHighlighted(/^ Success stories/);
    erin.send(KEY.home);
    await erin.screen.waitForHighlighted(/^ Announcements/);
    erin.send('/');
    await erin.waitFor('Search all boards for');
    erin.line('story');
    await erin.waitFor('found for "story"');
    erin.send(KEY.end);
    erin.send('/');
    await erin.waitFor('Search all boards for');
    erin.line('number');
    await erin.waitFor('found for "number"');
    // Back from the new results is back to the boards, not to the results they replaced.
    erin.send(KEY.escape);
    await erin.waitFor('Unread');
    expect(erin.text()).not.toContain('found for');
    erin.end();
  });

  it('a thread whose only post is deleted is gone: no reply, not listed, not next in the newscan', async () => {
    const fay = await signUp(bbs.port, 'fay');
    const fayMember = services.accounts.findByName('fay')!;
    for (const b of services.boards.list(fayMember)) services.boards.markBoardRead(fayMember, b.id);
    const jobs = services.boards.list(carol).find((b) => b.slug === 'job-loss')!;
    const t = services.boards.posts.startThread(carol, jobs.id, { subject: 'Changed my mind', body: 'Never mind this one.' });
    fay.send('N');
    await fay.waitFor('Never mind this one.');
    // carol deletes it while fay reads it.
    services.boards.posts.remove(carol, t.postId);
    await fay.waitFor('deleted by author');
    fay.send('r');
    await fay.waitFor('Every post in this thread was deleted, so it takes no replies.');
    fay.send(KEY.escape);
    await fay.waitFor('Main menu');
    fay.send('N');
    await fay.waitFor('No unread posts left: you are all caught up.');
    fay.send('B');
    await fay.waitFor('Announcements');
    expect(services.boards.list(fayMember).find((b) => b.id === jobs.id)).toMatchObject({ threadCount: 0, unread: 0 });
    expect(services.boards.threads(fayMember, jobs.id).threads).toEqual([]);
    fay.end();
  });
});
