import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/open.js';
import type { Hub, HubEvents } from '../../../src/hub.js';
import { createLogger } from '../../../src/log.js';
import type { Accounts, Member } from '../../../src/services/accounts.js';
import type { BbsSettings } from '../../../src/services/bbs-settings.js';
import type { Blocks } from '../../../src/services/blocks.js';
import type { Boards } from '../../../src/services/boards.js';
import { BODY_MAX, type Mail, MAIL_SETTINGS, quoteForReply, replySubject } from '../../../src/services/mail.js';
import type { Reports } from '../../../src/services/reports.js';
import { testServices } from '../../helpers/services.js';

const HOUR = 3_600_000;

interface World {
  db: Db;
  hub: Hub;
  accounts: Accounts;
  mail: Mail;
  blocks: Blocks;
  settings: BbsSettings;
  reports: Reports;
  boards: Boards;
  logged: string[];
  clock: { t: number };
  a: Member;
  b: Member;
  c: Member;
  events: Array<{ name: string; payload: unknown }>;
}

let w: World;

async function world(): Promise<World> {
  const clock = { t: Date.UTC(2026, 10, 3, 12, 0) };
  const now = () => clock.t;
  const logged: string[] = [];
  const log = createLogger('debug', (line) => logged.push(line));
  const { services, db } = testServices({ now, log, seedAt: clock.t });
  const { hub, accounts, blocks, settings, reports, boards, mail } = services;
  const join = (name: string) => accounts.register({ name, password: 'correct horse', acceptedGuidelines: true });
  const [a, b, c] = [await join('alice'), await join('bram'), await join('cleo')];
  // Members of a day's standing, so the new-account wait does not apply unless a test wants it.
  clock.t += 25 * HOUR;
  const events: World['events'] = [];
  for (const name of ['mail:new', 'mail:changed', 'report:filed'] as const) {
    hub.on(name, (payload: HubEvents[typeof name]) => events.push({ name, payload }));
  }
  return { db, hub, accounts, mail, blocks, settings, reports, boards, logged, clock, a, b, c, events };
}

/** `n` new threads by `member` on the Introductions board. */
function writePosts(member: Member, n: number): void {
  const board = w.boards.list(member).find((b) => b.slug === 'introductions')!;
  for (let i = 0; i < n; i++) w.boards.posts.startThread(member, board.id, { subject: `Hello ${i}`, body: 'Glad to be here.' });
}

beforeEach(async () => {
  w = await world();
});

