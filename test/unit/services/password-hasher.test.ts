import { describe, expect, it } from 'vitest';
import { PasswordHasher } from '../../../src/services/password-hasher.js';

describe('password hashing under load', () => {
  it('runs at most `concurrency` hashes at once and refuses past the queue quickly', async () => {
    const hasher = new PasswordHasher(2, 3);
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => hasher.hash(`password ${i}`)));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(refused).toHaveLength(3);
    expect(String((refused[0] as PromiseRejectedResult).reason.message)).toMatch(/busy/);
    // Once the burst has passed, it works again.
    expect(await hasher.verify(await hasher.hash('later'), 'later')).toBe(true);
  });
  it('a malformed stored hash verifies as false rather than throwing', async () => {
    expect(await new PasswordHasher().verify('not a hash', 'anything')).toBe(false);
  });
});
