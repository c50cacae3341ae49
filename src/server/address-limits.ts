/** Random early drop of connections that have not logged in, as sshd's MaxStartups start:rate:full. */
export interface StartupLimits {
  /** Below this many pending connections, every arrival is let in. */
  start: number;
  /** The chance (percent) of refusing an arrival at `start`, rising linearly to 100 at `full`. */
  rate: number;
  full: number;
}

/**
 * Counts connections that have not logged in yet, per address and overall. Addresses live
 * only in memory, never on disk: members' privacy is the product.
 */
export class PendingConnections {
  private readonly perAddress = new Map<string, number>();
  private total = 0;

  constructor(
    private maxPerAddress: number,
    private readonly startups: StartupLimits,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * Reserves a slot; returns the function that releases it (safe to call twice), or null when
   * refused. An arrival that took the slot of a connection just displaced skips the early drop.
   */
  acquire(address: string, displaced = false): (() => void) | null {
    const current = this.perAddress.get(address) ?? 0;
    if (current >= this.maxPerAddress || (!displaced && this.earlyDrop())) return null;
    this.perAddress.set(address, current + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const n = (this.perAddress.get(address) ?? 1) - 1;
      if (n <= 0) this.perAddress.delete(address);
      else this.perAddress.set(address, n);
    };
  }

  /** A new cap per address, for arrivals from now on (a SIGHUP). */
  setMaxPerAddress(n: number): void {
    this.maxPerAddress = n;
  }

  get size(): number {
    return this.total;
  }

  private earlyDrop(): boolean {
    const { start, rate, full } = this.startups;
    if (this.total >= full) return true;
    if (this.total < start) return false;
    const chance = rate + ((100 - rate) * (this.total - start)) / Math.max(1, full - start);
    return this.random() * 100 < chance;
  }
}
