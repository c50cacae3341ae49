import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Hub } from '../../../src/hub.js';
import { Presence } from '../../../src/services/presence.js';
import { announceOnlineCount } from '../../../src/services/online-count.js';

describe('the online count', () => {
  let hub: Hub;
  let presence: Presence;
  let heard: number[];
  let stop: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    hub = new Hub();
    presence = new Presence(hub);
    heard = [];
    hub.on('online:count', (e) => heard.push(e.count));
    stop = announceOnlineCount(hub, presence, 2000);
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('fifty log-ins within two seconds are announced once, with the count at the end', () => {
    for (let i = 1; i <= 50; i++) {
      presence.join(i, `m${i}`);
      vi.advanceTimersByTime(30);
    }
    vi.advanceTimersByTime(2000);
    expect(heard).toEqual([50]);
  });

  it('members moving between screens, or one who came and went, announce nothing', () => {
    const a = presence.join(1, 'a');
    vi.advanceTimersByTime(2000);
    expect(heard).toEqual([1]);
    presence.setPlace(a, 'Boards');
    presence.setPlace(a, 'Mail');
    const b = presence.join(2, 'b');
    presence.leave(b);
    vi.advanceTimersByTime(5000);
    expect(heard).toEqual([1]);
  });

  it('counts members, not sessions, and not the invisible', () => {
    const first = presence.join(1, 'a');
    const second = presence.join(1, 'a');
    presence.join(2, 'hidden', true);
    expect(presence.visibleCount()).toBe(1);
    presence.setInvisible(2, false);
    expect(presence.visibleCount()).toBe(2);
    presence.setInvisible(1, true);
    expect(presence.visibleCount()).toBe(1);
    presence.setInvisible(1, false);
    presence.leave(second);
    expect(presence.visibleCount()).toBe(2);
    presence.leave(first);
    expect(presence.visibleCount()).toBe(1);
  });
});
