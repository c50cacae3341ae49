import { isUserError, UserError } from '../src/errors.js';
import type { Member } from '../src/services/accounts.js';
import type { Draft } from '../src/services/drafts.js';
import type { Services } from '../src/services/index.js';
import { escapeTags, formatDateTime, wrapText } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { newMailScreen } from './mail-compose.js';
import { newThreadCompose, replyCompose } from './post-compose.js';
import { questionPage } from './text-page.js';
import { threadView } from './thread-view.js';

/** Added to the last line a member reads when a session that ends kept what they were writing. */
export const DRAFT_KEPT = '\r\nWhat you were writing is saved: you will be offered it when you next log in.';

/**
 * The server is restarting: a countdown on the status line, once a second until the end,
 * which outlasts keystrokes so a member who is typing still sees it.
 */
export function watchDrain(services: Services, notify: (message: string) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const off = services.hub.on('server:draining', ({ endsAt }) => {
    clearInterval(timer);
    const tick = () => {
      const left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      notify(`${services.bbsName} restarts in ${left} s: what you are writing will be kept.`);
      if (left === 0) clearInterval(timer);
    };
    tick();
    timer = setInterval(tick, 1000);
    timer.unref();
  });
  return () => {
    off();
    clearInterval(timer);
  };
}

/** Opens the offer of the member's kept drafts over the main menu, when they have any. */
export function offerDrafts(ctx: ScreenContext, member: Member): void {
  const drafts = ctx.services.drafts.list(member.id);
  if (drafts.length > 0) ctx.nav.push(draftOffer(member, drafts.map((d) => d.id)));
}

/** Where a draft was going, in words: "a reply to "Sleep"", "a letter to robin". */
function describe(services: Services, member: Member, draft: Draft): string {
  const { target } = draft;
  try {
    if (target.kind === 'reply') return `reply to "${services.boards.posts.thread(member, target.threadId).subject || 'a thread'}"`;
    if (target.kind === 'thread') return `new thread${draft.subject ? ` "${draft.subject}"` : ''} in ${services.boards.get(member, target.boardId).name}`;
  } catch (err) {
    if (!isUserError(err)) throw err;
    return target.kind === 'reply' ? 'reply to a thread you can no longer see' : 'new thread on a board you can no longer see';
  }
  return `letter to ${target.to || 'someone'}${draft.subject ? `, "${draft.subject}"` : ''}`;
}

/**
 * The editor that carries on with a draft, at the place it was going; a UserError (with why)
 * when that place takes no more posts (the thread locked or gone, the board closed to them).
 */
function resumeScreen(ctx: ScreenContext, member: Member, draft: Draft): ScreenFactory {
  const { target } = draft;
  const { services } = ctx;
  if (target.kind === 'mail') return newMailScreen({ resume: draft });
  if (target.kind === 'reply') {
    const thread = services.boards.posts.thread(member, target.threadId);
    if (!thread.canReply) throw new UserError(thread.locked ? 'That thread is locked now: it takes no replies.' : 'That thread takes no replies now.');
    return replyCompose(thread, undefined, (postId) => ctx.nav.replace(threadView({ threadId: thread.id, at: postId })), draft);
  }
  const board = services.boards.get(member, target.boardId);
  if (!board.canPost) throw new UserError(`${board.name} takes no new threads from you now.`);
  return newThreadCompose(board, (ids) => ctx.nav.replace(threadView({ threadId: ids.threadId, at: ids.postId })), draft);
}

/**
 * "You have an unfinished reply to …": one kept draft at a time, its words below, and
 * R resume (the same editor, at the same place), D discard, L later (kept for next time).
 * A draft whose place is closed now stays readable here, to copy.
 */
function draftOffer(member: Member, ids: number[]): ScreenFactory {
  return (ctx): ScreenView => {
    const { services } = ctx;
    let index = 0;
    const current = () => services.drafts.get(member.id, ids[index]!);
    const page = (width: number) => {
      const draft = current();
      if (!draft) return '';
      const head = `You have an unfinished ${describe(services, member, draft)}, kept ${formatDateTime(draft.savedAt, member.timeZone)}.`;
      const lines = [...wrapText(head, width).map((l) => `{bold}${escapeTags(l)}{/bold}`), ''];
      if (draft.contentWarning) lines.push(...wrapText(`CW: ${draft.contentWarning}`, width).map(escapeTags));
      for (const line of draft.body.split('\n')) lines.push(...wrapText(line, width).map(escapeTags));
      return lines.join('\n');
    };
    const { view, dispose } = questionPage(ctx, { page, question: 'R resume, D discard, L later' });
    const redraw = () => {
      view.setContent(page(Math.max(2, Number(view.width) - 2)));
      view.setScroll(0);
      ctx.render();
    };
    const next = (said: string) => {
      index++;
      while (index < ids.length && !current()) index++;
      if (index < ids.length) {
        ctx.status(said);
        redraw();
        return;
      }
      ctx.nav.pop();
      ctx.status(said);
    };
    view.on('keypress', (ch: string | undefined, key: { name?: string }) => {
      const letter = ch?.toLowerCase();
      const draft = current();
      if (!draft) return ctx.nav.pop();
      if (letter === 'r') {
        try {
          ctx.nav.replace(resumeScreen(ctx, member, draft));
        } catch (err) {
          if (!isUserError(err)) throw err;
          ctx.status(`${err.message} Your words are shown here to copy: D discards them, L keeps them for later.`, 'error');
        }
      } else if (letter === 'd') {
        services.drafts.remove(member.id, draft.id);
        next('Draft discarded.');
      } else if (letter === 'l' || key.name === 'escape') {
        next('Kept: it is offered again at your next log-in.');
      }
    });
    return {
      title: 'Unfinished writing',
      hints: [
        { key: 'R', label: 'esume' },
        { key: 'D', label: 'iscard' },
        { key: 'L', label: 'ater' },
        { key: 'Space', label: ' More' },
      ],
      focus: () => view.focus(),
      dispose,
    };
  };
}
