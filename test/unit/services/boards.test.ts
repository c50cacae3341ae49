import { beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import type { Member } from '../../../src/services/accounts.js';
import { BODY_MAX } from '../../../src/services/posts.js';
import { boardsFixture, type BoardsFixture } from './boards-fixture.js';

let f: BoardsFixture;
let ann: Member;
let ben: Member;
let sysop: Member;
let intro: number;
let grief: number;

beforeEach(() => {
  f = boardsFixture();
  ann = f.member('ann');
  ben = f.member('ben');
  sysop = f.member('keeper', 'sysop');
  intro = f.boardId('introductions');
  grief = f.boardId('bereavement');
});

const unreadIn = (m: Member, boardId: number) => f.boards.list(m).find((b) => b.id === boardId)!.unread;

describe('boards', () => {
  it('lists the boards in the sysop order, Announcements first and read-only for members', () => {
    const list = f.boards.list(ann);
    expect(list[0]).toMatchObject({ slug: 'announcements', readOnly: true, canPost: false, threadCount: 0, postCount: 0, unread: 0, lastPostAt: null });
    expect(list.map((b) => b.slug).slice(0, 3)).toEqual(['announcements', 'introductions', 'bereavement']);
    expect(() => f.boards.posts.startThread(ann, list[0].id, { subject: 'Hi', body: 'News' })).toThrow(UserError);
    expect(f.boards.list(sysop)[0].canPost).toBe(true);
    f.boards.posts.startThread(sysop, list[0].id, { subject: 'Welcome', body: 'The BBS is open.' });
    expect(f.boards.list(ann)[0]).toMatchObject({ threadCount: 1, postCount: 1, unread: 1 });
  });

  it("a board's moderator may post in a read-only board", () => {
    const annId = f.boardId('announcements');
    expect(() => f.boards.setModerator(ann, annId, ben.id, true)).toThrow('Only a sysop');
    f.boards.setModerator(sysop, annId, ben.id, true);
    expect(f.boards.get(ben, annId)).toMatchObject({ canPost: true, canModerate: true });
    f.boards.posts.startThread(ben, annId, { subject: 'Meeting', body: 'Thursday' });
  });

  it('a members-only board is hidden from members a sysop has not admitted', () => {
    f.boards.setBoardFlags(sysop, grief, { readOnly: false, membersOnly: true });
    const t = f.boards.posts.startThread(sysop, grief, { subject: 'Closed group', body: 'For those admitted' });
    expect(f.boards.list(ann).some((b) => b.id === grief)).toBe(false);
    expect(() => f.boards.threads(ann, grief)).toThrow(UserError);
    expect(() => f.boards.posts.window(ann, t.threadId)).toThrow(UserError);
    expect(f.boards.search.search(ann, 'admitted')).toEqual([]);
    f.boards.setBoardMember(sysop, grief, ann.id, true);
    expect(f.boards.list(ann).find((b) => b.id === grief)).toMatchObject({ membersOnly: true, unread: 1 });
    expect(f.boards.search.search(ann, 'admitted')).toHaveLength(1);
    expect(f.boards.list(ben).some((b) => b.id === grief)).toBe(false);
  });
});

describe('unread counts', () => {
  it("a new thread is unread for others and read for its author; a reply is unread for the thread's author", () => {
    const t = f.boards.posts.startThread(ann, intro, { subject: 'Hello', body: 'First time here.' });
    expect(unreadIn(ann, intro)).toBe(0);
    expect(unreadIn(ben, intro)).toBe(1);
    expect(f.boards.threads(ben, intro).threads[0]).toMatchObject({ subject: 'Hello', authorName: 'ann', replies: 0, hasUnread: true });
    expect(f.boards.threads(ann, intro).threads[0].hasUnread).toBe(false);

    f.boards.posts.window(ben, t.threadId);
    f.boards.reads.markRead(ben.id, t.threadId, t.postId);
    expect(unreadIn(ben, intro)).toBe(0);
    f.boards.posts.reply(ben, t.threadId, { body: 'Welcome!' });
    expect(unreadIn(ben, intro)).toBe(0);
    expect(unreadIn(ann, intro)).toBe(1);
    expect(f.boards.threads(ann, intro).threads[0]).toMatchObject({ replies: 1, lastAuthorName: 'ben', hasUnread: true });
  });

  it("an own reply to a thread with unread posts stays among them, so others' posts are never skipped", () => {
    const t = f.boards.posts.startThread(ann, intro, { subject: 'Hello', body: 'one' });
    f.boards.posts.reply(ben, t.threadId, { body: 'I replied without reading' });
    expect(unreadIn(ben, intro)).toBe(2);
    expect(f.boards.reads.firstUnread(ben.id, t.threadId)).toBe(t.postId);
  });

  it('counts unread posts per board across threads, as a reader moves through them', () => {
    const a = f.boards.posts.startThread(ann, intro, { subject: 'A', body: 'a1' });
    const a2 = f.boards.posts.reply(ann, a.threadId, { body: 'a2' });
    const a3 = f.boards.posts.reply(ann, a.threadId, { body: 'a3' });
    const b = f.boards.posts.startThread(ann, intro, { subject: 'B', body: 'b1' });
    f.boards.posts.startThread(ann, grief, { subject: 'C', body: 'c1' });
    expect(unreadIn(ben, intro)).toBe(4);
    expect(unreadIn(ben, grief)).toBe(1);

    expect(f.boards.reads.markRead(ben.id, a.threadId, a2)).toBe(true);
    expect(unreadIn(ben, intro)).toBe(2);
    expect(f.boards.reads.firstUnread(ben.id, a.threadId)).toBe(a3);
    // Marks only move forward.
    expect(f.boards.reads.markRead(ben.id, a.threadId, a.postId)).toBe(false);
    expect(unreadIn(ben, intro)).toBe(2);
    f.boards.reads.markRead(ben.id, b.threadId, b.postId);
    expect(unreadIn(ben, intro)).toBe(1);
    f.boards.reads.markRead(ben.id, a.threadId, a3 + 1000);
    expect(unreadIn(ben, intro)).toBe(0);
    expect(unreadIn(ben, grief)).toBe(1);

    // Fully read: the baseline moved to the board's last post, and new posts count from there.
    expect(f.boards.reads.baseline(ben.id, intro)).toBe(b.postId);
    f.boards.posts.reply(ann, a.threadId, { body: 'a4' });
    f.boards.posts.reply(ann, b.threadId, { body: 'b2' });
    expect(unreadIn(ben, intro)).toBe(2);
    const page = f.boards.threads(ben, intro).threads;
    expect(page.map((t) => [t.subject, t.hasUnread])).toEqual([['B', true], ['A', true]]);
  });

  it('catch-up marks a whole board read at once', () => {
    const t = f.boards.posts.startThread(ann, intro, { subject: 'A', body: 'a1' });
    for (let i = 0; i < 5; i++) f.boards.posts.reply(ann, t.threadId, { body: `reply ${i}` });
    f.boards.reads.markRead(ben.id, t.threadId, t.postId);
    expect(unreadIn(ben, intro)).toBe(5);
    f.boards.markBoardRead(ben, intro);
    expect(unreadIn(ben, intro)).toBe(0);
    expect(f.boards.reads.firstUnread(ben.id, t.threadId)).toBeUndefined();
    const last = f.boards.posts.reply(ann, t.threadId, { body: 'after catching up' });
    expect(unreadIn(ben, intro)).toBe(1);
    expect(f.boards.reads.firstUnread(ben.id, t.threadId)).toBe(last);
    // The stale thread mark below the baseline must not count posts twice.
    f.boards.reads.markRead(ben.id, t.threadId, last);
    expect(unreadIn(ben, intro)).toBe(0);
  });
});

describe('thread pages', () => {
  const makeThreads = (n: number) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push(f.boards.posts.startThread(ann, intro, { subject: `Thread ${i}`, body: `body ${i}` }).threadId);
    return ids;
  };
  const subjects = (p: { threads: Array<{ subject: string }> }) => p.threads.map((t) => t.subject);

  it('pages through threads newest first and back again, with exact edges', () => {
    makeThreads(45);
    const p1 = f.boards.threads(ben, intro, { limit: 20 });
    expect(subjects(p1)[0]).toBe('Thread 44');
    expect(p1).toMatchObject({ hasNewer: false, hasOlder: true });
    const p2 = f.boards.threads(ben, intro, { limit: 20, before: p1.threads[19].lastPostId });
    expect(subjects(p2)[0]).toBe('Thread 24');
    expect(p2).toMatchObject({ hasNewer: true, hasOlder: true });
    const p3 = f.boards.threads(ben, intro, { limit: 20, before: p2.threads[19].lastPostId });
    expect(subjects(p3)).toEqual(['Thread 4', 'Thread 3', 'Thread 2', 'Thread 1', 'Thread 0']);
    expect(p3).toMatchObject({ hasNewer: true, hasOlder: false });
    const back2 = f.boards.threads(ben, intro, { limit: 20, after: p3.threads[0].lastPostId });
    expect(subjects(back2)).toEqual(subjects(p2));
    expect(back2).toMatchObject({ hasNewer: true, hasOlder: true });
    const back1 = f.boards.threads(ben, intro, { limit: 20, after: back2.threads[0].lastPostId });
    expect(subjects(back1)).toEqual(subjects(p1));
    expect(back1.hasNewer).toBe(false);
  });

  it('a board holding an exact multiple of the page size ends without an empty page', () => {
    makeThreads(40);
    const p1 = f.boards.threads(ben, intro, { limit: 20 });
    const p2 = f.boards.threads(ben, intro, { limit: 20, before: p1.threads[19].lastPostId });
    expect(p2.threads).toHaveLength(20);
    expect(p2.hasOlder).toBe(false);
    expect(f.boards.threads(ben, intro, { limit: 20 }).threads).toHaveLength(20);
    expect(f.boards.threads(ben, f.boardId('cancer'))).toEqual({ threads: [], hasOlder: false, hasNewer: false });
  });

  it('a reply moves an old thread to the top of the first page', () => {
    const ids = makeThreads(30);
    f.boards.posts.reply(ben, ids[0], { body: 'bumping the first thread' });
    const p1 = f.boards.threads(ann, intro, { limit: 10 });
    expect(p1.threads[0]).toMatchObject({ subject: 'Thread 0', replies: 1, lastAuthorName: 'ben' });
    const all = [p1];
    while (all[all.length - 1].hasOlder) all.push(f.boards.threads(ann, intro, { limit: 10, before: all[all.length - 1].threads.at(-1)!.lastPostId }));
    const seen = all.flatMap(subjects);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
  });
});

