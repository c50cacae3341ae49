import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_WAIT_MS, openDatabase, type Db } from '../../../db/open.js';
import { buildServices } from '../../../src/app.js';
import { createLogger } from '../../../src/log.js';
import type { Member } from '../../../src/services/accounts.js';
import type { Services } from '../../../src/services/index.js';
import { seedDefaults } from '../../../src/services/seed.js';
import { versionOf } from '../../../src/services/text-versions.js';
import { Texts } from '../../../src/services/texts.js';

const DAY = 24 * 60 * 60 * 1000;
let dir: string;
let db: Db;
let services: Services;
let clock: { t: number };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'haven-safety-'));
  db = openDatabase(':memory:', { lockWaitMs: LOCK_WAIT_MS.console });
  seedDefaults(db, 1_700_000_000_000);
  clock = { t: 1_700_000_000_000 };
  services = buildServices(db, new Texts(dir), { log: createLogger('silent'), now: () => clock.t });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A member who accepted the guidelines at `acceptedAt` (or, pending, must accept them at their first log-in). */
function member(name: string, acceptedAt = clock.t, pending = false): Member {
  const id = Number(
    db
      .prepare(`INSERT INTO members (name, name_key, password_hash, role, created_at, guidelines_accepted_at, guidelines_pending) VALUES (?, ?, 'x', 'member', 0, ?, ?)`)
      .run(name, name, acceptedAt, pending ? 1 : 0).lastInsertRowid,
  );
  return services.accounts.findById(id)!;
}

const editGuidelines = (text: string) => {
  writeFileSync(join(dir, 'guidelines.txt'), text);
  // Each version is first seen at its own time.
  clock.t += 60_000;
};

describe('versioned guidelines and disclaimer', () => {
  it('a version is a hash of what members read: a sysop note alone is no new version', () => {
    const before = services.textVersions.current('guidelines').version;
    expect(before).toBe(versionOf(services.texts.get('guidelines')));
    writeFileSync(join(dir, 'guidelines.txt'), `# a note for the sysop\n${services.texts.get('guidelines')}\n`);
    expect(services.textVersions.current('guidelines').version).toBe(before);
  });

  it('a member who accepted an older version is asked again, with the text they accepted; accepting records version and time', () => {
    services.textVersions.current('guidelines');
    services.textVersions.current('disclaimer');
    const ann = member('ann');
    const old = services.texts.get('guidelines');
    expect(services.textVersions.changedFor(ann.id)).toEqual([]);
    services.textVersions.settle(ann.id);

    editGuidelines('COMMUNITY GUIDELINES\n1. Be kind.\n2. No selling.');
    clock.t += 1000;
    const changed = services.textVersions.changedFor(ann.id);
    expect(changed.map((c) => c.name)).toEqual(['guidelines']);
    expect(changed[0].accepted!.text).toBe(old);
    expect(changed[0].current.text).toBe('COMMUNITY GUIDELINES\n1. Be kind.\n2. No selling.');

    services.textVersions.accept(ann.id, [changed[0].current]);
    expect(services.textVersions.changedFor(ann.id)).toEqual([]);
    expect(services.textVersions.accepted(ann.id, 'guidelines')).toMatchObject({ version: changed[0].current.version, acceptedAt: clock.t });
  });

  it('a member with no record accepted the version current when they accepted the guidelines (or, before versions were kept, the first)', () => {
    const ancient = member('ancient', clock.t - 10_000);
    services.textVersions.current('guidelines');
    const early = member('early', clock.t);
    clock.t += 1000;
    editGuidelines('COMMUNITY GUIDELINES\nv2');
    services.textVersions.current('guidelines');
    clock.t += 1000;
    const late = member('late', clock.t);
    expect(services.textVersions.changedFor(early.id).map((c) => c.name)).toEqual(['guidelines']);
    expect(services.textVersions.changedFor(ancient.id).map((c) => c.name)).toEqual(['guidelines']);
    expect(services.textVersions.changedFor(late.id)).toEqual([]);
  });

  it('a member who never accepted the guidelines is left to the first log-in, not asked here', () => {
    const pending = member('pending', clock.t, true);
    editGuidelines('COMMUNITY GUIDELINES\nv3');
    expect(services.textVersions.changedFor(pending.id)).toEqual([]);
  });
});

