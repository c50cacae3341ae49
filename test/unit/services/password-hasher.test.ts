import argon2 from 'argon2';
import { describe, expect, it } from 'vitest';
import { ARGON2_OPTIONS, PasswordHasher, type HashFunctions } from '../../../src/services/password-hasher.js';

/** Hash functions that count how many run at once, optionally held until the test lets them finish. */
function countingFunctions(inner: HashFunctions) {
  const counts = { inFlight: 0, peak: 0, finished: 0 };
  let release: () => void = () => {};
  let gate: Promise<void> = Promise.resolve();
  const counted =
    <A extends unknown[], R>(work: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      counts.inFlight++;
      counts.peak = Math.max(counts.peak, counts.inFlight);
      try {
        await gate;
        return await work(...args);
      } finally {
        counts.inFlight--;
        counts.finished++;
      }
    };
  return {
    counts,
    fns: { hash: counted(inner.hash), verify: counted(inner.verify) } satisfies HashFunctions,
    hold() {
      gate = new Promise((r) => (release = r));
    },
    release: () => release(),
  };
}

const realArgon2: HashFunctions = {
  hash: (password) => argon2.hash(password, ARGON2_OPTIONS),
  verify: (hash, password) => argon2.verify(hash, password),
};

/** Settles with how each promise ended, in the order they ended. */
function settleOrder(promises: Array<Promise<unknown>>): { order: Array<'done' | 'refused'>; all: Promise<PromiseSettledResult<unknown>[]> } {
  const order: Array<'done' | 'refused'> = [];
  for (const p of promises) p.then(() => order.push('done'), () => order.push('refused'));
  return { order, all: Promise.allSettled(promises) };
}

describe('password hashing under load', () => {
  it('a burst of log-ins runs at most two hashes at once and refuses the overflow before any hash finishes', async () => {
    const counting = countingFunctions({ hash: async (p) => `hashed ${p}`, verify: async (h, p) => h === `hashed ${p}` });
    const hasher = new PasswordHasher(2, 3, counting.fns);
    counting.hold();
    const burst = Array.from({ length: 8 }, (_, i) => (i % 2 ? hasher.hash(`password ${i}`) : hasher.verify('hashed x', `password ${i}`)));
    const { order, all } = settleOrder(burst);
    // The overflow is refused while the first two hashes are still held: nobody waits for a slot to say no.
    await expect.poll(() => order.length, { timeout: 10_000 }).toBe(3);
    expect(order).toEqual(['refused', 'refused', 'refused']);
    expect(counting.counts).toMatchObject({ inFlight: 2, peak: 2, finished: 0 });
    counting.release();
    const results = await all;
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(String((r.reason as Error).message)).toMatch(/busy/);
    expect(counting.counts).toMatchObject({ inFlight: 0, peak: 2, finished: 5 });
  });

  it('with real argon2, two hashes run at once and the overflow is refused before the first hash completes', async () => {
    const counting = countingFunctions(realArgon2);
    const hasher = new PasswordHasher(2, 3, counting.fns);
    const { order, all } = settleOrder(Array.from({ length: 8 }, (_, i) => hasher.hash(`password ${i}`)));
    await all;
    expect(order).toEqual(['refused', 'refused', 'refused', 'done', 'done', 'done', 'done', 'done']);
    expect(counting.counts).toMatchObject({ peak: 2, finished: 5 });
    // Once the burst has passed, it works again.
    expect(await hasher.verify(await hasher.hash('later'), 'later')).toBe(true);
    expect(counting.counts.peak).toBe(2);
  });

  it('a malformed stored hash verifies as false rather than throwing', async () => {
    expect(await new PasswordHasher().verify('not a hash', 'anything')).toBe(false);
  });
});
