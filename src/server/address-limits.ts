/**
 * Counts connections that have not logged in yet, per address and overall. Addresses live
 * only in memory, never on disk: members' privacy is the product.
 */
export class PendingConnections {
  private readonly perAddress = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly maxPerAddress: number,
    private readonly maxTotal: number,
  ) {}

  /** Reserves a slot; returns the function that releases it (safe to call twice), or null when full. */
  acquire(address: string): (() => void) | null {
    const current = this.perAddress.get(address) ?? 0;
    if (current >= this.maxPerAddress || this.total >= this.maxTotal) return null;
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

  get size(): number {
    return this.total;
  }
}
