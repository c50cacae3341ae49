/** How many logged-in connections one address, one member, and sign-ups may hold. */
export interface SessionCapLimits {
  /** Generous: a clinic or a library behind one NAT joins a meeting at the same minute. */
  perAddress: number;
  perMember: number;
  /** Sign-ups need no password, so they get their own, smaller share. */
  signupsPerAddress: number;
  signupsTotal: number;
}

export const DEFAULT_SESSION_CAPS: SessionCapLimits = {
  perAddress: 50,
  perMember: 10,
  signupsPerAddress: 5,
  signupsTotal: 100,
};

export interface Admitted {
  release(): void;
  /** The newcomer finished sign-up: the session no longer counts as a sign-up. */
  joined(): void;
}

export type Admission = Admitted | { refusal: string };

/**
 * Counts logged-in connections (from log-in to close) by address, by member and for sign-up.
 * Addresses are held in memory only, and only while a connection from them is open.
 */
export class SessionCaps {
  private readonly byAddress = new Map<string, number>();
  private readonly byMember = new Map<number, number>();
  private readonly signupsByAddress = new Map<string, number>();
  private signups = 0;

  constructor(private limits: SessionCapLimits = DEFAULT_SESSION_CAPS) {}

  /** New caps for the arrivals from now on (a SIGHUP); sessions already open stay. */
  setLimits(limits: SessionCapLimits): void {
    this.limits = limits;
  }

  admit(address: string, memberId: number | undefined): Admission {
    if ((this.byAddress.get(address) ?? 0) >= this.limits.perAddress) {
      return { refusal: 'Too many sessions are open from your network just now. Please try again later.' };
    }
    if (memberId !== undefined && (this.byMember.get(memberId) ?? 0) >= this.limits.perMember) {
      return { refusal: `You already have ${this.limits.perMember} sessions open. Please close one and try again.` };
    }
    if (memberId === undefined) {
      if ((this.signupsByAddress.get(address) ?? 0) >= this.limits.signupsPerAddress || this.signups >= this.limits.signupsTotal) {
        return { refusal: 'Too many people are signing up just now. Please try again in a few minutes.' };
      }
      bump(this.signupsByAddress, address, 1);
      this.signups++;
    }
    bump(this.byAddress, address, 1);
    if (memberId !== undefined) bump(this.byMember, memberId, 1);
    let released = false;
    let signingUp = memberId === undefined;
    const leaveSignups = () => {
      if (!signingUp) return;
      signingUp = false;
      bump(this.signupsByAddress, address, -1);
      this.signups--;
    };
    return {
      release: () => {
        if (released) return;
        released = true;
        bump(this.byAddress, address, -1);
        if (memberId !== undefined) bump(this.byMember, memberId, -1);
        leaveSignups();
      },
      joined: leaveSignups,
    };
  }
}

function bump<K>(map: Map<K, number>, key: K, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n <= 0) map.delete(key);
  else map.set(key, n);
}
