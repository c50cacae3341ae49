import { afterEach, describe, expect, it } from 'vitest';
import { barChart, barLine } from '../../screens/widgets/bar-chart.js';
import { staffDesk } from '../../screens/staff-desk.js';
import type { Member } from '../../src/services/accounts.js';
import { createWidgetHarness, type WidgetHarness } from '../helpers/widget-harness.js';

let h: WidgetHarness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

describe('bar charts', () => {
  it('draw eight heights in block characters, scaled to the busiest, blank for none', () => {
    expect(barLine([0, 1, 2, 4, 8], 10, true)).toBe(' ▁▂▄█');
    expect(barLine([3, 3], 10, true)).toBe('██');
  });

  it('fall back to # and . on a terminal without UTF-8', () => {
    expect(barLine([0, 1, 2, 4, 8], 10, false)).toBe('.####');
    expect(barChart('Last 24 hours', [0, 5, 0], 40, false, 'h')).toEqual(['Last 24 hours (3 h, busiest 5)', '.#.']);
  });

  it('keep the newest bars when the window is narrower than the chart', () => {
    const values = Array.from({ length: 30 }, (_, i) => i);
    expect(barLine(values, 10, false)).toHaveLength(10);
    expect(barChart('Last 30 days', values, 10, true, 'days')[0]).toBe('Last 30 days (10 days, busiest 29)');
  });
});

async function asMember(role: 'sysop' | 'member', cols: number, rows: number): Promise<WidgetHarness> {
  const harness = createWidgetHarness({ cols, rows });
  const member = await harness.services.accounts.register({ name: 'keeper', password: 'correct horse', acceptedGuidelines: true, role });
  harness.ctx.session.member = member as Member;
  return harness;
}

describe('the status screen (S on the staff desk)', () => {
  for (const [cols, rows] of [
    [80, 24],
    [40, 12],
  ] as const) {
    it(`a sysop opens it at ${cols}×${rows}: counts, both charts, and new activity shows within seconds`, async () => {
      h = await asMember('sysop', cols, rows);
      h.services.activity.count('logIns', 3);
      h.ctx.nav.push(staffDesk);
      await h.waitFor('Status');
      h.send('S');
      await h.waitFor('Log-ins: 3 this hour');
      // The charts are reached by scrolling where the window is short.
      h.send('G');
      await h.waitFor(/Last 30 days \(\d+ days, busiest 3\)/);
      expect(h.text()).toMatch(/█/);
      for (const line of h.text().split('\n')) expect(line.length).toBeLessThanOrEqual(cols);
      if (process.env.SHOW_STATUS) console.log(h.text());
      h.services.activity.count('logIns', 5);
      await h.waitFor(/busiest 8/, 10_000);
      h.send('\x1b');
      await h.waitFor('Audit log');
    });
  }

  it('staff who are not sysops (board moderators) have no S on the staff desk', async () => {
    h = await asMember('member', 80, 24);
    h.ctx.nav.push(staffDesk);
    await h.waitFor('Audit log');
    expect(h.text()).not.toContain('Status');
    h.send('S');
    await h.settle();
    expect(h.stack()).toEqual(['Staff desk']);
  });
});
