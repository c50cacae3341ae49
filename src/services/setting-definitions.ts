import type { NumberSetting } from './bbs-settings.js';
import { ACCOUNT_SETTINGS } from './account-deletion.js';
import { CHAT_SETTINGS } from './chat.js';
import { MAIL_SETTINGS } from './mail.js';
import { REPORT_SETTINGS } from './report-reasons.js';
import { POSTING_SETTINGS } from './slow-mode.js';

/** Every sysop-configurable number kept in the database; a feature adds its own here. */
export const SETTING_DEFINITIONS: NumberSetting[] = [
  ...Object.values(MAIL_SETTINGS),
  ...Object.values(CHAT_SETTINGS),
  ...Object.values(REPORT_SETTINGS),
  ...Object.values(POSTING_SETTINGS),
  ...Object.values(ACCOUNT_SETTINGS),
];
