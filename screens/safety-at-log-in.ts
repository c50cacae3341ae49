import { breakReminderAtLogIn } from './break-reminder.js';
import { changedTextsAtLogIn } from './changed-texts.js';
import type { LogInGate } from './log-in-gates.js';

/**
 * The member's own safety at log-in, as one gate: a break they chose is recalled first (they
 * may rather leave), then the guidelines or disclaimer changed since they accepted them.
 */
export const safetyAtLogIn: LogInGate = (member, services, pass) => {
  const changed = changedTextsAtLogIn(member, services, pass);
  return breakReminderAtLogIn(member, services, pass, changed) ?? changed;
};