describe('mail between two members', () => {
  it('a message reaches the recipient unread, then reads as a thread with its reply', () => {
    const first = w.mail.send(w.a, { to: 'Bram', subject: 'Thinking of you', body: 'How was the appointment?' });
    expect(w.events).toContainEqual({ name: 'mail:new', payload: { recipientId: w.b.id, messageId: first.id, senderName: 'alice' } });
    expect(w.mail.unreadCount(w.b.id)).toBe(1);
    expect(w.mail.inbox(w.b.id)).toMatchObject([{ id: first.id, otherName: 'alice', subject: 'Thinking of you', unread: true }]);
    expect(w.mail.sent(w.a.id)).toMatchObject([{ id: first.id, otherName: 'bram', subject: 'Thinking of you' }]);

    const opened = w.mail.read(w.b.id, first.id);
    expect(opened).toMatchObject([{ id: first.id, body: 'How was the appointment?', mine: false, unread: true }]);
    expect(w.mail.unreadCount(w.b.id)).toBe(0);
    expect(w.events).toContainEqual({ name: 'mail:changed', payload: { memberId: w.b.id } });

    w.clock.t += 60_000;
    const answer = w.mail.reply(w.b, first.id, { body: quoteForReply(opened[0]) + 'It went well, thank you.' });
    expect(answer).toMatchObject({ threadId: first.id, inReplyTo: first.id, recipientName: 'alice', subject: 'Re: Thinking of you' });
    expect(answer.body).toBe('alice wrote:\n> How was the appointment?\n\nIt went well, thank you.');
    expect(w.mail.unreadCount(w.a.id)).toBe(1);
    const thread = w.mail.read(w.a.id, answer.id);
    expect(thread.map((m) => [m.senderName, m.mine])).toEqual([['alice', true], ['bram', false]]);
  });

  it('a third member cannot reach either message by any route, even guessing ids', () => {
    const m = w.mail.send(w.a, { to: 'bram', subject: 'private', body: 'just between us' });
    const r = w.mail.reply(w.b, m.id, { body: 'agreed' });
    for (const id of [m.id, r.id]) {
      expect(w.mail.message(w.c.id, id)).toBeUndefined();
      expect(() => w.mail.read(w.c.id, id)).toThrow('That message is not in your mailbox.');
      expect(() => w.mail.reply(w.c, id, { body: 'me too' })).toThrow('not in your mailbox');
      expect(() => w.mail.delete(w.c.id, id)).toThrow('not in your mailbox');
      expect(() => w.mail.report(w.c, id, { category: 'other', reason: 'curious' })).toThrow('not in your mailbox');
    }
    expect(() => w.mail.read(w.c.id, 99_999)).toThrow('That message is not in your mailbox.');
    expect(w.mail.inbox(w.c.id)).toEqual([]);
    expect(w.mail.sent(w.c.id)).toEqual([]);
    expect(w.mail.unreadCount(w.c.id)).toBe(0);
    // Both messages are intact for their two members.
    expect(w.mail.read(w.b.id, m.id)).toHaveLength(2);
  });

  it('an unknown name, oneself, and an empty message are refused before anything is stored', () => {
    expect(() => w.mail.send(w.a, { to: 'nobody_here', subject: 's', body: 'b' })).toThrow('There is no member called "nobody_here"');
    expect(() => w.mail.send(w.a, { to: 'ALICE', subject: 's', body: 'b' })).toThrow('That is you');
    expect(() => w.mail.send(w.a, { to: '  ', subject: 's', body: 'b' })).toThrow('Who is it for?');
    expect(() => w.mail.send(w.a, { to: 'bram', subject: 's', body: ' \n\t ' })).toThrow('The message is empty');
    expect(() => w.mail.send(w.a, { to: 'bram', subject: 's', body: 'x'.repeat(BODY_MAX + 1) })).toThrow(`at most ${BODY_MAX}`);
    expect(w.db.prepare('SELECT count(*) AS n FROM mail').get()).toEqual({ n: 0 });
    expect(w.events.filter((e) => e.name === 'mail:new')).toEqual([]);
  });

  it('subjects and bodies are cleaned like posts', () => {
    const m = w.mail.send(w.a, { to: 'bram', subject: '  \x1b[31mred\u202e  ', body: 'line one\r\nline\x07 two\x1b]52;c;aGk=\x07' });
    expect(m.subject).toBe('red');
    expect(m.body).toBe('line one\nline two');
    expect(w.mail.send(w.a, { to: 'bram', subject: '', body: 'hi' }).subject).toBe('(no subject)');
  });

  it('deleting on one side keeps the other; the row goes when both have deleted', () => {
    const m = w.mail.send(w.a, { to: 'bram', subject: 'hello', body: 'there' });
    w.mail.delete(w.a.id, m.id);
    expect(w.mail.sent(w.a.id)).toEqual([]);
    expect(w.mail.message(w.a.id, m.id)).toBeUndefined();
    expect(w.mail.inbox(w.b.id)).toHaveLength(1);
    expect(w.mail.read(w.b.id, m.id)[0].body).toBe('there');
    w.mail.delete(w.b.id, m.id);
    expect(w.mail.inbox(w.b.id)).toEqual([]);
    expect(w.db.prepare('SELECT count(*) AS n FROM mail').get()).toEqual({ n: 0 });
  });

  it('deleting unread mail takes it off the unread count', () => {
    const m = w.mail.send(w.a, { to: 'bram', subject: 'hello', body: 'there' });
    expect(w.mail.unreadCount(w.b.id)).toBe(1);
    w.mail.delete(w.b.id, m.id);
    expect(w.mail.unreadCount(w.b.id)).toBe(0);
    expect(w.mail.sent(w.a.id)).toHaveLength(1);
  });

  it('a thread shows each member only the messages they still have', () => {
    const m = w.mail.send(w.a, { to: 'bram', subject: 'one', body: 'first' });
    const r = w.mail.reply(w.b, m.id, { body: 'second' });
    w.mail.delete(w.a.id, m.id);
    expect(w.mail.read(w.a.id, r.id).map((x) => x.body)).toEqual(['second']);
    expect(w.mail.read(w.b.id, r.id).map((x) => x.body)).toEqual(['first', 'second']);
    // A reply to a reply stays in the same conversation, going to the other member.
    const again = w.mail.reply(w.a, r.id, { body: 'third' });
    expect(again).toMatchObject({ threadId: m.id, recipientId: w.b.id, subject: 'Re: one' });
  });

  it('the log never holds a subject or a body', () => {
    const m = w.mail.send(w.a, { to: 'bram', subject: 'Secret subject', body: 'Secret body' });
    w.mail.reply(w.b, m.id, { body: 'Secret reply' });
    expect(w.logged.length).toBeGreaterThan(0);
    expect(w.logged.join('')).not.toMatch(/Secret/);
  });
});

