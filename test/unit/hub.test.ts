import { expect, it } from 'vitest';
import { Hub } from '../../src/hub.js';

it("one listener's failure stays its own: the others hear the event, the emitter goes on, the error is told", () => {
  const failures: Array<[string, unknown]> = [];
  const hub = new Hub((event, err) => failures.push([event, err]));
  const heard: number[] = [];
  hub.on('presence:changed', () => {
    throw new Error('a screen that lost its role');
  });
  const off = hub.on('presence:changed', (e) => heard.push(e.memberId));
  expect(() => hub.emit('presence:changed', { memberId: 7 })).not.toThrow();
  expect(heard).toEqual([7]);
  expect(failures).toHaveLength(1);
  expect(failures[0]![0]).toBe('presence:changed');
  off();
  hub.emit('presence:changed', { memberId: 8 });
  expect(heard).toEqual([7]);
  expect(hub.listenerCount('presence:changed')).toBe(1);
});
