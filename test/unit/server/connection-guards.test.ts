import { describe, expect, it } from 'vitest';
import { PendingConnections } from '../../../src/server/address-limits.js';
import { SessionCaps } from '../../../src/server/session-caps.js';
import { NameThrottle, SourcePenalties } from '../../../src/server/source-penalties.js';
import { formatConnectionStatus } from '../../../src/server/connection-status.js';
import { PasswordHasher, inHashLane } from '../../../src/services/password-hasher.js';

const limits = { refuseAt: 10, halfLifeMs: 60_000, maxScore: 40, maxSources: 3 };

describe('per-source penalties', () => {
  it('grow with failures, refuse at the threshold, and fade with time', () => {
    let now = 0;
    const p = new SourcePenalties(limits, () => now);
    for (let i = 0; i < 9; i++) p.add('10.0.0.1', 'authFailure');
    expect(p.refuses('10.0.0.1')).toBe(false);
    p.add('10.0.0.1', 'graceOverrun');
    expect(p.refuses('10.0.0.1')).toBe(true);
    expect(p.refuses('10.0.0.2')).toBe(false);
    now += 60_000; // one half-life: 11 → 5.5
    expect(p.refuses('10.0.0.1')).toBe(false);
  });

  it('a longer abuse is refused for longer, up to a ceiling', () => {
    let now = 0;
    const p = new SourcePenalties(limits, () => now);
    for (let i = 0; i < 100; i++) p.add('a', 'refusedRequest');
    now += 60_000; // 40 → 20
    expect(p.refuses('a')).toBe(true);
    now += 2 * 60_000; // → 5
    expect(p.refuses('a')).toBe(false);
  });

  it('remember a bounded number of sources, forgetting the least recently seen', () => {
    const p = new SourcePenalties(limits, () => 0);
    for (const a of ['a', 'b', 'c', 'd']) for (let i = 0; i < 10; i++) p.add(a, 'authFailure');
    expect(p.size).toBe(3);
    expect(p.refuses('a')).toBe(false);
    expect(p.refuses('d')).toBe(true);
  });

  it('show the sysop hashes and counts, never an address', () => {
    const p = new SourcePenalties(limits, () => 0);
    for (let i = 0; i < 10; i++) p.add('192.0.2.7', 'authFailure');
    p.refuses('192.0.2.7');
    const [row] = p.snapshot();
    expect(row).toMatchObject({ score: 10, refusing: true, authFailures: 10, connectionsRefused: 1 });
    expect(row!.source).toMatch(/^[0-9a-f]{12}$/);
    const text = formatConnectionStatus({ writtenAt: 0, pending: 1, sessions: 2, penalised: p.snapshot() }, 0).join('\n');
    expect(text).toContain(row!.source);
    expect(text).not.toContain('192.0.2.7');
    expect(JSON.stringify(p.snapshot())).not.toContain('192.0.2.7');
  });
});

describe('guessing one name', () => {
  it('after a few free failures, wrong answers are held back longer and longer, then it fades', () => {
    let now = 0;
    const t = new NameThrottle({ freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 8000, halfLifeMs: 60_000, maxNames: 100 }, () => now);
    const delays = Array.from({ length: 8 }, () => t.failed('Alice'));
    expect(delays).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 8000]);
    expect(t.failed('bob')).toBe(0);
    now += 10 * 60_000;
    expect(t.failed('alice')).toBe(0);
  });
});

describe('random early drop', () => {
  it('lets everyone in below the start, refuses a share above it, and all at full', () => {
    let roll = 0.5;
    const pending = new PendingConnections(1000, { start: 2, rate: 30, full: 6 }, () => roll);
    expect(pending.acquire('a')).not.toBeNull();
    expect(pending.acquire('a')).not.toBeNull();
    roll = 0.29; // at start the chance of a drop is 30%
    expect(pending.acquire('b')).toBeNull();
    roll = 0.31;
    expect(pending.acquire('b')).not.toBeNull();
    roll = 0.999;
    const held = Array.from({ length: 3 }, (_, i) => pending.acquire(`c${i}`));
    for (const h of held) expect(h).not.toBeNull();
    expect(pending.size).toBe(6);
    expect(pending.acquire('d')).toBeNull();
    // An arrival that displaced a silent socket takes its slot without the roll.
    held[0]!();
    roll = 0;
    expect(pending.acquire('e')).toBeNull();
    expect(pending.acquire('e', true)).not.toBeNull();

  });
});

