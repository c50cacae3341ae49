// Weekly meeting times: a day and a clock time in the facilitator's zone, turned into
// UTC instants (so "Tuesday 19:00 Europe/London" stays at 19:00 there across DST) and
// shown back in each member's own zone.

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export interface WeeklySlot {
  /** 0 = Sunday. */
  weekday: number;
  /** "HH:MM", 24-hour. */
  startTime: string;
  timeZone: string;
  minutes: number;
}

export interface Occurrence {
  start: number;
  end: number;
  /** True when `now` falls inside it. */
  running: boolean;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    });
    partsFormatters.set(zone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(t: number, zone: string): { y: number; mo: number; d: number; h: number; mi: number } {
  const p: Record<string, number> = {};
  for (const part of partsFormatter(zone).formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year!, mo: p.month!, d: p.day!, h: p.hour! % 24, mi: p.minute! };
}

/** How far ahead of UTC the zone's clocks are at instant t, in ms. */
function zoneOffset(t: number, zone: string): number {
  const w = wallClock(t, zone);
  const floored = Math.floor(t / 60_000) * 60_000;
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi) - floored;
}

/** The UTC instant of a wall-clock time in a zone (a time skipped by DST lands an hour later). */
export function zonedTimeToUtc(y: number, mo: number, d: number, h: number, mi: number, zone: string): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const first = guess - zoneOffset(guess, zone);
  const second = guess - zoneOffset(first, zone);
  return second;
}

/** Parses "19:00" or "7:30"; undefined when it is not a time of day. */
export function parseClock(s: string): string | undefined {
  const m = /^\s*([01]?\d|2[0-3]):([0-5]\d)\s*$/.exec(s);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : undefined;
}

/** Parses "tue", "Tuesday" or "2"; undefined otherwise. */
export function parseWeekday(s: string | number): number | undefined {
  if (typeof s === 'number') return Number.isInteger(s) && s >= 0 && s <= 6 ? s : undefined;
  const t = s.trim().toLowerCase();
  if (/^[0-6]$/.test(t)) return Number(t);
  if (t.length < 3) return undefined;
  const i = WEEKDAYS.findIndex((d) => d.toLowerCase().startsWith(t));
  return i >= 0 ? i : undefined;
}

/** The occurrence running now, or else the next one to start. */
export function nextOccurrence(slot: WeeklySlot, now: number): Occurrence {
  const [h, mi] = slot.startTime.split(':').map(Number) as [number, number];
  const today = wallClock(now, slot.timeZone);
  // From yesterday (a meeting that started before local midnight may still run) to a week ahead.
  for (let k = -1; k <= 8; k++) {
    const day = new Date(Date.UTC(today.y, today.mo - 1, today.d + k));
    if (day.getUTCDay() !== slot.weekday) continue;
    const start = zonedTimeToUtc(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), h, mi, slot.timeZone);
    const end = start + slot.minutes * 60_000;
    if (end > now) return { start, end, running: start <= now };
  }
  throw new Error('no weekly occurrence within eight days');
}

/** "Tue 19:00" in the member's zone. */
export function formatDayTime(t: number, zone: string): string {
  let f = dayFormatters.get(zone);
  if (!f) {
    let z = zone;
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: z });
    } catch {
      z = 'UTC';
    }
    f = new Intl.DateTimeFormat('en-GB', { timeZone: z, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    dayFormatters.set(zone, f);
  }
  return f.format(t).replace(',', '');
}
