/**
 * A token bucket on a session's input. A textbox re-renders per keypress, so an unbounded
 * paste blocks the event loop for everyone (hazard 4); bytes past the bucket are dropped and
 * counted so the member can be told what was cut.
 */
export class InputGate {
  private tokens: number;
  private last: number;

  constructor(
    private readonly burstBytes = 8 * 1024,
    private readonly bytesPerSecond = 2 * 1024,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burstBytes;
    this.last = now();
  }

  /** Returns the part of `chunk` allowed through (cut on a UTF-8 character boundary) and the dropped byte count. */
  admit(chunk: Buffer): { pass: Buffer; dropped: number } {
    const t = this.now();
    this.tokens = Math.min(this.burstBytes, this.tokens + ((t - this.last) / 1000) * this.bytesPerSecond);
    this.last = t;
    if (chunk.length <= this.tokens) {
      this.tokens -= chunk.length;
      return { pass: chunk, dropped: 0 };
    }
    let n = Math.max(0, Math.floor(this.tokens));
    // Never cut inside a multi-byte UTF-8 character: back up over continuation bytes.
    while (n > 0 && n < chunk.length && (chunk[n] & 0xc0) === 0x80) n--;
    this.tokens -= n;
    return { pass: chunk.subarray(0, n), dropped: chunk.length - n };
  }
}
