import blessed from 'blessed';
import { escapeTags, truncateToWidth, wrapText } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { createMenu, type MenuItem } from './widgets/menu.js';
import { resourcesScreen } from './resources.js';
import { helpScreen } from './help.js';
import { whoScreen } from './who.js';
import { settingsScreen } from './settings.js';
import { mailboxScreen } from './mailbox.js';
import { staffDesk } from './staff-desk.js';
import { boardList } from './board-list.js';
import { openNextUnread } from './newscan.js';
import { chatRoomsScreen } from './chat-rooms.js';
import { confirmLogOff } from './log-off.js';
import { bulletinList } from './bulletins.js';
import { listSelection } from './blessed-internals.js';

/** The entries of the main menu; a feature adds its line here. `restore` gives the menu the keyboard back after a question. */
export function mainMenuItems(ctx: ScreenContext, restore: () => void = () => {}): MenuItem[] {
  const open = (f: ScreenFactory) => () => ctx.nav.push(f);
  return [
    { key: 'B', label: 'Boards', description: 'Support groups: read and post', action: open(boardList) },
    { key: 'N', label: 'New posts', description: 'Read what is new since your last call', action: () => openNextUnread(ctx) },
    { key: 'M', label: 'Mail', description: 'Private messages', action: open(mailboxScreen) },
    { key: 'C', label: 'Chat', description: 'Live rooms, open 24 hours', action: open(chatRoomsScreen) },
    { key: 'W', label: "Who's online", description: 'Members connected now', action: open(whoScreen) },
    { key: 'U', label: 'Bulletins', description: 'Notices from the sysop', action: open(bulletinList) },
    { key: 'R', label: 'Resources', description: 'Crisis lines and the disclaimer', action: open(resourcesScreen) },
    { key: 'S', label: 'Settings', description: 'Time zone, look, blocked members, my reports', action: open(settingsScreen) },
    { key: '?', label: 'Help', description: `Keys and how ${ctx.services.bbsName} works`, action: open(helpScreen) },
    { key: 'G', label: 'Goodbye', description: 'Log off', action: () => confirmLogOff(ctx, restore) },
    // Staff only, and last, so it is the first hint the footer drops on a narrow window.
    ...(ctx.services.staff.isStaff(ctx.session.member)
      ? [{ key: '!', label: 'Staff desk', description: 'Moderation queue, held posts, reports, audit log', action: open(staffDesk) }]
      : []),
  ];
}

/** The classic footer line; the other entries are one look away in the menu itself. */
const FOOTER_KEYS = new Set(['B', 'M', 'C', 'W', 'R', '?', 'G']);

/** "Boards" under hotkey B reads "[B]oards" in the footer; others keep their label. */
function footerHint(item: MenuItem): { key: string; label: string } {
  const short = item.label.split(' ')[0].replace(/'s$/, '');
  return short[0]?.toUpperCase() === item.key ? { key: item.key, label: short.slice(1) } : { key: item.key, label: short };
}

/** The main menu: a greeting and the list of places to go. */
export const mainMenu: ScreenFactory = (ctx) => mainMenuAt(ctx, 0);

/**
 * Builds the main menu again at a selection. Made out here, so that what a hibernating session
 * keeps holds the number alone, and nothing of the screen it replaces.
 */
const mainMenuSelecting = (selected: number): ScreenFactory => (ctx) => mainMenuAt(ctx, selected);

/** The main menu with its `selected` line highlighted. */
function mainMenuAt(ctx: ScreenContext, selected: number): ScreenView {
  const name = ctx.session.member?.name ?? '';
  const greeting = blessed.box({ parent: ctx.body, top: 0, left: 1, width: '100%-2', height: 2, tags: true, wrap: false });
  const items = mainMenuItems(ctx, () => menu.focus());
  const menu = createMenu(ctx, { parent: ctx.body, top: 2, items, height: '100%-2' });
  // The sysop's welcome is shown whole, wrapped to the window, in up to half the body; the
  // menu keeps the rest. Only a welcome too long for that is cut, and says so with an ellipsis.
  const drawGreeting = () => {
    const width = Math.max(2, Number(greeting.width));
    const room = Math.max(1, Math.floor(Number(ctx.body.height) / 2) - 1);
    const text = ctx.services.texts.get('welcome');
    let lines = text ? wrapText(text, width) : [];
    if (lines.length > room) lines = [...lines.slice(0, room - 1), truncateToWidth(lines.slice(room - 1).join(' '), width)];
    const height = 1 + lines.length;
    greeting.height = height;
    menu.list.top = height;
    menu.list.height = `100%-${height}`;
    greeting.setContent([`Welcome, {bold}${escapeTags(name)}{/bold}.`, ...lines.map(escapeTags)].join('\n'));
  };
  drawGreeting();
  if (selected > 0) menu.list.select(selected);
  ctx.screen.on('resize', drawGreeting);
  return {
    title: 'Main menu',
    place: 'Main menu',
    hints: items.filter((i) => FOOTER_KEYS.has(i.key)).map(footerHint),
    focus: () => menu.focus(),
    // Nothing on the main menu changes by itself: it is where an idle member usually sits.
    resume: () => mainMenuSelecting(listSelection(menu.list)),
    dispose() {
      ctx.screen.removeListener('resize', drawGreeting);
      menu.destroy();
      greeting.destroy();
    },
  };
}
