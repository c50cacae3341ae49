import { expect, it } from 'vitest';
import { testServices } from '../../helpers/services.js';
import { DAY_MS, HOUR_MS } from '../../../src/services/activity.js';
import type { Member } from '../../../src/services/accounts.js';

const START = Date.UTC(2026, 11, 1, 10, 30);

function setUp() {
  const clock = { t: START };
  const lines: string[] = [];
  const t = testServices({ now: () => clock.t, seedAt: START });
  const stop = t.services.activity.follow(t.services.hub, { debug() {}, info: (e) => lines.push(e), warn() {}, error() {} });
  return { ...t, clock, lines, stop };
}

it('a post, a mail, a chat line, a log-in, a failed log-in and a sign-up each count once in the hour they happened', async () => {
  const { services, clock, stop } = setUp();
  const hub = services.hub;
  const member = (await services.accounts.register({ name: 'ash', password: 'correct horse', acceptedGuidelines: true })) as Member;
  hub.emit('member:signed-up', { memberId: member.id, name: 'ash', savedKey: false });
  hub.emit('session:logged-in', { memberId: member.id, name: 'ash', via: 'password' });
  hub.emit('log-in:failed', { name: 'ash' });
  hub.emit('post:created', { boardId: 1, threadId: 1, postId: 1, authorId: member.id });
  hub.emit('mail:new', { recipientId: member.id, messageId: 1, senderName: 'keeper' });
  clock.t += HOUR_MS;
  hub.emit('chat:line', { id: 1, roomId: 1, memberId: member.id, name: 'ash', kind: 'say', text: 'hi', toMemberId: null, toName: null, createdAt: clock.t } as never);
  // A room's own notice is no member's line.
  hub.emit('chat:line', { id: 2, roomId: 1, memberId: null, name: '', kind: 'say', text: 'opened', toMemberId: null, toName: null, createdAt: clock.t } as never);

  const hours = services.activity.hours(24);
  expect(hours).toHaveLength(24);
  expect(hours[23]!.start).toBe(Math.floor(clock.t / HOUR_MS) * HOUR_MS);
  expect(hours[22]!.counts).toEqual({ logIns: 1, failedLogIns: 1, signUps: 1, posts: 1, mail: 1, chatLines: 0 });
  expect(hours[23]!.counts).toEqual({ logIns: 0, failedLogIns: 0, signUps: 0, posts: 0, mail: 0, chatLines: 1 });
  const days = services.activity.days(30);
  expect(days).toHaveLength(30);
  expect(days[29]!.counts).toMatchObject({ logIns: 1, posts: 1, mail: 1, chatLines: 1 });
  expect(services.activity.since(clock.t - HOUR_MS).posts).toBe(1);
  stop();
  hub.emit('post:created', { boardId: 1, threadId: 1, postId: 2, authorId: member.id });
  expect(services.activity.since(START).posts).toBe(1);
});

it('hours older than 31 days are pruned; younger ones stay', () => {
  const { services, clock, db, stop } = setUp();
  services.activity.count('posts');
  clock.t += 31 * DAY_MS - HOUR_MS;
  services.activity.count('posts');
  expect(services.activity.prune()).toBe(0);
  clock.t += 2 * HOUR_MS;
  expect(services.activity.prune()).toBe(1);
  expect((db.prepare('SELECT count(*) AS n FROM activity_hours').get() as { n: number }).n).toBe(1);
  stop();
});

it('log-ins, log-offs, sign-ups and failed log-ins are one log line each, with the name and never more', () => {
  const { services, lines, stop } = setUp();
  services.hub.emit('session:logged-in', { memberId: 3, name: 'ash', via: 'key' });
  services.hub.emit('session:logged-off', { memberId: 3, name: 'ash' });
  expect(lines).toEqual(['log-in', 'log-off']);
  stop();
});
