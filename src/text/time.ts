const formatters = new Map<string, { time: Intl.DateTimeFormat; day: Intl.DateTimeFormat; full: Intl.DateTimeFormat }>();

function formattersFor(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    const zone = (() => {
      try {
        return new Intl.DateTimeFormat('en-GB', { timeZone }).resolvedOptions().timeZone;
      } catch {
        return 'UTC';
      }
    })();
    f = {
      time: new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      day: new Intl.DateTimeFormat('en-GB', { timeZone: zone, day: 'numeric', month: 'short' }),
      full: new Intl.DateTimeFormat('en-GB', { timeZone: zone, day: 'numeric', month: 'short', year: 'numeric' }),
    };
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * A compact local time for lists: "14:05" today, "3 Nov" this year, "3 Nov 2025" before.
 * `timeZone` is the member's chosen zone.
 */
export function formatWhen(epochMs: number, timeZone: string, now = Date.now()): string {
  const f = formattersFor(timeZone);
  const sameDay = f.full.format(epochMs) === f.full.format(now);
  if (sameDay) return f.time.format(epochMs);
  const sameYear = new Date(epochMs).getUTCFullYear() === new Date(now).getUTCFullYear();
  return sameYear ? f.day.format(epochMs) : f.full.format(epochMs);
}

/** Date and time for a post header: "3 Nov 2026 14:05". */
export function formatDateTime(epochMs: number, timeZone: string): string {
  const f = formattersFor(timeZone);
  return `${f.full.format(epochMs)} ${f.time.format(epochMs)}`;
}

/** Hours and minutes only: "14:05" (chat lines). */
export function formatClock(epochMs: number, timeZone: string): string {
  return formattersFor(timeZone).time.format(epochMs);
}

/** A day spelled out, for dates a member must not misread: "8 December 2026". */
export function formatLongDate(epochMs: number, timeZone: string): string {
  let zone = 'UTC';
  try {
    zone = new Intl.DateTimeFormat('en-GB', { timeZone }).resolvedOptions().timeZone;
  } catch {
    // an unknown zone reads as UTC
  }
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, day: 'numeric', month: 'long', year: 'numeric' }).format(epochMs);
}
