import type { ScreenContext } from './context.js';
import { openChatRoom } from './chat-room.js';
import { attempt } from './widgets/attempt.js';

/**
 * Shows pages meant for this member as a notice they can act on from any screen, even
 * while typing: ^P takes them to the room, or they carry on and it goes away.
 */
export function watchPages(ctx: ScreenContext): () => void {
  const join = (roomId: number, roomName: string) =>
    attempt(ctx, () => {
      if (!ctx.services.chatRooms.get(roomId)) {
        ctx.status(`${roomName} has closed.`, 'error');
        return;
      }
      openChatRoom(ctx, roomId);
    });
  return ctx.services.hub.on('chat:page', (page) => {
    const me = ctx.session.member;
    if (!me || page.toMemberId !== me.id) return;
    attempt(ctx, () => {
      ctx.notify(`${page.fromName} would like to chat in ${page.roomName}.`, {
        key: 'C-p',
        keyLabel: '^P',
        label: 'join',
        action: () => join(page.roomId, page.roomName),
      });
    });
  });
}
