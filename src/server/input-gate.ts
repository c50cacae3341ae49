/**
 * A token bucket on a session's input. A textbox re-renders per keypress, so an unbounded
 * paste blocks the event loop for everyone (hazard 4); bytes past the bucket are dropped and
 * counted so the member can be told what was cut.
 */
export class InputGate {
  private tokens: number;
  private last: number;
  /** Bytes dropped since the current burst of drops began, and when the latest drop was. */
  private burstDropped = 0;
  private lastDropAt = -Infinity;

  constructor(
    private readonly burstBytes = 8 * 1024,
    private readonly bytesPerSecond = 2 * 1024,
    private readonly now: () => number = Date.now,
    /** Drops closer together than this belong to one burst (one paste arrives as many packets). */
    private readonly burstGapMs = 3000,
  ) {
    this.tokens = burstBytes;
    this.last = now();
  }

  /**
   * Returns the part of `chunk` allowed through (cut on a UTF-8 character boundary), the
   * dropped byte count, and how many were dropped in the whole burst this drop belongs to,
   * so the member is told the total a paste lost rather than its last packet's share.
   */
  admit(chunk: Buffer): { pass: Buffer; dropped: number; droppedInBurst: number } {
    const t = this.now();
    this.tokens = Math.min(this.burstBytes, this.tokens + ((t - this.last) / 1000) * this.bytesPerSecond);
    this.last = t;
    if (chunk.length <= this.tokens) {
      this.tokens -= chunk.length;
      return { pass: chunk, dropped: 0, droppedInBurst: 0 };
    }
    let n = Math.max(0, Math.floor(this.tokens));
    // Never cut inside a multi-byte UTF-8 character: back up over continuation bytes.
    while (n > 0 && n < chunk.length && (chunk[n] & 0xc0) === 0x80) n--;
    this.tokens -= n;
    const dropped = chunk.length - n;
    if (t - this.lastDropAt > this.burstGapMs) this.burstDropped = 0;
    this.burstDropped += dropped;
    this.lastDropAt = t;
    return { pass: chunk.subarray(0, n), dropped, droppedInBurst: this.burstDropped };
  }
}