describe('reading a thread', () => {
  it('opens a long thread at the first unread post, with a window around it', () => {
    const t = f.boards.posts.startThread(ann, intro, { subject: 'Long', body: 'post 1' });
    const ids = [t.postId];
    for (let i = 2; i <= 120; i++) ids.push(f.boards.posts.reply(ann, t.threadId, { body: `post ${i}` }));
    f.boards.reads.markRead(ben.id, t.threadId, ids[59]);
    const w = f.boards.posts.window(ben, t.threadId, { before: 10, after: 40 });
    expect(w.focusPostId).toBe(ids[60]);
    expect(w.readUpTo).toBe(ids[59]);
    expect(w.firstPosition).toBe(51);
    expect(w.posts.map((p) => p.body)[0]).toBe('post 51');
    expect(w.posts).toHaveLength(50);
    expect(w).toMatchObject({ hasBefore: true, hasAfter: true });
    const more = f.boards.posts.after(ben, t.threadId, w.posts.at(-1)!.id, 40);
    expect(more.map((p) => p.body)).toEqual(Array.from({ length: 20 }, (_, i) => `post ${101 + i}`));
    const earlier = f.boards.posts.before(ben, t.threadId, w.posts[0].id, 40);
    expect(earlier.map((p) => p.body)).toEqual(Array.from({ length: 40 }, (_, i) => `post ${11 + i}`));
    expect(f.boards.posts.position(t.threadId, ids[60])).toBe(61);
  });

  it('opens a fully read thread at its last post, and at a chosen post when asked', () => {
    const t = f.boards.posts.startThread(ann, intro, { subject: 'Short', body: 'p1' });
    const p2 = f.boards.posts.reply(ann, t.threadId, { body: 'p2' });
    f.boards.posts.reply(ann, t.threadId, { body: 'p3' });
    const w = f.boards.posts.window(ann, t.threadId);
    expect(w.posts.map((p) => p.body)).toEqual(['p1', 'p2', 'p3']);
    expect(w.focusPostId).toBe(w.posts[2].id);
    expect(w).toMatchObject({ hasBefore: false, hasAfter: false, firstPosition: 1 });
    expect(f.boards.posts.window(ann, t.threadId, { at: p2 }).focusPostId).toBe(p2);
  });
});
