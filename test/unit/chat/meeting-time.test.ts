import { describe, expect, it } from 'vitest';
import { formatDayTime, nextOccurrence, parseClock, parseWeekday, zonedTimeToUtc } from '../../../src/services/meeting-time.js';

// Tuesday 24 November 2026, 12:00 UTC.
const TUE_NOON = Date.UTC(2026, 10, 24, 12, 0);

describe('weekly meeting times', () => {
  it('Tuesdays at 19:00 in London is 19:00 UTC in winter', () => {
    const occ = nextOccurrence({ weekday: 2, startTime: '19:00', timeZone: 'Europe/London', minutes: 60 }, TUE_NOON);
    expect(occ).toEqual({ start: Date.UTC(2026, 10, 24, 19, 0), end: Date.UTC(2026, 10, 24, 20, 0), running: false });
  });

  it('Tuesdays at 19:00 in New York is already Wednesday in UTC', () => {
    const occ = nextOccurrence({ weekday: 2, startTime: '19:00', timeZone: 'America/New_York', minutes: 90 }, TUE_NOON);
    expect(occ.start).toBe(Date.UTC(2026, 10, 25, 0, 0));
  });

  it('a meeting that has started is reported as running until it ends, then the next week is next', () => {
    const slot = { weekday: 2, startTime: '11:30', timeZone: 'UTC', minutes: 60 };
    expect(nextOccurrence(slot, TUE_NOON)).toMatchObject({ start: Date.UTC(2026, 10, 24, 11, 30), running: true });
    expect(nextOccurrence(slot, Date.UTC(2026, 10, 24, 12, 30))).toMatchObject({ start: Date.UTC(2026, 11, 1, 11, 30), running: false });
  });

  it('a late meeting still running after local midnight counts as running', () => {
    const slot = { weekday: 1, startTime: '23:30', timeZone: 'Europe/Paris', minutes: 60 };
    // Tuesday 00:10 in Paris is Monday 23:10 UTC.
    const occ = nextOccurrence(slot, Date.UTC(2026, 10, 23, 23, 10));
    expect(occ).toMatchObject({ start: Date.UTC(2026, 10, 23, 22, 30), running: true });
  });

  it('keeps to the local clock across a daylight-saving change', () => {
    const slot = { weekday: 0, startTime: '10:00', timeZone: 'Europe/London', minutes: 60 };
    const before = nextOccurrence(slot, Date.UTC(2027, 2, 22, 0, 0));
    const after = nextOccurrence(slot, before.end);
    expect(before.start).toBe(Date.UTC(2027, 2, 28, 9, 0));
    expect(after.start).toBe(Date.UTC(2027, 3, 4, 9, 0));
    expect(nextOccurrence(slot, Date.UTC(2026, 10, 24)).start).toBe(Date.UTC(2026, 10, 29, 10, 0));
  });

  it('converts wall-clock times to UTC', () => {
    expect(zonedTimeToUtc(2026, 7, 1, 9, 0, 'Asia/Tokyo')).toBe(Date.UTC(2026, 6, 1, 0, 0));
    expect(zonedTimeToUtc(2026, 7, 1, 9, 0, 'America/Los_Angeles')).toBe(Date.UTC(2026, 6, 1, 16, 0));
  });

  it("is shown in the member's own zone", () => {
    const start = Date.UTC(2026, 10, 24, 19, 0);
    expect(formatDayTime(start, 'Europe/London')).toBe('Tue 19:00');
    expect(formatDayTime(start, 'Asia/Tokyo')).toBe('Wed 04:00');
    expect(formatDayTime(start, 'Not/AZone')).toBe('Tue 19:00');
  });

  it('reads days and clock times the way a sysop types them', () => {
    expect(parseWeekday('tue')).toBe(2);
    expect(parseWeekday('Saturday')).toBe(6);
    expect(parseWeekday('0')).toBe(0);
    expect(parseWeekday('t')).toBeUndefined();
    expect(parseWeekday('blursday')).toBeUndefined();
    expect(parseClock('7:05')).toBe('07:05');
    expect(parseClock('19:30')).toBe('19:30');
    expect(parseClock('24:00')).toBeUndefined();
    expect(parseClock('7pm')).toBeUndefined();
  });
});
