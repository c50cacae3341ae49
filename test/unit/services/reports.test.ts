import { beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub.js';
import type { Member } from '../../../src/services/accounts.js';
import type { Reports } from '../../../src/services/reports.js';
import { testServices } from '../../helpers/services.js';

let reports: Reports;
let hub: Hub;
let reporter: Member;
let author: Member;
let sysop: Member;
let t = Date.UTC(2026, 10, 3, 9, 0);

beforeEach(async () => {
  const { services } = testServices({ now: () => t });
  ({ hub, reports } = services);
  const { accounts } = services;
  const join = (name: string, role: 'member' | 'sysop' = 'member') =>
    accounts.register({ name, password: 'correct horse', acceptedGuidelines: true, role });
  [reporter, author, sysop] = [await join('rowan'), await join('ash'), await join('keeper', 'sysop')];
});

const filePost = (targetId: number, reason = 'off topic') =>
  reports.file({
    kind: 'post',
    targetId,
    reporterId: reporter.id,
    authorId: author.id,
    authorName: author.name,
    place: 'Grief & loss',
    title: 'A title',
    text: 'The reported words',
    writtenAt: t - 1000,
    reason,
  });

describe('the report queue', () => {
  it('a filed report is announced, listed open for the sysop, shown in full, and closed with who closed it', () => {
    const heard: unknown[] = [];
    hub.on('report:filed', (e) => heard.push(e));
    const r = filePost(7, 'Sharing someone\x1b[2J else\u202e details');
    expect(heard).toEqual([{ reportId: r.id, kind: 'post' }]);
    expect(r.reason).toBe('Sharing someone else details');
    expect(reports.openCount(sysop)).toBe(1);
    expect(reports.list(sysop)).toMatchObject([{ id: r.id, reporterName: 'rowan', authorName: 'ash', place: 'Grief & loss', status: 'open' }]);
    expect(reports.get('console', r.id)?.copyText).toBe('The reported words');

    t += 5000;
    const closed = reports.close(sysop, r.id);
    expect(closed).toMatchObject({ status: 'closed', handledByName: 'keeper', handledAt: t });
    expect(reports.list(sysop)).toEqual([]);
    expect(reports.list(sysop, { status: 'closed' })).toHaveLength(1);
    expect(reports.list('console', { status: 'all' })).toHaveLength(1);
    // Closing again changes nothing.
    t += 5000;
    expect(reports.close('console', r.id).handledByName).toBe('keeper');
  });

  it('the console closes reports too, and an unknown number is a plain error', () => {
    const r = filePost(8);
    expect(reports.close('console', r.id).handledByName).toBe('the console');
    expect(() => reports.close('console', 9999)).toThrow('There is no report number 9999.');
  });

  it('members who are not staff cannot read the queue', () => {
    filePost(9);
    expect(reports.canHandle(reporter)).toBe(false);
    expect(() => reports.list(reporter)).toThrow('Only the sysop');
    expect(() => reports.get(author, 1)).toThrow('Only the sysop');
    expect(() => reports.close(reporter, 1)).toThrow('Only the sysop');
    expect(() => reports.openCount(reporter)).toThrow('Only the sysop');
  });

  it('the same member reporting the same item twice is told it is already reported', () => {
    filePost(10);
    expect(() => filePost(10)).toThrow('already reported');
    expect(filePost(11).targetId).toBe(11);
  });
});
