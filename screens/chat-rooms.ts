import blessed from 'blessed';
import { formatDayTime } from '../src/services/meeting-time.js';
import type { ChatRoom } from '../src/services/chat-rooms.js';
import { escapeTags, padToWidth, truncateToWidth } from '../src/text/index.js';
import type { ScreenFactory, ScreenView } from './context.js';
import { chatRoomScreen } from './chat-room.js';
import { throttle } from './widgets/throttle.js';
import { attempt } from './widgets/attempt.js';
import { barOverFirstField, selectedIndex } from './widgets/list.js';

/** Chat: the rooms, how many are in each, and when each room's next meeting is in the member's time. */
export const chatRoomsScreen: ScreenFactory = (ctx): ScreenView => {
  const { chat, chatRooms, meetings } = ctx.services;
  const me = ctx.session.member!;
  const intro = blessed.box({ parent: ctx.body, top: 0, left: 1, width: '100%-2', height: 2, content: 'Choose a room and press Enter. Rooms are open around the clock.' });
  const list = blessed.list({
    parent: ctx.body,
    top: 2,
    left: 0,
    width: '100%',
    height: '100%-2',
    keys: true,
    vi: true,
    tags: true,
    style: { selected: {} },
    items: [],
  });
  barOverFirstField(list, ctx);
  let rooms: ChatRoom[] = [];

  const describe = (room: ChatRoom): string => {
    const occ = meetings.occurrence(room.id);
    if (occ?.running) return 'Meeting time now';
    const state = meetings.state(room.id);
    if (state.inProgress) return 'Meeting in progress';
    if (occ) return `Next meeting ${formatDayTime(occ.start, me.timeZone)}`;
    return room.topic;
  };

  const fill = () => {
    const selected = selectedIndex(list) ?? 0;
    rooms = chatRooms.list();
    const width = Math.max(20, Number(list.width));
    const nameW = Math.min(24, Math.max(10, Math.floor(width / 3)));
    const countW = 9;
    // A cut is marked with an ellipsis where the terminal draws one, with a dot where it cannot.
    const cut = (s: string, w: number) => padToWidth(truncateToWidth(s, w, ctx.session.terminal.profile.unicode ? '…' : '.'), w);
    list.setItems(
      rooms.map((r) => {
        const n = chat.countIn(r.id);
        const line = ' ' + cut(r.name, nameW - 2) + ' ' + cut(`${n} here`, countW) + describe(r);
        return escapeTags(cut(line, width));
      }),
    );
    list.select(Math.min(selected, Math.max(0, rooms.length - 1)));
  };
  fill();

  // Only while this list is the screen in front; focus() fills it again on the way back.
  const refresh = throttle(() => {
    if (ctx.screen.focused !== list) return;
    attempt(ctx, fill);
    ctx.render();
  }, 1000);
  const offs = [
    ctx.services.hub.on('chat:occupancy', () => refresh()),
    ctx.services.hub.on('chat:rooms-changed', () => refresh()),
    ctx.services.hub.on('chat:meeting', () => refresh()),
    refresh.cancel,
  ];

  list.on('select', (_item: unknown, index: number) =>
    attempt(ctx, () => {
      const room = rooms[index];
      if (room) ctx.nav.push(chatRoomScreen(room.id));
    }),
  );
  list.key(['escape', 'left'], () => ctx.nav.pop());
  const onResize = () => attempt(ctx, fill);
  ctx.screen.on('resize', onResize);

  return {
    title: 'Chat',
    place: 'Chat',
    hints: [
      { key: 'Enter', label: ' Join' },
      { key: 'Esc', label: ' Back' },
    ],
    focus: () => {
      fill();
      list.focus();
    },
    dispose() {
      for (const off of offs) off();
      ctx.screen.removeListener('resize', onResize);
      list.destroy();
      intro.destroy();
    },
  };
};
