import { isUserError } from '../src/errors.js';
import type { ScreenContext } from './context.js';
import { threadView } from './thread-view.js';

/**
 * "New since last call": opens the next unread post, starting in board `from.boardId` (or
 * the first board) and going on through the boards in order. Says so when all is read.
 */
export function openNextUnread(ctx: ScreenContext, from: { boardId?: number } = {}): void {
  try {
    const next = ctx.services.boards.nextUnread(ctx.session.member!, from);
    if (!next) {
      ctx.status('No unread posts left: you are all caught up.');
      return;
    }
    ctx.nav.push(threadView({ threadId: next.threadId, at: next.postId }));
  } catch (err) {
    if (!isUserError(err)) throw err;
    ctx.status(err.message, 'error');
  }
}
