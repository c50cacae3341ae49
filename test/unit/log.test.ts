import { expect, it } from 'vitest';
import { createLogger, defaultLogStyle, formatLine } from '../../src/log.js';

const at = new Date('2026-12-01T09:00:00.000Z');

it('text lines: level, event, then key=value with anything not one plain word quoted, on one line', () => {
  expect(formatLine('text', at, 'info', 'log-in', { member: 'ash', id: 2, via: 'key' }, false)).toBe('info  log-in member=ash id=2 via=key');
  expect(formatLine('text', at, 'error', 'screen error', { err: 'Error: boom\n    at x (a.js:1)' })).toBe(
    '2026-12-01T09:00:00.000Z error screen error err="Error: boom\\n    at x (a.js:1)"',
  );
});

it('an address inside any value or the event is blanked, IPv4 and IPv6 alike; times and versions are not', () => {
  const line = formatLine('json', at, 'warn', 'refused 10.1.2.3', { err: 'connect ECONNREFUSED 192.168.0.7:22', v6: 'from 2001:db8::1 and ::ffff:127.0.0.1', when: '09:23:28', ver: '1.17.0' });
  expect(line).not.toMatch(/\d+\.\d+\.\d+\.\d+|2001:db8/);
  expect(JSON.parse(line)).toMatchObject({ event: 'refused [address]', err: 'connect ECONNREFUSED [address]:22', when: '09:23:28', ver: '1.17.0' });
});

it('the default is text for a terminal or journald (journald without the time, since it keeps its own), JSON for a pipe', () => {
  expect(defaultLogStyle({ JOURNAL_STREAM: '8:1' }, false)).toEqual({ format: 'text', timestamps: false });
  expect(defaultLogStyle({}, true)).toEqual({ format: 'text', timestamps: true });
  expect(defaultLogStyle({}, false)).toEqual({ format: 'json', timestamps: true });
});

it('a logger below its level writes nothing', () => {
  const lines: string[] = [];
  const log = createLogger('warn', (l) => lines.push(l), { format: 'text', timestamps: false });
  log.info('start');
  log.warn('slow', { ms: 5 });
  expect(lines).toEqual(['warn  slow ms=5\n']);
});
