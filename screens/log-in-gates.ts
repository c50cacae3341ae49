import type { Member } from '../src/services/accounts.js';
import type { Services } from '../src/services/index.js';
import type { ScreenFactory } from './context.js';
import { accountRestoredNotice } from './account-restored.js';
import { firstLogInGuidelines } from './guidelines-accept.js';
import { safetyAtLogIn } from './safety-at-log-in.js';
import { bulletinsAtLogIn } from './bulletins.js';

/**
 * One step a member passes between authenticating and the main menu (guidelines to accept,
 * a notice to read). Given the member, it returns the screen to show, or undefined when it
 * has nothing to ask; the screen calls `pass(member)` to go on (a declined step logs off
 * through the navigator instead).
 */
export type LogInGate = (member: Member, services: Services, pass: (member: Member) => void) => ScreenFactory | undefined;

/** A member created at the console has never seen the guidelines: they come first. */
const guidelinesAtFirstLogIn: LogInGate = (member, services, pass) =>
  services.accounts.mustAcceptGuidelines(member.id) ? firstLogInGuidelines({ member, onAccepted: pass }) : undefined;

/**
 * Logging in during the grace period after asking to delete the account restores it, at
 * once; the member is told so before anything else.
 */
const restoreAccountAtLogIn: LogInGate = (member, services, pass) => {
  const pending = services.accountDeletion.pending(member.id);
  if (!pending || !services.accountDeletion.restore(member.id)) return undefined;
  return accountRestoredNotice({ member, wasGoingAt: pending.goneAt, onContinue: pass });
};

/** The sysop's bulletins the member has not seen yet, once, after everything else. */
const unseenBulletins: LogInGate = (member, services, pass) => {
  const bulletins = services.bulletins.unseen(member.id);
  return bulletins.length ? bulletinsAtLogIn({ member, bulletins, onContinue: pass }) : undefined;
};

/** The gates in the order a member meets them; until the last is passed the member is neither online nor reachable. */
export const LOG_IN_GATES: LogInGate[] = [restoreAccountAtLogIn, guidelinesAtFirstLogIn, safetyAtLogIn, unseenBulletins];

/**
 * Runs the gates from `from` on: shows the first that has something to ask, and on passing it
 * the next; calls `arrive` once every gate has been passed.
 */
export function runLogInGates(
  member: Member,
  services: Services,
  show: (screen: ScreenFactory) => void,
  arrive: (member: Member) => void,
  gates: LogInGate[] = LOG_IN_GATES,
  from = 0,
): void {
  for (let i = from; i < gates.length; i++) {
    const screen = gates[i](member, services, (passed) => runLogInGates(passed, services, show, arrive, gates, i + 1));
    if (screen) return show(screen);
  }
  arrive(member);
}
