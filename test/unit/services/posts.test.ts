import { beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import type { Member } from '../../../src/services/accounts.js';
import { BODY_MAX, SUBJECT_MAX } from '../../../src/services/posts.js';
import { ftsQuery } from '../../../src/services/post-search.js';
import { boardsFixture, type BoardsFixture } from './boards-fixture.js';

let f: BoardsFixture;
let ann: Member;
let ben: Member;
let intro: number;
let grief: number;

beforeEach(() => {
  f = boardsFixture();
  ann = f.member('ann');
  ben = f.member('ben');
  intro = f.boardId('introductions');
  grief = f.boardId('bereavement');
});

describe('what a post may contain', () => {
  it('cleans escape sequences, controls and bidi overrides out of subject, warning and body where they enter', () => {
    const t = f.boards.posts.startThread(ann, intro, {
      subject: 'Hi\x1b[2J there\u202e',
      contentWarning: 'CW: \x1b]52;c;aGVsbG8=\x07loss',
      body: 'line one\x1b[31m red\r\nline two {red-fg}tag{/red-fg}\x9b6n',
    });
    const post = f.boards.posts.get(ben, t.postId);
    expect(post.subject).toBe('Hi there');
    expect(post.contentWarning).toBe('loss');
    expect(post.body).toBe('line one red\nline two {red-fg}tag{/red-fg}');
  });

  it('refuses an empty post, a missing subject and over-long text with a plain reason', () => {
    expect(() => f.boards.posts.startThread(ann, intro, { subject: 'x', body: '  \n \x1b[2J ' })).toThrow('An empty post cannot be sent');
    expect(() => f.boards.posts.startThread(ann, intro, { subject: ' ', body: 'hello' })).toThrow('needs a subject');
    expect(() => f.boards.posts.startThread(ann, intro, { subject: 's'.repeat(SUBJECT_MAX + 1), body: 'hello' })).toThrow(UserError);
    expect(() => f.boards.posts.startThread(ann, intro, { subject: 'ok', body: 'é'.repeat(BODY_MAX + 1) })).toThrow(`at most ${BODY_MAX}`);
    // Exactly at the limit is fine, counted in characters (an emoji is one).
    f.boards.posts.startThread(ann, intro, { subject: 'ok', body: '😀'.repeat(BODY_MAX) });
    expect(f.boards.list(ann).find((b) => b.id === intro)!.postCount).toBe(1);
  });
});

describe('edits, deletes and support', () => {
  it('an author edits their post and the subject with it; nobody else can', () => {
    const t = f.boards.posts.startThread(ann, intro, { subject: 'Helo', body: 'typo' });
    expect(() => f.boards.posts.edit(ben, t.postId, { body: 'mine now' })).toThrow('only edit your own');
    f.boards.posts.edit(ann, t.postId, { subject: 'Hello', body: 'fixed', contentWarning: 'loss' });
    const post = f.boards.posts.get(ben, t.postId);
    expect(post).toMatchObject({ subject: 'Hello', body: 'fixed', contentWarning: 'loss' });
    expect(post.editedAt).not.toBeNull();
    expect(f.boards.threads(ben, intro).threads[0].subject).toBe('Hello');
    expect(f.boards.search.search(ben, 'fixed')).toHaveLength(1);
    expect(f.boards.search.search(ben, 'typo')).toHaveLength(0);
  });

  it('a deleted post loses its words but keeps its place; replies stay; search forgets it', () => {
    const t = f.boards.posts.startThread(ann, intro, { subject: 'Private thing', body: 'something I regret sharing' });
    const reply = f.boards.posts.reply(ben, t.threadId, { body: 'sending love' });
    f.boards.posts.toggleSupport(ben, t.postId);
    expect(() => f.boards.posts.remove(ben, t.postId)).toThrow('only delete your own');
    f.boards.posts.remove(ann, t.postId);
    const w = f.boards.posts.window(ben, t.threadId, { at: t.postId });
    expect(w.posts.map((p) => [p.deleted, p.body])).toEqual([[true, ''], [false, 'sending love']]);
    expect(w.posts[0]).toMatchObject({ subject: null, support: 0, contentWarning: null });
    expect(w.posts[1].id).toBe(reply);
    expect(f.boards.threads(ben, intro).threads[0]).toMatchObject({ deleted: true, subject: '', replies: 1 });
    expect(f.boards.search.search(ben, 'regret')).toEqual([]);
    expect(f.boards.search.search(ben, 'private')).toEqual([]);
    expect(() => f.boards.posts.remove(ann, t.postId)).toThrow('already deleted');
  });

  it('a thread whose every post is deleted leaves lists, counts and newscan, and refuses replies plainly', () => {
    const keep = f.boards.posts.startThread(ben, intro, { subject: 'Still here', body: 'hello' });
    const gone = f.boards.posts.startThread(ann, intro, { subject: 'Second thoughts', body: 'too much' });
    const annReply = f.boards.posts.reply(ann, gone.threadId, { body: 'and more' });
    const cy = f.member('cy');
    // cy has read the first post of the thread that is about to go, and nothing else.
    f.boards.reads.markRead(cy.id, gone.threadId, gone.postId);
    const board = (m: Member) => f.boards.list(m).find((b) => b.id === intro)!;
    expect(board(cy)).toMatchObject({ threadCount: 2, postCount: 3, unread: 2 });

    f.boards.posts.remove(ann, annReply);
    // One post is left: the thread stays.
    expect(f.boards.threads(cy, intro).threads.map((t) => t.subject)).toContain('Second thoughts');
    f.boards.posts.remove(ann, gone.postId);

    expect(f.boards.threads(cy, intro).threads.map((t) => t.id)).toEqual([keep.threadId]);
    expect(board(cy)).toMatchObject({ threadCount: 1, postCount: 1, unread: 1 });
    expect(board(ben)).toMatchObject({ threadCount: 1, postCount: 1, unread: 0 });
    expect(board(ann)).toMatchObject({ unread: 1 });
    expect(f.boards.nextUnread(cy, {})).toMatchObject({ threadId: keep.threadId });
    expect(f.boards.nextUnread(cy, { boardId: intro, threadId: gone.threadId })).toMatchObject({ threadId: keep.threadId });
    f.boards.reads.markRead(cy.id, keep.threadId, keep.postId);
    expect(board(cy).unread).toBe(0);
    expect(f.boards.nextUnread(cy, {})).toBeUndefined();
    expect(f.boards.posts.thread(cy, gone.threadId)).toMatchObject({ allDeleted: true, canReply: false });
    expect(() => f.boards.posts.reply(cy, gone.threadId, { body: 'anyone?' })).toThrow(
      'Every post in that thread was deleted, so it takes no replies.',
    );
    // Counts stay exact as the board goes on.
    const next = f.boards.posts.startThread(ann, intro, { subject: 'Fresh start', body: 'again' });
    expect(board(cy)).toMatchObject({ threadCount: 2, postCount: 2, unread: 1 });
    f.boards.reads.markRead(cy.id, next.threadId, next.postId);
    expect(board(cy).unread).toBe(0);
  });

  it('support is one per member per post, removable, never on your own post', () => {
    const t = f.boards.posts.startThread(ann, intro, { subject: 'Bad day', body: 'Today was hard.' });
    const cat = f.member('cat');
    expect(f.boards.posts.toggleSupport(ben, t.postId)).toEqual({ supported: true, count: 1 });
    expect(f.boards.posts.toggleSupport(cat, t.postId)).toEqual({ supported: true, count: 2 });
    expect(f.boards.posts.get(ben, t.postId)).toMatchObject({ support: 2, supportedByMe: true });
    expect(f.boards.posts.toggleSupport(ben, t.postId)).toEqual({ supported: false, count: 1 });
    expect(f.boards.posts.get(ben, t.postId)).toMatchObject({ support: 1, supportedByMe: false });
    expect(() => f.boards.posts.toggleSupport(ann, t.postId)).toThrow("other members' posts");
  });
});

describe('search', () => {
  it('finds posts by a word in the body or the subject, newest first, in one board or all', () => {
    const a = f.boards.posts.startThread(ann, intro, { subject: 'Gardening helps', body: 'Planting tulips calmed me.' });
    f.boards.posts.reply(ben, a.threadId, { body: 'Tulips are my mother\'s favourite.' });
    const g = f.boards.posts.startThread(ben, grief, { subject: 'Her garden', body: 'I kept her tulips alive.' });
    const all = f.boards.search.search(ann, 'tulips');
    expect(all).toHaveLength(3);
    expect(all[0]).toMatchObject({ postId: g.postId, boardName: 'Bereavement & loss', subject: 'Her garden', authorName: 'ben' });
    expect(all[0].snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['tulips']);
    expect(f.boards.search.search(ann, 'tulips', { boardId: intro })).toHaveLength(2);
    expect(f.boards.search.search(ann, 'calmed').map((h) => h.postId)).toEqual([a.postId]);
    // Forms of a word match: "plant" finds "Planting", "gardens" finds "Gardening".
    expect(f.boards.search.search(ann, 'plant')).toHaveLength(1);
    expect(f.boards.search.search(ann, 'gardens').map((h) => h.postId)).toEqual([g.postId, a.postId]);
    expect(f.boards.search.search(ann, 'tulips mother')).toHaveLength(1);
  });

  it('treats FTS syntax as text and refuses a query with no words', () => {
    f.boards.posts.startThread(ann, intro, { subject: 'Quotes', body: 'she said "NEAR" and OR (maybe)' });
    expect(ftsQuery('a" OR body:x*')).toBe('"a" "OR" "body:x*"');
    expect(ftsQuery('中文 text')).toBe('"中文"* "text"');
    expect(f.boards.search.search(ann, 'NEAR( "said')).toHaveLength(1);
    expect(() => f.boards.search.search(ann, ' "" ** ')).toThrow('Type a word');
  });

  it('does not show the words of a post behind a content warning', () => {
    f.boards.posts.startThread(ann, intro, { subject: 'Hard news', contentWarning: 'pregnancy loss', body: 'We lost the baby at twelve weeks.' });
    const [hit] = f.boards.search.search(ben, 'weeks');
    expect(hit).toMatchObject({ contentWarning: 'pregnancy loss', snippet: [] });
  });
});

describe('newscan', () => {
  it('walks a member through exactly the unread posts, across threads and boards, in order', () => {
    const t1 = f.boards.posts.startThread(ann, intro, { subject: 'one', body: '1a' });
    const r1 = f.boards.posts.reply(ann, t1.threadId, { body: '1b' });
    const t2 = f.boards.posts.startThread(ann, intro, { subject: 'two', body: '2a' });
    const t3 = f.boards.posts.startThread(ann, grief, { subject: 'three', body: '3a' });
    f.boards.reads.markRead(ben.id, t2.threadId, t2.postId);

    const visited: number[] = [];
    let from: { boardId?: number; threadId?: number } = {};
    for (let place = f.boards.nextUnread(ben, from); place; place = f.boards.nextUnread(ben, from)) {
      visited.push(place.postId);
      f.boards.reads.markRead(ben.id, place.threadId, place.postId);
      from = { boardId: place.boardId, threadId: place.threadId };
      expect(visited.length).toBeLessThan(10);
    }
    expect(visited).toEqual([t1.postId, r1, t3.postId]);
    expect(f.boards.list(ben).every((b) => b.unread === 0)).toBe(true);
  });

  it('starts from the current board and wraps round to earlier ones', () => {
    const early = f.boards.posts.startThread(ann, intro, { subject: 'early board', body: 'x' });
    const late = f.boards.posts.startThread(ann, grief, { subject: 'later board', body: 'y' });
    expect(f.boards.nextUnread(ben, { boardId: grief })?.postId).toBe(late.postId);
    f.boards.reads.markRead(ben.id, late.threadId, late.postId);
    expect(f.boards.nextUnread(ben, { boardId: grief, threadId: late.threadId })?.postId).toBe(early.postId);
  });
});

describe('announcing posts', () => {
  it('a post is committed before the hub announces it', () => {
    const seen: Array<number | undefined> = [];
    f.hub.on('post:created', (e) => {
      seen.push(f.db.prepare('SELECT id FROM posts WHERE id = ?').pluck().get(e.postId) as number | undefined);
      expect(f.db.inTransaction).toBe(false);
    });
    const t = f.boards.posts.startThread(ann, intro, { subject: 's', body: 'b' });
    const r = f.boards.posts.reply(ben, t.threadId, { body: 'r' });
    expect(seen).toEqual([t.postId, r]);
  });
});