describe('session caps', () => {
  it('cap sessions per address and per member, and sign-ups apart, releasing once', () => {
    const caps = new SessionCaps({ perAddress: 3, perMember: 2, signupsPerAddress: 1, signupsTotal: 10 });
    const m1 = caps.admit('a', 1);
    expect('release' in m1).toBe(true);
    caps.admit('b', 1);
    expect(caps.admit('c', 1)).toMatchObject({ refusal: expect.stringContaining('2 sessions') });
    const s1 = caps.admit('a', undefined);
    expect(caps.admit('a', undefined)).toMatchObject({ refusal: expect.stringContaining('signing up') });
    if (!('release' in s1)) throw new Error('admitted');
    s1.joined();
    s1.joined();
    const s2 = caps.admit('a', undefined);
    expect('release' in s2).toBe(true);
    expect(caps.admit('a', 7)).toMatchObject({ refusal: expect.stringContaining('your network') });
    if ('release' in m1) {
      m1.release();
      m1.release();
    }
    expect('release' in caps.admit('a', 7)).toBe(true);
  });
});

describe('hashing lanes', () => {
  /** Hashes each [lane, password, suspect] with one slot, releasing one at a time; the order they ran in. */
  async function hashOrder(work: Array<[lane: string, password: string, suspect?: boolean]>): Promise<string[]> {
    const order: string[] = [];
    let held: Array<() => void> = [];
    const fns = {
      hash: async (p: string) => {
        await new Promise<void>((r) => held.push(r));
        order.push(p);
        return p;
      },
      verify: async () => true,
    };
    const hasher = new PasswordHasher(1, 100, fns);
    const all = work.map(([key, password, suspect]) => inHashLane(key, () => hasher.hash(password), suspect));
    while (order.length < work.length) {
      await new Promise((r) => setTimeout(r, 1));
      const next = held;
      held = [];
      for (const r of next) r();
    }
    await Promise.all(all);
    return order;
  }

  it('serve addresses in turn: a burst from one never makes another wait behind all of it', async () => {
    const order = await hashOrder([...Array.from({ length: 10 }, (_, i): [string, string] => ['attacker', `guess ${i}`]), ['member', 'member']]);
    // The first guess held the only slot; the member is next, not eleventh.
    expect(order.slice(0, 2)).toEqual(['guess 0', 'member']);
  });

  it('serve addresses that failed lately only when no other waits: a member is not behind twenty guessers', async () => {
    const order = await hashOrder([...Array.from({ length: 20 }, (_, i): [string, string, boolean] => [`guesser ${i}`, `guess ${i}`, true]), ['member', 'member']]);
    // The first guess held the only slot; of twenty-one lanes waiting, the member's goes first.
    expect(order.slice(0, 2)).toEqual(['guess 0', 'member']);
  });

  it('refuse as busy only the lane that is full', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fns = { hash: async (p: string) => (await gate, p), verify: async () => true };
    const hasher = new PasswordHasher(1, 2, fns);
    const first = inHashLane('x', () => hasher.hash('1'));
    const queued = [inHashLane('x', () => hasher.hash('2')), inHashLane('x', () => hasher.hash('3'))];
    await expect(inHashLane('x', () => hasher.hash('4'))).rejects.toThrow(/busy/);
    const other = inHashLane('y', () => hasher.hash('other'));
    release();
    expect(await Promise.all([first, ...queued, other])).toEqual(['1', '2', '3', 'other']);
  });
});
