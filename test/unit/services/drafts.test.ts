import { beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../../src/services/accounts.js';
import type { Services } from '../../../src/services/index.js';
import { GRACE_DAYS } from '../../../src/services/account-deletion.js';
import { testServices } from '../../helpers/services.js';

const DAY = 24 * 3_600_000;
let s: Services;
let clock: { t: number };
let alice: Member;
let bram: Member;

beforeEach(async () => {
  clock = { t: Date.UTC(2026, 11, 1, 9, 0) };
  ({ services: s } = testServices({ now: () => clock.t, seedAt: clock.t }));
  const join = (name: string) => s.accounts.register({ name, password: 'correct horse', acceptedGuidelines: true });
  [alice, bram] = [await join('alice'), await join('bram')];
});

const text = (body: string, subject = '', contentWarning = '') => ({ subject, contentWarning, body });

describe('drafts: what a member was writing when a session ended', () => {
  it('keeps the words and where they were going, and lists a member\'s own drafts oldest first', () => {
    const board = s.boards.list(alice)[1]!;
    const first = s.drafts.save(alice.id, { kind: 'reply', threadId: 7 }, text('line one\nline two 🌱', '', 'grief'))!;
    clock.t += 1000;
    const second = s.drafts.save(alice.id, { kind: 'thread', boardId: board.id }, text('a new thread', 'Hello'))!;
    clock.t += 1000;
    s.drafts.save(alice.id, { kind: 'mail', to: 'bram' }, text('dear bram', 'hi'));
    s.drafts.save(bram.id, { kind: 'mail', to: 'alice' }, text('not hers'));

    const mine = s.drafts.list(alice.id);
    expect(mine.map((d) => d.target)).toEqual([
      { kind: 'reply', threadId: 7 },
      { kind: 'thread', boardId: board.id },
      { kind: 'mail', to: 'bram' },
    ]);
    expect(mine[0]).toMatchObject({ id: first, body: 'line one\nline two 🌱', contentWarning: 'grief', savedAt: Date.UTC(2026, 11, 1, 9, 0) });
    expect(s.drafts.get(alice.id, second)).toMatchObject({ subject: 'Hello', body: 'a new thread' });
    // Another member's draft is not hers to read or remove.
    const bramsDraft = s.drafts.list(bram.id)[0]!.id;
    expect(s.drafts.get(alice.id, bramsDraft)).toBeUndefined();
    s.drafts.remove(alice.id, bramsDraft);
    expect(s.drafts.list(bram.id)).toHaveLength(1);
  });

  it('saving a resumed draft again replaces it; a draft removed meanwhile is kept anew', () => {
    const id = s.drafts.save(alice.id, { kind: 'reply', threadId: 7 }, text('first words'))!;
    clock.t += 5000;
    expect(s.drafts.save(alice.id, { kind: 'reply', threadId: 7 }, text('first words, and more'), id)).toBe(id);
    expect(s.drafts.list(alice.id)).toEqual([expect.objectContaining({ id, body: 'first words, and more', savedAt: clock.t })]);
    // A fresh editor for the same place keeps its own draft beside the older one.
    s.drafts.save(alice.id, { kind: 'reply', threadId: 7 }, text('another go'));
    expect(s.drafts.list(alice.id).map((d) => d.body)).toEqual(['first words, and more', 'another go']);

    s.drafts.remove(alice.id, id);
    const again = s.drafts.save(alice.id, { kind: 'reply', threadId: 7 }, text('after all'), id);
    expect(again).not.toBe(id);
    expect(s.drafts.list(alice.id).map((d) => d.body)).toEqual(['another go', 'after all']);
  });

  it('keeps nothing when nothing was typed, and cleans what it keeps like any text a member sends', () => {
    expect(s.drafts.save(alice.id, { kind: 'mail', to: 'bram' }, text('  \n  '))).toBeUndefined();
    expect(s.drafts.list(alice.id)).toEqual([]);
    s.drafts.save(alice.id, { kind: 'mail', to: 'br\u001b[31mam' }, text('red \u001b[31mtext\u202e here', 'sub\u0007ject'));
    const [kept] = s.drafts.list(alice.id);
    expect(kept!.body).toBe('red text here');
    expect(kept!.subject).toBe('subject');
    expect(kept!.target).toEqual({ kind: 'mail', to: 'bram' });
  });

  it('is in the member\'s export, and gone with the account', async () => {
    const thread = s.boards.posts.startThread(bram, s.boards.list(bram)[1]!.id, { subject: 'Sleep', body: 'how do you sleep?' });
    s.drafts.save(alice.id, { kind: 'reply', threadId: thread.threadId }, text('I read before bed'));
    expect(s.memberExport.collect(alice.id)!.drafts).toEqual([
      { to: 'a reply to "Sleep"', subject: '', contentWarning: '', body: 'I read before bed', savedAt: new Date(clock.t).toISOString() },
    ]);
    expect(s.memberExport.collect(bram.id)!.drafts).toEqual([]);

    await s.accountDeletion.request(alice, 'correct horse', 'remove');
    clock.t += GRACE_DAYS * DAY;
    expect(s.accountDeletion.purgeDue()).toBe(1);
    expect(s.drafts.list(alice.id)).toEqual([]);
  });
});
