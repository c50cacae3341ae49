import { AsyncLocalStorage } from 'node:async_hooks';
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

const lane = new AsyncLocalStorage<{ key: string; suspect: boolean }>();

/**
 * Runs `work` with every hash it asks for queued in the lane `key` (the server passes the
 * client's address). Lanes take turns, so one address's burst of guesses never starves
 * another's log-in; a `suspect` lane (its address failed lately) has a turn only when no
 * other lane waits, so guessing from many addresses slows the guessers, not the members.
 */
export function inHashLane<T>(key: string, work: () => T, suspect = false): T {
  return lane.run({ key, suspect }, work);
}

/**
 * Hashes and verifies passwords a few at a time. Each hash holds 19 MiB and a thread-pool
 * slot; without a bound, a burst of log-ins would exhaust memory and stall the pool.
 * Waiting work queues per lane (see `inHashLane`) and the lanes are served in turn.
 */
export class PasswordHasher {
  private running = 0;
  private waitingTotal = 0;
  /** Waiting work by lane. */
  private readonly lanes = new Map<string, Array<() => void>>();
  /** Lanes whose address failed lately: served after every other. */
  private readonly suspects = new Set<string>();
  /** When each lane last had a turn, so the one waiting longest since goes next. */
  private readonly served = new Map<string, number>();
  private turn = 0;

  constructor(
    private readonly concurrency = 2,
    /** Waiting work one lane may hold; more is refused as "busy" (never as a wrong password). */
    private readonly maxQueue = 32,
    private readonly fns: HashFunctions = ARGON2,
    private readonly maxWaitingTotal = 2000,
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
    const { key, suspect } = lane.getStore() ?? { key: '', suspect: false };
    if (this.running < this.concurrency) {
      this.running++;
      this.markServed(key);
    } else {
      const queue = this.lanes.get(key) ?? [];
      if (queue.length >= this.maxQueue || this.waitingTotal >= this.maxWaitingTotal) {
        throw new UserError('The server is busy. Please try again in a moment.');
      }
      // The finishing task hands its slot straight to us, so `running` never overshoots.
      await new Promise<void>((resolve) => {
        queue.push(resolve);
        this.lanes.set(key, queue);
        if (suspect) this.suspects.add(key);
        else this.suspects.delete(key);
        this.waitingTotal++;
      });
    }
    try {
      return await work();
    } finally {
      this.next();
    }
  }

  /**
   * Hands the slot to the waiting lane served longest ago (or never): lanes take turns, those
   * of addresses that failed lately only when no other waits.
   */
  private next(): void {
    let chosen: string | undefined;
    let oldest = Infinity;
    let chosenSuspect = true;
    for (const key of this.lanes.keys()) {
      const suspect = this.suspects.has(key);
      const served = this.served.get(key) ?? -1;
      if ((chosenSuspect && !suspect) || (suspect === chosenSuspect && served < oldest)) {
        oldest = served;
        chosen = key;
        chosenSuspect = suspect;
      }
    }
    if (chosen === undefined) {
      this.running--;
      return;
    }
    const queue = this.lanes.get(chosen)!;
    const resolve = queue.shift()!;
    if (!queue.length) {
      this.lanes.delete(chosen);
      this.suspects.delete(chosen);
    }
    this.waitingTotal--;
    this.markServed(chosen);
    resolve();
  }

  private markServed(key: string): void {
    this.served.delete(key);
    this.served.set(key, ++this.turn);
    // Only recent turns matter: a lane forgotten is simply served as if new.
    while (this.served.size > 4096) this.served.delete(this.served.keys().next().value!);
  }
}