describe('muted words and boards', () => {
  it('a muted word is kept once, matched whole, and can be unmuted', () => {
    const ann = member('ann');
    expect(services.safety.muteWord(ann.id, '  Relapse ')).toBe('Relapse');
    expect(() => services.safety.muteWord(ann.id, 'relapse')).toThrow('already muted');
    expect(() => services.safety.muteWord(ann.id, '!?')).toThrow('Please type a word');
    services.safety.muteWord(ann.id, 'grie*');
    const m = services.safety.mutedWordMatcher(ann.id);
    expect(m.find('After my RELAPSE I felt low')).toBe('Relapse');
    expect(m.find('relapsed')).toBeUndefined();
    expect(m.find('grieving')).toBe('grie*');
    services.safety.unmuteWord(ann.id, 'Relapse');
    expect(services.safety.mutedWords(ann.id)).toEqual(['grie*']);
  });

  it('a muted board is left out of New posts, unless the newscan starts in it', () => {
    const ann = member('ann');
    const ben = member('ben');
    const slug = (s: string) => (db.prepare('SELECT id FROM boards WHERE slug = ?').get(s) as { id: number }).id;
    const intro = slug('introductions');
    const grief = slug('bereavement');
    const t1 = services.boards.posts.startThread(ben, intro, { subject: 'Hello', body: 'New here.' });
    const t2 = services.boards.posts.startThread(ben, grief, { subject: 'Loss', body: 'My dad.' });
    expect(services.boards.nextUnread(ann)).toMatchObject({ boardId: intro, threadId: t1.threadId });

    services.safety.setBoardMuted(ann.id, intro, true);
    expect(services.safety.mutedBoardIds(ann.id)).toEqual(new Set([intro]));
    expect(services.boards.nextUnread(ann)).toMatchObject({ boardId: grief, threadId: t2.threadId });
    expect(services.boards.nextUnread(ann, { boardId: intro })).toMatchObject({ boardId: intro });
    services.safety.setBoardMuted(ann.id, grief, true);
    expect(services.boards.nextUnread(ann)).toBeUndefined();
    services.safety.setBoardMuted(ann.id, intro, false);
    expect(services.boards.nextUnread(ann)).toMatchObject({ boardId: intro });
  });
});

describe('a break', () => {
  it('lasts the period chosen, can end early, and is over by itself when the time comes', () => {
    const ann = member('ann');
    expect(services.safety.currentBreak(ann.id)).toBeUndefined();
    expect(() => services.safety.startBreak(ann.id, 5)).toThrow('A break lasts');
    const b = services.safety.startBreak(ann.id, 7);
    expect(b.endsAt - b.startedAt).toBe(7 * DAY);
    expect(services.safety.currentBreak(ann.id)).toEqual(b);
    services.safety.endBreak(ann.id);
    expect(services.safety.currentBreak(ann.id)).toBeUndefined();
    services.safety.startBreak(ann.id, 1);
    clock.t += DAY;
    expect(services.safety.currentBreak(ann.id)).toBeUndefined();
  });
});

describe('asking a moderator for help', () => {
  it("files an at-risk report about the member, with no copy of their draft, and may be asked again", () => {
    const ann = member('ann');
    const first = services.crisis.askForHelp(ann, 'mail', 'Mail');
    clock.t += 1;
    services.crisis.askForHelp(ann, 'mail', 'Mail');
    const rows = db.prepare('SELECT kind, category, copy_text, reporter_id, author_id FROM reports ORDER BY id').all();
    expect(rows).toEqual([
      { kind: 'mail', category: 'at-risk', copy_text: '', reporter_id: ann.id, author_id: ann.id },
      { kind: 'mail', category: 'at-risk', copy_text: '', reporter_id: ann.id, author_id: ann.id },
    ]);
    expect(first.reason).toMatch(/ann is struggling/);
    expect(first.targetId).toBeLessThan(0);
  });
});
