import type { ScreenFactory, ScreenView } from './context.js';
import { auditLogScreen } from './audit-log.js';
import { heldPostsScreen } from './held-posts.js';
import { moderationQueue } from './moderation-queue.js';
import { reportsScreen } from './reports.js';
import { createMenu, type MenuItem } from './widgets/menu.js';
import { statusScreen } from './status.js';

/** Where staff (sysops and board moderators) find their tools; a tool adds its line here. */
export function staffDeskItems(open: (f: ScreenFactory) => () => void, sysop = false): MenuItem[] {
  return [
    { key: 'Q', label: 'Moderation queue', description: 'Reported items, member at risk first: hide, dismiss, sanction', action: open(moderationQueue) },
    { key: 'H', label: 'Held posts', description: 'Posts a watched word holds for your approval', action: open(heldPostsScreen) },
    { key: 'R', label: 'All reports', description: 'Every report one by one, open or closed', action: open(reportsScreen) },
    { key: 'A', label: 'Audit log', description: 'Every staff action, newest first', action: open(auditLogScreen) },
    // Server-wide figures are the sysop's: moderators see their boards, not the whole BBS.
    ...(sysop ? [{ key: 'S', label: 'Status', description: 'Who is online, today\'s counts, the server, activity charts', action: open(statusScreen) }] : []),
  ];
}

/** The staff desk: a menu of the moderation tools. */
export const staffDesk: ScreenFactory = (ctx): ScreenView => {
  const items = staffDeskItems((f) => () => ctx.nav.push(f), ctx.session.member?.role === 'sysop');
  const menu = createMenu(ctx, { parent: ctx.body, top: 0, items, height: '100%', onBack: () => ctx.nav.pop() });
  return {
    title: 'Staff desk',
    place: 'Staff desk',
    hints: [...items.map((i) => ({ key: i.key, label: ` ${i.label}` })), { key: 'Esc', label: ' Back' }],
    focus: () => menu.focus(),
    dispose: () => menu.destroy(),
  };
};