describe('blocking', () => {
  it('mail from a blocked member is kept for their Sent view only, and they see no difference', () => {
    w.blocks.block(w.b.id, w.a.id);
    w.events.length = 0;
    const m = w.mail.send(w.a, { to: 'bram', subject: 'are you there?', body: 'hello?' });
    expect(w.mail.sent(w.a.id)).toMatchObject([{ id: m.id, otherName: 'bram', subject: 'are you there?' }]);
    expect(w.mail.read(w.a.id, m.id)).toHaveLength(1);
    expect(w.mail.inbox(w.b.id)).toEqual([]);
    expect(w.mail.unreadCount(w.b.id)).toBe(0);
    expect(w.mail.message(w.b.id, m.id)).toBeUndefined();
    expect(w.events.map((e) => e.name)).toEqual(['mail:changed']);
    // Not even after an unblock.
    w.blocks.unblock(w.b.id, w.a.id);
    expect(w.mail.inbox(w.b.id)).toEqual([]);
    // When the sender deletes it too, it is gone.
    w.mail.delete(w.a.id, m.id);
    expect(w.db.prepare('SELECT count(*) AS n FROM mail').get()).toEqual({ n: 0 });
  });

  it('a reply to a member who blocked you after writing is held back too', () => {
    const m = w.mail.send(w.b, { to: 'alice', subject: 'hi', body: 'hi' });
    w.blocks.block(w.b.id, w.a.id);
    w.mail.reply(w.a, m.id, { body: 'hi back' });
    expect(w.mail.read(w.b.id, m.id).map((x) => x.body)).toEqual(['hi']);
    expect(w.mail.read(w.a.id, m.id).map((x) => x.body)).toEqual(['hi', 'hi back']);
  });
});

describe('anti-spam', () => {
  it('a new account waits the configured hours, and is told until when', async () => {
    const fresh = await w.accounts.register({ name: 'newbie', password: 'correct horse', acceptedGuidelines: true });
    expect(() => w.mail.send(fresh, { to: 'alice', subject: 's', body: 'b' })).toThrow(
      /new members can send mail 24 hours after joining or once they have written 3 posts\. You can send mail from 5 Nov 2026 13:00, or after 3 more posts/,
    );
    w.clock.t += 24 * HOUR;
    expect(w.mail.send(fresh, { to: 'alice', subject: 's', body: 'b' }).recipientName).toBe('alice');
  });

  it('posts unlock mail early, and the sysop can change both numbers', async () => {
    const fresh = await w.accounts.register({ name: 'writer', password: 'correct horse', acceptedGuidelines: true });
    // One who has written nothing, for when the numbers change.
    const quiet = await w.accounts.register({ name: 'reader', password: 'correct horse', acceptedGuidelines: true });
    writePosts(fresh, 2);
    expect(w.mail.whyCannotSend(fresh)).toMatch(/after 1 more post\./);
    writePosts(fresh, 1);
    expect(w.mail.whyCannotSend(fresh)).toBeNull();
    w.settings.set(MAIL_SETTINGS.newAccountHours.key, 0);
    expect(w.mail.whyCannotSend(quiet)).toBeNull();
    w.settings.set(MAIL_SETTINGS.newAccountHours.key, 2);
    w.settings.set(MAIL_SETTINGS.newAccountPosts.key, 1);
    expect(w.mail.whyCannotSend(quiet)).toMatch(/2 hours after joining or once they have written 1 post\./);
  });

  it('a new member may answer mail they received, but not start a conversation', async () => {
    const fresh = await w.accounts.register({ name: 'shy_one', password: 'correct horse', acceptedGuidelines: true });
    const welcome = w.mail.send(w.a, { to: 'shy_one', subject: 'Welcome', body: 'Glad you found us.' });
    expect(w.mail.reply(fresh, welcome.id, { body: 'Thank you' }).recipientName).toBe('alice');
    expect(() => w.mail.send(fresh, { to: 'alice', subject: 's', body: 'b' })).toThrow(/new members/);
  });

  it('the daily limit counts the last 24 hours, deleted mail included, and says when sending opens again', () => {
    w.settings.set(MAIL_SETTINGS.dailyLimit.key, 3);
    const start = w.clock.t;
    for (let i = 0; i < 3; i++) {
      const m = w.mail.send(w.a, { to: 'bram', subject: `n${i}`, body: 'b' });
      w.mail.delete(w.a.id, m.id);
      w.mail.delete(w.b.id, m.id);
      w.clock.t += HOUR;
    }
    expect(() => w.mail.send(w.a, { to: 'cleo', subject: 's', body: 'b' })).toThrow(
      /You have sent 3 messages in the last 24 hours, the most Haven allows\. You can send again from 5 Nov 2026 13:00\./,
    );
    w.clock.t = start + 24 * HOUR + 1;
    expect(w.mail.send(w.a, { to: 'cleo', subject: 's', body: 'b' }).subject).toBe('s');
    w.settings.set(MAIL_SETTINGS.dailyLimit.key, 0);
    for (let i = 0; i < 5; i++) w.mail.send(w.a, { to: 'cleo', subject: 's', body: 'b' });
  });

  it('the sysop is never held back', async () => {
    const sysop = await w.accounts.register({ name: 'keeper', password: 'correct horse', acceptedGuidelines: true, role: 'sysop' });
    w.settings.set(MAIL_SETTINGS.dailyLimit.key, 1);
    w.mail.send(sysop, { to: 'alice', subject: 'Welcome', body: 'hi' });
    expect(w.mail.whyCannotSend(sysop)).toBeNull();
  });
});

