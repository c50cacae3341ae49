import { createHmac, randomBytes } from 'node:crypto';

/** What an address did that counts against it. Arrivals never count: only failures and abuse. */
export type PenaltyReason = 'authFailure' | 'graceOverrun' | 'refusedRequest';

const WEIGHT: Record<PenaltyReason, number> = { authFailure: 1, graceOverrun: 2, refusedRequest: 2 };

export interface PenaltyLimits {
  /** An address whose score reaches this is refused before the SSH handshake. */
  refuseAt: number;
  /** The score halves this often, so a penalty fades unless the abuse goes on. */
  halfLifeMs: number;
  /** No score grows past this, so the longest refusal is bounded (log2(max/refuseAt) half-lives). */
  maxScore: number;
  /** Addresses remembered at most; the least recently seen is forgotten first. */
  maxSources: number;
}

export const DEFAULT_PENALTY_LIMITS: PenaltyLimits = {
  refuseAt: 12,
  halfLifeMs: 2 * 60_000,
  maxScore: 200,
  maxSources: 10_000,
};

interface Source {
  score: number;
  at: number;
  counts: Record<PenaltyReason | 'refused', number>;
}

/** One penalised source as the sysop sees it: a keyed hash, never the address. */
export interface PenalisedSource {
  source: string;
  score: number;
  refusing: boolean;
  authFailures: number;
  graceOverruns: number;
  refusedRequests: number;
  connectionsRefused: number;
}

/**
 * Per-source penalties in the spirit of OpenSSH's PerSourcePenalties: failures, log-in
 * deadlines overrun and refused requests raise an address's score, which decays; at the
 * threshold the address is refused before a word of SSH. Held in memory only and bounded.
 */
export class SourcePenalties {
  private readonly sources = new Map<string, Source>();
  /** Hashes shown to the sysop are keyed per process: an IPv4 address could be recovered from a plain hash. */
  private readonly hashKey = randomBytes(32);

  constructor(
    private limits: PenaltyLimits = DEFAULT_PENALTY_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** New limits from now on (a SIGHUP); scores already counted stay. */
  setLimits(limits: PenaltyLimits): void {
    this.limits = limits;
  }

  add(address: string, reason: PenaltyReason): void {
    const source = this.touch(address, true)!;
    source.score = Math.min(this.limits.maxScore, source.score + WEIGHT[reason]);
    source.counts[reason]++;
  }

  /** True when the address must be refused now (counted, so the sysop sees refusals). */
  refuses(address: string): boolean {
    const source = this.touch(address, false);
    if (!source || source.score < this.limits.refuseAt) return false;
    source.counts.refused++;
    return true;
  }

  /** True when the address has failed or misbehaved lately (any score left): its hashing waits behind others'. */
  suspect(address: string): boolean {
    const source = this.touch(address, false);
    return source !== undefined && source.score >= 0.5;
  }

  get size(): number {
    return this.sources.size;
  }

  /** Sources with any score left, highest first. */
  snapshot(): PenalisedSource[] {
    const rows: PenalisedSource[] = [];
    for (const [address, source] of this.sources) {
      this.decay(source);
      if (source.score < 0.5) continue;
      rows.push({
        source: createHmac('sha256', this.hashKey).update(address).digest('hex').slice(0, 12),
        score: Math.round(source.score * 10) / 10,
        refusing: source.score >= this.limits.refuseAt,
        authFailures: source.counts.authFailure,
        graceOverruns: source.counts.graceOverrun,
        refusedRequests: source.counts.refusedRequest,
        connectionsRefused: source.counts.refused,
      });
    }
    return rows.sort((a, b) => b.score - a.score);
  }

  private touch(address: string, create: boolean): Source | undefined {
    let source = this.sources.get(address);
    if (source) {
      this.decay(source);
      // Re-inserting keeps the map in least-recently-seen order.
      this.sources.delete(address);
    } else if (create) {
      source = { score: 0, at: this.now(), counts: { authFailure: 0, graceOverrun: 0, refusedRequest: 0, refused: 0 } };
    } else {
      return undefined;
    }
    if (source.score < 0.01 && !create) return undefined;
    this.sources.set(address, source);
    while (this.sources.size > this.limits.maxSources) this.sources.delete(this.sources.keys().next().value!);
    return source;
  }

  private decay(source: Source): void {
    const now = this.now();
    source.score *= Math.pow(0.5, (now - source.at) / this.limits.halfLifeMs);
    source.at = now;
  }
}

/**
 * Slows password guessing against one name: after a few free failures each further wrong
 * password is answered only after a delay that doubles (to a ceiling) and fades as failures
 * decay. A right password is never delayed, so the member gets in; keys are not touched.
 */
export class NameThrottle {
  private readonly names = new Map<string, { score: number; at: number }>();

  constructor(
    private readonly limits: { freeFailures: number; baseDelayMs: number; maxDelayMs: number; halfLifeMs: number; maxNames: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a failure for the name; returns how long to hold the "wrong password" answer. */
  failed(name: string): number {
    const key = name.toLowerCase();
    const now = this.now();
    const entry = this.names.get(key) ?? { score: 0, at: now };
    entry.score = entry.score * Math.pow(0.5, (now - entry.at) / this.limits.halfLifeMs) + 1;
    entry.at = now;
    this.names.delete(key);
    this.names.set(key, entry);
    while (this.names.size > this.limits.maxNames) this.names.delete(this.names.keys().next().value!);
    const over = entry.score - this.limits.freeFailures;
    if (over <= 0) return 0;
    return Math.min(this.limits.maxDelayMs, this.limits.baseDelayMs * Math.pow(2, over - 1));
  }
}
