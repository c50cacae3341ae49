import blessed from 'blessed';
import type { OnlineMember } from '../src/services/presence.js';
import { escapeTags, padToWidth } from '../src/text/index.js';
import type { ScreenFactory, ScreenView } from './context.js';
import { openChatRoom } from './chat-room.js';
import { openSanctionMenu } from './sanction-menu.js';
import { attempt } from './widgets/attempt.js';
import { createList, selectedIndex } from './widgets/list.js';
import { createScope } from './widgets/scope.js';

/** Formats an idle time coarsely: "now", "4m", "2h". */
export function idleText(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'now';
  if (minutes < 60) return `${minutes}m`;
  return `${Math.floor(minutes / 60)}h`;
}

/** Who's online: names, coarse places and idle times, live as members come and go. */
export const whoScreen: ScreenFactory = (ctx): ScreenView => {
  const scope = createScope(ctx);
  // The column titles sit above the list, so the highlight can never rest on them.
  const titles = scope.widget(blessed.box({ parent: ctx.body, top: 0, left: 0, width: '100%', height: 1, tags: true, wrap: false }));
  const list = scope.widget(createList(ctx, { top: 1, height: '100%-1', plainItems: true }));
  let shown: OnlineMember[] = [];
  const fill = () => {
    // The highlight follows the member it was on, whoever else comes, goes or moves meanwhile.
    const before = shown[selectedIndex(list)]?.memberId;
    const width = Math.max(20, Number(list.width));
    const nameW = 17;
    const idleW = 6;
    const placeW = Math.max(4, width - nameW - idleW - 2);
    const now = Date.now();
    shown = ctx.services.presence.visible();
    const rows = shown.map((m) =>
      escapeTags(padToWidth(' ' + m.name, nameW) + padToWidth(m.place, placeW) + padToWidth(idleText(now - m.lastActive), idleW)),
    );
    titles.setContent(`{bold}${escapeTags(padToWidth(' Name', nameW) + padToWidth('Where', placeW) + padToWidth('Idle', idleW))}{/bold}`);
    list.setItems(rows);
    const kept = shown.findIndex((m) => m.memberId === before);
    list.select(kept >= 0 ? kept : Math.max(0, Math.min(selectedIndex(list), shown.length - 1)));
  };
  fill();
  scope.onHub('presence:changed', () => {
    fill();
    ctx.screen.render();
  });
  scope.onScreen('resize', () => fill());
  list.key(['escape', 'left', 'q'], () => ctx.nav.pop());
  // P pages the member under the cursor to the Lobby, and takes the pager there.
  list.key(['p', 'S-p'], () => {
    const target = shown[selectedIndex(list)];
    if (!target) return;
    attempt(ctx, () => {
      const lobby = ctx.services.chatRooms.lobby();
      ctx.services.chat.page(ctx.session.member!, target.name, lobby.id);
      openChatRoom(ctx, lobby.id);
      ctx.status(`${target.name} has been paged to the ${lobby.name}.`);
    });
  });
  // Staff: Enter or M opens the sanction menu for the member under the cursor, with the chat
  // room they are in (where a moderator of its board may mute them).
  const isStaff = ctx.services.staff.isStaff(ctx.session.member);
  const moderate = () => {
    const target = shown[selectedIndex(list)];
    if (!isStaff || !target) return;
    const roomId = ctx.services.chat.roomOf(target.sessionId);
    openSanctionMenu(ctx, {
      memberId: target.memberId,
      memberName: target.name,
      ...(roomId === undefined ? {} : { roomId }),
      restore: () => list.focus(),
    });
  };
  list.on('select', () => moderate());
  list.key(['m', 'S-m'], () => moderate());
  return {
    title: "Who's online",
    place: "Who's online",
    hints: [
      { key: 'P', label: 'age to chat' },
      ...(isStaff ? [{ key: 'M', label: 'oderate' }] : []),
      { key: 'Esc', label: ' Back' },
    ],
    focus: () => {
      fill();
      list.focus();
    },
    dispose: () => scope.dispose(),
  };
};
