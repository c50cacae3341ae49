import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/open.js';
import type { Member } from '../../../src/services/accounts.js';
import type { Services } from '../../../src/services/index.js';
import { HeldForReview } from '../../../src/services/posts.js';
import { runChatInput } from '../../../src/services/chat-commands.js';
import { compilePattern, foldForMatching, normalizePattern } from '../../../src/services/watched-words.js';
import { testServices } from '../../helpers/services.js';

/** True when the typed pattern matches the text, as posts and chat match it. */
const matches = (pattern: string, text: string) => compilePattern(normalizePattern(pattern)).test(foldForMatching(text));

describe('patterns', () => {
  it('match whole words only, in any case', () => {
    expect(matches('pills', 'I have the PILLS ready')).toBe(true);
    expect(matches('pills', 'Pills.')).toBe(true);
    expect(matches('pill', 'I have the pills ready')).toBe(false);
    expect(matches('ill', 'I feel ill today')).toBe(true);
    expect(matches('ill', 'a pill')).toBe(false);
    expect(matches('ill', 'illness')).toBe(false);
  });

  it('* stands for any letters within a word, ? for exactly one', () => {
    expect(matches('hat*', 'so hateful')).toBe(true);
    expect(matches('hat*', 'a hat')).toBe(true);
    expect(matches('hat*', 'that')).toBe(false);
    expect(matches('*ment', 'harassment here')).toBe(true);
    expect(matches('c?t', 'the cat sat')).toBe(true);
    expect(matches('c?t', 'the ct sat')).toBe(false);
    expect(matches('c?t', 'the coat sat')).toBe(false);
    // A wildcard never reaches across a space into the next word.
    expect(matches('kill*', 'skill set')).toBe(false);
    expect(matches('a*z', 'a to z')).toBe(false);
  });

  it('phrases match their words in order, whatever spaces or punctuation lie between', () => {
    expect(matches('end it all', 'I want to end it all.')).toBe(true);
    expect(matches('end it all', 'end   it,\nall')).toBe(true);
    expect(matches('end it all', 'end all of it')).toBe(false);
    expect(matches('end it all', 'the end, it all')).toBe(true);
    expect(matches('buy cheap*', 'BUY CHEAPEST pills')).toBe(true);
  });

  it('see through accents, compatibility forms, invisible characters and curly apostrophes', () => {
    expect(matches('cafe', 'Café tonight')).toBe(true);
    expect(matches('café', 'cafe tonight')).toBe(true);
    expect(matches('spam', 'ｓｐａｍ here')).toBe(true); // full-width letters
    expect(matches('spam', 's\u200Bp\u00ADam')).toBe(true); // zero-width space, soft hyphen
    expect(matches('strasse', 'STRAẞE')).toBe(true);
    expect(matches("don't", 'I don’t care')).toBe(true);
    expect(matches('naive', 'nai\u0308ve')).toBe(true); // a combining diaeresis
  });

  it('cannot be made slow by what a member types (no backtracking over a long word)', () => {
    // With a regular expression this pattern took 9 s on a word of 1,000 letters.
    const started = performance.now();
    expect(matches('a*a*a*a', `${'a'.repeat(3999)}b`)).toBe(false);
    expect(matches('a*a*a*a', `${'a'.repeat(3999)}`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('are stored folded, so "Café" and "cafe" are one watched word', () => {
    expect(normalizePattern('  Café   Crème ')).toBe('cafe creme');
  });

  it('refuse empty, wildcard-only, over-long, over-wild and odd patterns with a sentence', () => {
    expect(() => normalizePattern('   ')).toThrow('cannot be empty');
    expect(() => normalizePattern('*')).toThrow('at least one letter or number');
    expect(() => normalizePattern('?*')).toThrow('at least one letter or number');
    expect(() => normalizePattern('end * all')).toThrow('at least one letter or number');
    expect(() => normalizePattern('x'.repeat(61))).toThrow('at most 60 characters');
    expect(() => normalizePattern('a?b?c?d?e?')).toThrow('at most 4 wildcards');
    expect(() => normalizePattern('a**b')).toThrow('Two * in a row');
    expect(() => normalizePattern('a b c d e f')).toThrow('at most 5 words');
    expect(() => normalizePattern('cat|dog')).toThrow('"|" cannot be part of a watched word');
    expect(() => normalizePattern('(.*)+')).toThrow('cannot be part of a watched word');
  });
});

let services: Services;
let db: Db;
let t = Date.UTC(2026, 11, 1, 9, 0);
let sysop: Member;
let griefMod: Member;
let ann: Member;
let ben: Member;
let griefId: number;
let introId: number;

beforeEach(async () => {
  t = Date.UTC(2026, 11, 1, 9, 0);
  ({ services, db } = testServices({ now: () => t, seedAt: t }));
  const join = (name: string, role: 'member' | 'sysop' = 'member') =>
    services.accounts.register({ name, password: 'correct horse', acceptedGuidelines: true, role });
  [sysop, griefMod, ann, ben] = [await join('keeper', 'sysop'), await join('willow'), await join('ann'), await join('ben')];
  const boards = services.boards.list(sysop);
  griefId = boards.find((b) => b.slug === 'bereavement')!.id;
  introId = boards.find((b) => b.slug === 'introductions')!.id;
  services.boards.setModerator(sysop, griefId, griefMod.id, true);
});

const actions = () =>
  db.prepare("SELECT action, actor_name, target_label, board_id FROM audit_log WHERE action != 'board.moderator' ORDER BY id").all() as Array<Record<string, unknown>>;
const reports = () => services.reports.list('console');

describe('keeping the list', () => {
  it('sysops watch words site-wide and on any board; a moderator on their board only; members not at all', () => {
    const site = services.watchedWords.add(sysop, { pattern: 'Spam*', action: 'flag', boardId: null });
    expect(site).toMatchObject({ pattern: 'spam*', action: 'flag', boardId: null, createdBy: 'keeper' });
    services.watchedWords.add(griefMod, { pattern: 'pills', action: 'hold', boardId: griefId });
    expect(() => services.watchedWords.add(griefMod, { pattern: 'x1', action: 'hold', boardId: introId })).toThrow(
      "Only a sysop or this board's moderators can watch words.",
    );
    expect(() => services.watchedWords.add(griefMod, { pattern: 'x1', action: 'hold', boardId: null })).toThrow(
      'Only a sysop can watch words site-wide.',
    );
    expect(() => services.watchedWords.add(ann, { pattern: 'x1', action: 'hold', boardId: griefId })).toThrow('Only a sysop');
    expect(() => services.watchedWords.list(ann)).toThrow('Only a sysop or a moderator');
    expect(() => services.watchedWords.add(sysop, { pattern: 'SPAM*', action: 'block', boardId: null })).toThrow('already watched site-wide');
    services.watchedWords.add('console', { pattern: 'cheap', action: 'block', boardId: introId });
    expect(services.watchedWords.list(griefMod).map((w) => w.pattern)).toEqual(['spam*', 'pills']);
    expect(services.watchedWords.list(sysop)).toHaveLength(3);
    expect(() => services.watchedWords.remove(griefMod, site.id)).toThrow('Only a sysop');
    services.watchedWords.remove(sysop, site.id);
    expect(actions().filter((a) => String(a.action).startsWith('word.'))).toEqual([
      { action: 'word.add', actor_name: 'keeper', target_label: 'spam*', board_id: null },
      { action: 'word.add', actor_name: 'willow', target_label: 'pills', board_id: griefId },
      { action: 'word.add', actor_name: 'console', target_label: 'cheap', board_id: introId },
      { action: 'word.remove', actor_name: 'keeper', target_label: 'spam*', board_id: null },
    ]);
  });

  it('a refused pattern changes nothing and records nothing', () => {
    expect(() => services.watchedWords.add(sysop, { pattern: '**', action: 'hold', boardId: null })).toThrow('letter or number');
    expect(services.watchedWords.list(sysop)).toEqual([]);
    expect(actions()).toHaveLength(0);
  });
});

describe('posts', () => {
  it('a word to block refuses the post with the reason; nothing is published', () => {
    services.watchedWords.add(sysop, { pattern: 'buy now', action: 'block', boardId: null });
    expect(() => services.boards.posts.startThread(ann, introId, { subject: 'Hello', body: 'BUY... now!' })).toThrow(
      'Your post contains "buy now", which is not allowed here. Please change it; your text is kept.',
    );
    expect(services.boards.list(ann).find((b) => b.id === introId)!.postCount).toBe(0);
    // Staff too: a blocked word is never published.
    expect(() => services.boards.posts.startThread(sysop, introId, { subject: 'Buy now', body: 'x' })).toThrow('not allowed here');
  });

  it("a word to hold keeps the post from readers until a moderator approves it; the author is told", () => {
    services.watchedWords.add(griefMod, { pattern: 'pills', action: 'hold', boardId: griefId });
    const thread = services.boards.posts.startThread(ben, griefId, { subject: 'Missing her', body: 'first' });
    services.boards.markBoardRead(ann, griefId);
    let held: HeldForReview | undefined;
    try {
      services.boards.posts.reply(ann, thread.threadId, { body: 'I saved my Pills', contentWarning: 'suicide' });
    } catch (err) {
      held = err as HeldForReview;
    }
    expect(held).toBeInstanceOf(HeldForReview);
    expect(held!.message).toContain("waiting for a moderator's review");
    expect(services.boards.posts.thread(ben, thread.threadId).postCount).toBe(1);
    expect(services.heldPosts.mine(ann)).toMatchObject([{ status: 'held', body: 'I saved my Pills', subject: 'Missing her', matched: 'pills' }]);
    // In scope: the board's moderator and sysops; not another board's moderator or a member.
    expect(services.heldPosts.held(griefMod).map((h) => h.id)).toEqual([held!.heldId]);
    expect(() => services.heldPosts.held(ann)).toThrow('Only a sysop or a moderator');
    const { postId } = services.heldPosts.approve(griefMod, held!.heldId);
    const window = services.boards.posts.window(ben, thread.threadId);
    expect(window.posts.map((p) => [p.authorName, p.body, p.contentWarning])).toEqual([
      ['ben', 'first', null],
      ['ann', 'I saved my Pills', 'suicide'],
    ]);
    expect(window.posts[1].id).toBe(postId);
    // Counts and read state moved as for any post: unread for ben, read for its author.
    expect(services.boards.list(ben).find((b) => b.id === griefId)!.unread).toBe(1);
    expect(services.boards.list(ann).find((b) => b.id === griefId)!.unread).toBe(0);
    expect(services.heldPosts.held(griefMod)).toEqual([]);
    expect(services.heldPosts.mine(ann)).toMatchObject([{ status: 'approved', decidedBy: 'willow', postId }]);
    expect(() => services.heldPosts.approve(griefMod, held!.heldId)).toThrow('already approved');
    expect(actions().at(-1)).toMatchObject({ action: 'post.approve', actor_name: 'willow', board_id: griefId });
  });

  it('a held new thread is rejected with a reason its author reads; it never appears', () => {
    services.watchedWords.add(sysop, { pattern: 'pills', action: 'hold', boardId: null });
    expect(() => services.boards.posts.startThread(ann, introId, { subject: 'pills?', body: 'hi' })).toThrow(HeldForReview);
    const [held] = services.heldPosts.held(sysop);
    expect(held).toMatchObject({ threadId: null, subject: 'pills?', authorName: 'ann' });
    // Another board's moderator does not see it.
    expect(services.heldPosts.held(griefMod)).toEqual([]);
    expect(() => services.heldPosts.reject(griefMod, held.id, 'no')).toThrow("Only a sysop or this board's moderators");
    expect(() => services.heldPosts.reject(sysop, held.id, '  ')).toThrow('Please give a reason');
    services.heldPosts.reject(sysop, held.id, 'Please talk to us in chat first');
    expect(services.boards.threads(ben, introId).threads).toEqual([]);
    expect(services.heldPosts.mine(ann)).toMatchObject([{ status: 'rejected', reason: 'Please talk to us in chat first' }]);
    const entry = services.audit.list('console')[0];
    expect(entry).toMatchObject({ action: 'post.reject', memberId: ann.id, reason: 'Please talk to us in chat first' });
  });

  it('staff posts are not held or flagged', () => {
    services.watchedWords.add(sysop, { pattern: 'pills', action: 'hold', boardId: null });
    services.watchedWords.add(sysop, { pattern: 'spam', action: 'flag', boardId: null });
    services.boards.posts.startThread(griefMod, griefId, { subject: 'About pills', body: 'and spam' });
    expect(() => services.boards.posts.startThread(griefMod, introId, { subject: 'About pills', body: 'x' })).toThrow(HeldForReview);
    expect(reports()).toEqual([]);
  });

  it('a word to flag publishes the post and files a report for staff', () => {
    services.watchedWords.add(sysop, { pattern: 'hopeless', action: 'flag', boardId: griefId });
    const t1 = services.boards.posts.startThread(ann, griefId, { subject: 'Today', body: 'I feel Hopeless.' });
    expect(services.boards.posts.get(ben, t1.postId).body).toBe('I feel Hopeless.');
    expect(reports()).toMatchObject([
      { kind: 'post', targetId: t1.postId, reporterId: null, reporterName: 'the watched words', authorName: 'ann', reason: 'Watched word: hopeless', copyTitle: 'Today' },
    ]);
    // The same word on another board is not watched there.
    services.boards.posts.startThread(ann, introId, { subject: 'x', body: 'hopeless' });
    expect(reports()).toHaveLength(1);
  });

  it('an edit that brings in a word to block or hold is refused; one already there is not held against it', () => {
    const p = services.boards.posts.startThread(ann, introId, { subject: 'Hi', body: 'I take pills daily' });
    services.watchedWords.add(sysop, { pattern: 'pills', action: 'hold', boardId: null });
    services.watchedWords.add(sysop, { pattern: 'cheap', action: 'block', boardId: null });
    services.watchedWords.add(sysop, { pattern: 'hopeless', action: 'flag', boardId: null });
    services.boards.posts.edit(ann, p.postId, { body: 'I take pills every day' });
    expect(() => services.boards.posts.edit(ann, p.postId, { body: 'cheap pills' })).toThrow('Your edit contains "cheap"');
    const other = services.boards.posts.startThread(ann, griefId, { subject: 'Hey', body: 'fine' });
    expect(() => services.boards.posts.edit(ann, other.postId, { body: 'pills' })).toThrow('An edit cannot wait for review');
    expect(services.boards.posts.get(ben, other.postId).body).toBe('fine');
    services.boards.posts.edit(ann, other.postId, { body: 'hopeless' });
    expect(reports()).toMatchObject([{ targetId: other.postId, reason: 'Watched word: hopeless' }]);
  });

  it("approving a reply whose thread was locked or emptied says so, and leaves it in the queue", () => {
    services.watchedWords.add(sysop, { pattern: 'pills', action: 'hold', boardId: null });
    const thread = services.boards.posts.startThread(ben, introId, { subject: 'Hello', body: 'first' });
    expect(() => services.boards.posts.reply(ann, thread.threadId, { body: 'pills' })).toThrow(HeldForReview);
    const [held] = services.heldPosts.held(sysop);
    db.prepare('UPDATE threads SET locked_at = ? WHERE id = ?').run(t, thread.threadId);
    expect(() => services.heldPosts.approve(sysop, held.id)).toThrow('cannot be published: Its thread is locked');
    db.prepare('UPDATE threads SET locked_at = NULL WHERE id = ?').run(thread.threadId);
    services.boards.posts.remove(ben, thread.postId);
    expect(() => services.heldPosts.approve(sysop, held.id)).toThrow('cannot be published');
    expect(services.heldPosts.held(sysop)).toHaveLength(1);
    expect(actions().filter((a) => a.action === 'post.approve')).toEqual([]);
  });
});

describe('chat', () => {
  it('a blocked word refuses the line; hold and flag publish it and file a report', () => {
    const lobby = services.chatRooms.lobby().id;
    services.watchedWords.add(sysop, { pattern: 'buy now', action: 'block', boardId: null });
    services.watchedWords.add(sysop, { pattern: 'pills', action: 'hold', boardId: null });
    services.watchedWords.add(sysop, { pattern: 'hopeless', action: 'flag', boardId: null });
    expect(() => services.chat.say(lobby, ann, 'buy NOW')).toThrow('That line contains "buy now", which is not allowed here.');
    const held = services.chat.say(lobby, ann, 'about my pills');
    const flagged = services.chat.say(lobby, ann, 'hopeless', 'me');
    expect(services.chat.scrollback(lobby, ben.id).map((l) => l.text)).toEqual(['about my pills', 'hopeless']);
    expect(reports().map((r) => [r.kind, r.targetId, r.place, r.reason])).toEqual([
      ['chat', flagged.id, 'Lobby', 'Watched word: hopeless'],
      ['chat', held.id, 'Lobby', 'Watched word: pills'],
    ]);
  });

  it('a refused line (blocked word, slow mode) goes back in the input with the reason', () => {
    const lobby = services.chatRooms.lobby().id;
    services.watchedWords.add(sysop, { pattern: 'buy now', action: 'block', boardId: null });
    services.slowMode.setRoom(sysop, lobby, 20);
    const said: { problems: string[]; input: string[] } = { problems: [], input: [] };
    const cx = {
      services, member: ann, sessionId: 1, roomId: () => lobby,
      print: () => {}, problem: (text: string) => said.problems.push(text), restoreInput: (text: string) => said.input.push(text),
      joinRoom: () => {}, leaveChat: () => {}, chooseReportReason: () => {}, chooseLine: () => {},
    };
    runChatInput(cx, ['Buy now, friends']);
    runChatInput(cx, ['hello']);
    t += 1_000;
    runChatInput(cx, ['hello again']);
    expect(said.input).toEqual(['Buy now, friends', 'hello again']);
    expect(said.problems).toEqual([
      'That line contains "buy now", which is not allowed here. Please change it.',
      'Slow mode: you can speak here again in 19 s.',
    ]);
  });

  it("a room linked to a board takes that board's watched words", () => {
    const room = services.chatRooms.create({ name: 'Grief circle', boardSlug: 'bereavement' });
    services.watchedWords.add(griefMod, { pattern: 'cheap', action: 'block', boardId: griefId });
    expect(() => services.chat.say(room.id, ann, 'cheap')).toThrow("not allowed in Bereavement");
    services.chat.say(services.chatRooms.lobby().id, ann, 'cheap');
  });
});

describe('slow mode', () => {
  it('one post per N minutes per member on a board, with a countdown; staff are exempt', () => {
    expect(() => services.slowMode.setBoard(ann, griefId, 5)).toThrow("Only a sysop or this board's moderators");
    expect(() => services.slowMode.setBoard(griefMod, griefId, -1)).toThrow('from 0 (off) to 1440');
    services.slowMode.setBoard(griefMod, griefId, 5);
    expect(actions().at(-1)).toMatchObject({ action: 'board.slow-mode', actor_name: 'willow', board_id: griefId });
    const thread = services.boards.posts.startThread(ann, griefId, { subject: 'One', body: 'first' });
    t += 50_000;
    expect(() => services.boards.posts.reply(ann, thread.threadId, { body: 'second' })).toThrow(
      'Slow mode: you can post here again in 4 min 10 s. Your text is kept.',
    );
    // Another board, another member and staff are not slowed.
    services.boards.posts.startThread(ann, introId, { subject: 'Two', body: 'elsewhere' });
    services.boards.posts.reply(ben, thread.threadId, { body: 'ben' });
    services.boards.posts.reply(griefMod, thread.threadId, { body: 'mod' });
    services.boards.posts.reply(griefMod, thread.threadId, { body: 'mod again' });
    t += 250_000;
    services.boards.posts.reply(ann, thread.threadId, { body: 'second' });
  });

  it('one line per N seconds per member in a room, set by its moderators', () => {
    const room = services.chatRooms.create({ name: 'Grief circle', boardSlug: 'bereavement' });
    const lobby = services.chatRooms.lobby().id;
    expect(() => services.slowMode.setRoom(griefMod, lobby, 10)).toThrow("Only a sysop or this room's moderators");
    services.slowMode.setRoom(griefMod, room.id, 30);
    expect(actions().at(-1)).toMatchObject({ action: 'room.slow-mode', target_label: 'Grief circle' });
    services.chat.say(room.id, ann, 'one');
    t += 5_000;
    expect(() => services.chat.say(room.id, ann, 'two')).toThrow('Slow mode: you can speak here again in 25 s.');
    services.chat.say(room.id, griefMod, 'staff');
    services.chat.say(room.id, griefMod, 'staff again');
    t += 25_000;
    services.chat.say(room.id, ann, 'two');
  });

  it("a new member's posts keep the sysop's pace on every board, held ones included", () => {
    services.settings.set('posting.new_account_minutes', 3);
    services.watchedWords.add(sysop, { pattern: 'pills', action: 'hold', boardId: null });
    expect(() => services.boards.posts.startThread(ann, introId, { subject: 'pills', body: 'x' })).toThrow(HeldForReview);
    t += 60_000;
    expect(() => services.boards.posts.startThread(ann, griefId, { subject: 'b', body: 'x' })).toThrow(
      'New members wait 3 min between posts at first: you can post again in 2 min.',
    );
    // Past the new-account hours, no pace.
    t += 24 * 3_600_000;
    services.boards.posts.startThread(ann, griefId, { subject: 'b', body: 'x' });
    services.boards.posts.startThread(ann, griefId, { subject: 'c', body: 'x' });
  });
});
