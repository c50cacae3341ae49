import argon2 from 'argon2';
import { UserError } from '../errors.js';

/** OWASP's minimum for argon2id: 19 MiB, two passes, one lane (about 30 ms here). */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;

/** The hashing primitives the hasher bounds; argon2 itself unless a test counts what runs. */
export interface HashFunctions {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

const ARGON2: HashFunctions = {
  hash: (password) => argon2.hash(password, ARGON2_OPTIONS),
  verify: (hash, password) => argon2.verify(hash, password),
};

/**
 * Hashes and verifies passwords a few at a time. Each hash holds 19 MiB and a thread-pool
 * slot; without a bound, a burst of log-ins would exhaust memory and stall the pool.
 */
export class PasswordHasher {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency = 2,
    private readonly maxQueue = 32,
    private readonly fns: HashFunctions = ARGON2,
  ) {}

  hash(password: string): Promise<string> {
    return this.limited(() => this.fns.hash(password));
  }

  /** True when the password matches; false for a malformed hash rather than throwing. */
  verify(hash: string, password: string): Promise<boolean> {
    return this.limited(async () => {
      try {
        return await this.fns.verify(hash, password);
      } catch {
        return false;
      }
    });
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) {
      this.running++;
    } else if (this.waiting.length >= this.maxQueue) {
      throw new UserError('The server is busy. Please try again in a moment.');
    } else {
      // The finishing task hands its slot straight to us, so `running` never overshoots.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
