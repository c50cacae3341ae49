/** How much a member may say: `lines` in `seconds`, and how long a mute lasts. */
export interface FloodLimits {
  lines: number;
  seconds: number;
  muteSeconds: number;
}

/**
 * What happened to a batch of lines:
 * - ok: all sent;
 * - warned: a typed line over the rate was refused, with a warning;
 * - muted: a second one while the warning was fresh, so the member is muted;
 * - still-muted: the member is muted and nothing was sent;
 * - paste-cut: a paste was sent up to the limit and the rest refused (no warning: pasting is not flooding).
 */
export type FloodOutcome = 'ok' | 'warned' | 'muted' | 'still-muted' | 'paste-cut';

export interface FloodVerdict {
  outcome: FloodOutcome;
  allowed: number;
  refused: number;
  /** Set while the member is muted. */
  mutedUntil?: number;
  /** Whole seconds of the mute left. */
  mutedSeconds?: number;
}

interface MemberFlood {
  sent: number[];
  warnedAt?: number;
  mutedUntil?: number;
}

/**
 * Flood control for chat: a sliding window of lines per member (not per session, so two
 * connections do not double the rate), a warning, then a mute.
 */
export class FloodControl {
  private readonly members = new Map<number, MemberFlood>();

  constructor(
    private readonly limits: () => FloodLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Asks to send `count` lines at once (a paste is several); returns how many may go. */
  admit(memberId: number, count: number): FloodVerdict {
    if (count <= 0) return { outcome: 'ok', allowed: 0, refused: 0 };
    const { lines, seconds, muteSeconds } = this.limits();
    const t = this.now();
    const state = this.members.get(memberId) ?? { sent: [] };
    this.members.set(memberId, state);
    if (state.mutedUntil !== undefined && state.mutedUntil > t) {
      const mutedSeconds = Math.ceil((state.mutedUntil - t) / 1000);
      return { outcome: 'still-muted', allowed: 0, refused: count, mutedUntil: state.mutedUntil, mutedSeconds };
    }
    state.mutedUntil = undefined;
    const windowStart = t - seconds * 1000;
    while (state.sent.length > 0 && state.sent[0]! <= windowStart) state.sent.shift();
    const room = Math.max(0, lines - state.sent.length);
    const allowed = Math.min(room, count);
    for (let i = 0; i < allowed; i++) state.sent.push(t);
    if (allowed === count) return { outcome: 'ok', allowed, refused: 0 };
    if (count > 1) return { outcome: 'paste-cut', allowed, refused: count - allowed };
    // A typed line over the limit: a warning first, a mute if it happens again soon after.
    if (state.warnedAt !== undefined && t - state.warnedAt < muteSeconds * 1000) {
      state.warnedAt = undefined;
      state.mutedUntil = t + muteSeconds * 1000;
      return { outcome: 'muted', allowed: 0, refused: 1, mutedUntil: state.mutedUntil, mutedSeconds: muteSeconds };
    }
    state.warnedAt = t;
    return { outcome: 'warned', allowed: 0, refused: 1 };
  }

  /** When the member's mute ends, if they are muted now. */
  mutedUntil(memberId: number): number | undefined {
    const until = this.members.get(memberId)?.mutedUntil;
    return until !== undefined && until > this.now() ? until : undefined;
  }

  /** Forgets members with nothing left to remember, so the map does not grow without bound. */
  prune(): void {
    const t = this.now();
    const { seconds, muteSeconds } = this.limits();
    for (const [id, s] of this.members) {
      const recent = s.sent.length > 0 && s.sent[s.sent.length - 1]! > t - seconds * 1000;
      const warned = s.warnedAt !== undefined && t - s.warnedAt < muteSeconds * 1000;
      const muted = s.mutedUntil !== undefined && s.mutedUntil > t;
      if (!recent && !warned && !muted) this.members.delete(id);
    }
  }
}