describe('reporting mail', () => {
  it('a report carries a copy of that one message and its author, and outlives the message', () => {
    const earlier = w.mail.send(w.a, { to: 'bram', subject: 'earlier', body: 'an earlier message' });
    const bad = w.mail.reply(w.a, earlier.id, { subject: 'nasty', body: 'something hurtful' });
    const report = w.mail.report(w.b, bad.id, { category: 'harassment', reason: '  Unkind and unwanted  ' });
    expect(report).toMatchObject({
      kind: 'mail',
      targetId: bad.id,
      reporterName: 'bram',
      authorName: 'alice',
      copyTitle: 'nasty',
      copyText: 'something hurtful',
      category: 'harassment',
      reason: 'Unkind and unwanted',
      status: 'open',
    });
    expect(JSON.stringify(report)).not.toContain('an earlier message');
    expect(w.events).toContainEqual({ name: 'report:filed', payload: { reportId: report.id, kind: 'mail' } });
    w.mail.delete(w.a.id, bad.id);
    w.mail.delete(w.b.id, bad.id);
    expect(w.reports.get('console', report.id)?.copyText).toBe('something hurtful');
  });

  it('one can only report mail sent to oneself, once, with a reason from the list', () => {
    const m = w.mail.send(w.a, { to: 'bram', subject: 's', body: 'b' });
    expect(() => w.mail.report(w.a, m.id, { category: 'spam' })).toThrow('You can report mail sent to you');
    expect(() => w.mail.report(w.b, m.id, { category: 'other', reason: '   ' })).toThrow('Please say in a few words');
    expect(() => w.mail.report(w.b, m.id, { category: 'rude' })).toThrow('Please pick one of the reasons');
    w.mail.report(w.b, m.id, { category: 'spam' });
    expect(() => w.mail.report(w.b, m.id, { category: 'spam' })).toThrow('already reported');
  });
});

describe('helpers', () => {
  it('reply subjects do not pile up, and quotes nest', () => {
    expect(replySubject('Hello')).toBe('Re: Hello');
    expect(replySubject('RE: Hello')).toBe('RE: Hello');
    expect(quoteForReply({ senderName: 'bram', body: 'yes\n> alice: no' })).toBe('bram wrote:\n> yes\n>> alice: no\n\n');
    const long = quoteForReply({ senderName: 'x', body: 'word\n'.repeat(5000) }, 100);
    expect(long.length).toBeLessThan(140);
    expect(long).toContain('> [...]');
  });
});
