import { beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../../src/services/accounts.js';
import type { Services } from '../../../src/services/index.js';
import { REMOVED_SUBJECT } from '../../../src/services/posts.js';
import { testServices } from '../../helpers/services.js';

let services: Services;
let t = Date.UTC(2026, 11, 1, 9, 0);
let sysop: Member;
let griefMod: Member;
let otherMod: Member;
let author: Member;
let reader: Member;
let grief: number;
let divorce: number;

beforeEach(async () => {
  ({ services } = testServices({ now: () => (t += 1000), seedAt: t }));
  const join = (name: string, role: 'member' | 'sysop' = 'member') =>
    services.accounts.register({ name, password: 'correct horse', acceptedGuidelines: true, role });
  [sysop, griefMod, otherMod, author, reader] = [
    await join('keeper', 'sysop'), await join('willow'), await join('hazel'), await join('rowan'), await join('ash'),
  ];
  const slug = (s: string) => services.boards.list(sysop).find((b) => b.slug === s)!.id;
  [grief, divorce] = [slug('bereavement'), slug('divorce')];
  services.boards.setModerator(sysop, grief, griefMod.id, true);
  services.boards.setModerator(sysop, divorce, otherMod.id, true);
});

const posts = () => services.boards.posts;
// The audit log, less the set-up's own entries (making moderators is audited too).
const staffActions = () => services.audit.list('console').filter((e) => e.action !== 'board.moderator');
const startThread = (body = 'Stop taking your medication, it worked for me') =>
  posts().startThread(author, grief, { subject: 'What helped me', body });

describe('hiding and restoring a post', () => {
  it("readers see that a moderator removed it and why; its author sees their words and the reason; staff see all", () => {
    const { threadId, postId } = startThread();
    posts().reply(reader, threadId, { body: 'Please talk to your doctor first' });
    services.moderation.hidePost(griefMod, postId, 'Unsafe medical advice');

    const forReader = posts().get(reader, postId);
    expect(forReader).toMatchObject({ withheld: true, body: '', subject: '', hidden: { reason: 'Unsafe medical advice', by: 'moderator' } });
    expect(posts().thread(reader, threadId).subject).toBe(REMOVED_SUBJECT);
    expect(services.boards.threads(reader, grief).threads[0]).toMatchObject({ subject: REMOVED_SUBJECT, hidden: true });
    expect(services.boards.search.search(reader, 'medication')).toEqual([]);

    const forAuthor = posts().get(author, postId);
    expect(forAuthor).toMatchObject({ withheld: false, body: 'Stop taking your medication, it worked for me', hidden: { reason: 'Unsafe medical advice' } });
    expect(posts().thread(author, threadId).subject).toBe('What helped me');
    expect(posts().get(griefMod, postId).body).toContain('medication');
    expect(services.boards.search.search(griefMod, 'medication')).toHaveLength(1);

    services.moderation.restorePost(sysop, postId, 'Reviewed: context was fine');
    expect(posts().get(reader, postId)).toMatchObject({ withheld: false, hidden: null, subject: 'What helped me' });
    expect(staffActions().map((e) => [e.action, e.actorName, e.reason])).toEqual([
      ['post.restore', 'keeper', 'Reviewed: context was fine'],
      ['post.hide', 'willow', 'Unsafe medical advice'],
    ]);
  });

  it('a moderator of another board and a member get a plain refusal, and nothing changes', () => {
    const { postId } = startThread();
    expect(() => services.moderation.hidePost(otherMod, postId, 'no')).toThrow("Only a sysop or this board's moderators can hide posts.");
    expect(() => services.moderation.hidePost(reader, postId, 'no')).toThrow(/Only a sysop/);
    expect(() => services.moderation.hidePost(griefMod, postId, '  ')).toThrow(/give a reason/);
    expect(posts().get(reader, postId).hidden).toBeNull();
    expect(staffActions()).toEqual([]);
  });

  it('the console hides a post like a sysop, recorded as the console', () => {
    const { postId } = startThread();
    services.moderation.hidePost('console', postId, 'Spam');
    expect(posts().get(reader, postId).withheld).toBe(true);
    expect(staffActions()[0]).toMatchObject({ origin: 'console', actorName: 'console', action: 'post.hide', memberId: author.id, boardId: grief });
  });

  it('a hidden post cannot be supported by readers', () => {
    const { postId } = startThread();
    services.moderation.hidePost(griefMod, postId, 'Spam');
    expect(() => posts().toggleSupport(reader, postId)).toThrow('removed by a moderator');
  });
});

describe('threads', () => {
  it('a locked thread takes replies only from staff, and says so; unlocking opens it again', () => {
    const { threadId } = startThread();
    services.moderation.setThreadLocked(griefMod, threadId, true, 'Heated');
    expect(posts().thread(reader, threadId)).toMatchObject({ locked: true, canReply: false });
    expect(() => posts().reply(reader, threadId, { body: 'but' })).toThrow('locked by a moderator');
    posts().reply(griefMod, threadId, { body: 'Locking this for now.' });
    expect(services.boards.threads(reader, grief).threads[0].locked).toBe(true);
    services.moderation.setThreadLocked(griefMod, threadId, false);
    posts().reply(reader, threadId, { body: 'thank you' });
    expect(() => services.moderation.setThreadLocked(griefMod, threadId, false)).toThrow('not locked');
  });

  it('a pinned thread heads the first page of its board, above newer activity, and only once', () => {
    const old = startThread('first');
    for (let i = 0; i < 5; i++) posts().startThread(reader, grief, { subject: `later ${i}`, body: 'x' });
    services.moderation.setThreadPinned(griefMod, old.threadId, true);
    const page = services.boards.threads(reader, grief, { limit: 3 });
    expect(page.threads.map((th) => [th.id === old.threadId, th.pinned])).toEqual([[true, true], [false, false], [false, false]]);
    const next = services.boards.threads(reader, grief, { before: page.threads[2].lastPostId, limit: 3 });
    expect(next.threads.some((th) => th.id === old.threadId)).toBe(false);
    expect(next.threads.map((th) => th.subject)).toEqual(['later 2', 'later 1', 'later 0']);
  });

  it("moves a thread with its posts and every member's unread counts stay exact on both boards", () => {
    const { threadId, postId } = startThread();
    posts().reply(reader, threadId, { body: 'reply' });
    posts().startThread(reader, grief, { subject: 'stays', body: 'here' });
    posts().startThread(author, divorce, { subject: 'already there', body: 'x' });
    // The reader read the thread being moved; the author never opened the other board.
    posts().window(reader, threadId);
    services.boards.reads.markRead(reader.id, threadId, Number.MAX_SAFE_INTEGER);
    const unread = (m: Member, b: number) => services.boards.list(m).find((x) => x.id === b)!;
    const before = { griefReader: unread(reader, grief).unread, divorceReader: unread(reader, divorce).unread };

    services.moderation.moveThread(griefMod, threadId, divorce, 'Fits divorce better');

    expect(unread(reader, grief)).toMatchObject({ threadCount: 1, postCount: 1 });
    expect(unread(reader, divorce)).toMatchObject({ threadCount: 2, postCount: 3 });
    expect(unread(reader, grief).unread).toBe(before.griefReader);
    expect(unread(reader, divorce).unread).toBe(before.divorceReader);
    expect(posts().get(reader, postId).boardId).toBe(divorce);
    expect(services.boards.threads(reader, divorce).threads.map((th) => th.id)).toContain(threadId);
    expect(staffActions()[0]).toMatchObject({ action: 'thread.move', detail: { from: 'Bereavement & loss', to: 'Divorce & separation' } });
    // Staff of the old board no longer moderate it where it went.
    expect(() => services.moderation.moveThread(griefMod, threadId, grief)).toThrow(/Only a sysop/);
  });

  it("a members-only board's posts stay with its members: a moderator moves threads into or out of one only where they moderate; open reports follow the thread", () => {
    const { threadId, postId } = startThread();
    services.reports.reportPost(reader, postId, { category: 'harmful' });
    services.boards.setBoardFlags(sysop, divorce, { readOnly: false, membersOnly: true });
    expect(() => services.moderation.moveThread(griefMod, threadId, divorce)).toThrow(/members-only/);
    expect(posts().get(griefMod, postId).boardId).toBe(grief);
    services.moderation.moveThread(sysop, threadId, divorce);
    // The report now waits for the staff of the board the thread is in.
    expect(services.reports.queue(otherMod).map((g) => g.targetId)).toEqual([postId]);
    expect(services.reports.queue(griefMod)).toEqual([]);
  });

  it("edits a thread's subject and keeps the old one in the audit log", () => {
    const { threadId } = startThread();
    services.moderation.editSubject(griefMod, threadId, 'A member shares what helped', 'Subject was misleading');
    expect(posts().thread(reader, threadId).subject).toBe('A member shares what helped');
    expect(staffActions()[0]).toMatchObject({ action: 'thread.subject', beforeText: 'What helped me', targetLabel: 'A member shares what helped' });
    expect(() => services.moderation.editSubject(otherMod, threadId, 'x')).toThrow(/Only a sysop/);
  });
});

describe("the console's actions on a running server", () => {
  it('an entry the console wrote (read back from the log) tells open screens what changed; the BBS\'s own entries are not told twice', () => {
    const { threadId, postId } = startThread();
    services.moderation.hidePost('console', postId, 'Spam');
    services.moderation.setThreadLocked(griefMod, threadId, true);
    const [locked, hidden] = staffActions();
    const heard: Array<[string, unknown]> = [];
    services.hub.on('post:changed', (e) => heard.push(['post:changed', e]));
    services.hub.on('boards:changed', (e) => heard.push(['boards:changed', e]));

    services.moderation.announceConsoleAction(hidden);
    expect(heard).toEqual([['post:changed', { boardId: grief, threadId, postId }]]);
    heard.length = 0;
    services.moderation.announceConsoleAction(locked);
    expect(heard).toEqual([]);
    services.moderation.announceConsoleAction({ ...locked, origin: 'console' });
    expect(heard).toContainEqual(['post:changed', { boardId: grief, threadId, postId: 0 }]);
  });
});
