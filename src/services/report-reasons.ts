import { UserError } from '../errors.js';
import { cleanLine } from '../text/index.js';
import type { NumberSetting } from './bbs-settings.js';

/** Why a member reports something: one of a short list, the same on every surface. */
export type ReportCategory = 'harmful' | 'harassment' | 'spam' | 'at-risk' | 'other';

export interface ReportReason {
  category: ReportCategory;
  /** What the member picks from, short enough for a 40-column window. */
  label: string;
}

/** The reasons in the order a member is offered them. */
export const REPORT_REASONS: readonly ReportReason[] = [
  { category: 'harmful', label: 'Harmful or unsafe advice' },
  { category: 'harassment', label: 'Harassment' },
  { category: 'spam', label: 'Spam' },
  { category: 'at-risk', label: 'Member may be at risk' },
  { category: 'other', label: 'Something else' },
];

export const REASON_MAX = 500;

/** The label of a category, as members and staff read it. */
export function reasonLabel(category: ReportCategory): string {
  return REPORT_REASONS.find((r) => r.category === category)?.label ?? category;
}

export function isReportCategory(s: string): s is ReportCategory {
  return REPORT_REASONS.some((r) => r.category === s);
}

/**
 * A member's choice, checked: a known category, and the member's own words cleaned. Words
 * are needed only for 'other' (nothing else says what is wrong); for the rest they are optional.
 */
export function checkReason(choice: { category: string; reason?: string }): { category: ReportCategory; reason: string } {
  if (!isReportCategory(choice.category)) throw new UserError('Please pick one of the reasons on the list.');
  const reason = cleanLine(choice.reason ?? '', REASON_MAX);
  if (choice.category === 'other' && !reason) {
    throw new UserError('Please say in a few words what is wrong, so a moderator knows what to look for.');
  }
  return { category: choice.category, reason };
}

/** The sysop's settings for reports (`haven sysop config set reports.hide_at 5`). */
export const REPORT_SETTINGS = {
  hideAt: {
    key: 'reports.hide_at',
    fallback: 3,
    min: 0,
    max: 100,
    describe: 'Members whose reports of one post hide it until a moderator looks (new accounts count half; 0: never)',
  },
  newAccountHours: {
    key: 'reports.new_account_hours',
    fallback: 24,
    min: 0,
    max: 8760,
    describe: 'Hours after joining during which a member\'s report counts half toward hiding a post',
  },
} as const satisfies Record<string, NumberSetting>;

/** A report from an account younger than this counts this much toward hiding a post. */
export const NEW_ACCOUNT_WEIGHT = 0.5;
