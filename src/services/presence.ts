import type { Hub } from '../hub.js';

/** Where a member is, in coarse terms others may see. */
export type Place = string;

export interface OnlineMember {
  sessionId: number;
  memberId: number;
  name: string;
  place: Place;
  since: number;
  lastActive: number;
  invisible: boolean;
}

/** Who is connected right now. In memory only: presence is the present, not a record. */
export class Presence {
  private readonly sessions = new Map<number, OnlineMember>();
  /** Visible sessions per member, kept as sessions come, go and hide: the count is read often. */
  private readonly visibleSessions = new Map<number, number>();
  private nextId = 1;

  constructor(
    private readonly hub: Hub,
    private readonly now: () => number = Date.now,
  ) {}

  /** Registers a logged-in session and returns its id. */
  join(memberId: number, name: string, invisible = false): number {
    const sessionId = this.nextId++;
    const t = this.now();
    this.sessions.set(sessionId, { sessionId, memberId, name, place: 'Main menu', since: t, lastActive: t, invisible });
    if (!invisible) this.countVisible(memberId, +1);
    this.hub.emit('presence:changed', { memberId });
    return sessionId;
  }

  leave(sessionId: number): void {
    const s = this.sessions.get(sessionId);
    if (!s) return;
    this.sessions.delete(sessionId);
    if (!s.invisible) this.countVisible(s.memberId, -1);
    this.hub.emit('presence:changed', { memberId: s.memberId });
  }

  setPlace(sessionId: number, place: Place): void {
    const s = this.sessions.get(sessionId);
    if (!s || s.place === place) return;
    s.place = place;
    this.hub.emit('presence:changed', { memberId: s.memberId });
  }

  /** Hides every session of a member from Who's online, or shows them again. */
  setInvisible(memberId: number, invisible: boolean): void {
    let changed = false;
    for (const s of this.sessions.values()) {
      if (s.memberId !== memberId || s.invisible === invisible) continue;
      s.invisible = invisible;
      this.countVisible(memberId, invisible ? -1 : +1);
      changed = true;
    }
    if (changed) this.hub.emit('presence:changed', { memberId });
  }

  /** Notes a keystroke; cheap, and announces nothing (idle times are read when shown). */
  touch(sessionId: number): void {
    const s = this.sessions.get(sessionId);
    if (s) s.lastActive = this.now();
  }

  /** Every session, invisible ones too (for the sysop's console), oldest first. */
  allSessions(): OnlineMember[] {
    return [...this.sessions.values()].map((s) => ({ ...s }));
  }

  /** Members others can see, one row per member (their most recently active session). */
  visible(): OnlineMember[] {
    const byMember = new Map<number, OnlineMember>();
    for (const s of this.sessions.values()) {
      if (s.invisible) continue;
      const prev = byMember.get(s.memberId);
      if (!prev || s.lastActive > prev.lastActive) byMember.set(s.memberId, s);
    }
    return [...byMember.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** How many members others can see online. */
  visibleCount(): number {
    return this.visibleSessions.size;
  }

  private countVisible(memberId: number, by: 1 | -1): void {
    const n = (this.visibleSessions.get(memberId) ?? 0) + by;
    if (n > 0) this.visibleSessions.set(memberId, n);
    else this.visibleSessions.delete(memberId);
  }
}
