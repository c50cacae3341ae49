import type { Draft } from '../src/services/drafts.js';
import { BODY_MAX, HeldForReview, SUBJECT_MAX, WARNING_MAX, type Post, type ThreadInfo } from '../src/services/posts.js';
import { composeScreen, type ComposeField } from './compose.js';
import type { ScreenContext, ScreenFactory } from './context.js';
import { quoteOf } from './post-lines.js';

const PLACE = 'Boards';

/**
 * Sends a new post; a post a watched word held for review comes back as `held` (its text is
 * safe in the queue, so the editor closes) where a refusal (blocked, slow mode) stays a
 * UserError, which keeps the editor open with the text.
 */
function sendPost(send: () => void): { held: HeldForReview | undefined } {
  try {
    send();
    return { held: undefined };
  } catch (err) {
    if (err instanceof HeldForReview) return { held: err };
    throw err;
  }
}

/** Back from the editor with the sentence a held post's author reads. */
function heldNotice(ctx: ScreenContext, held: HeldForReview): void {
  ctx.nav.pop();
  ctx.status(held.message);
}

function warningField(value?: string | null): ComposeField {
  return { name: 'cw', label: 'CW (optional):', value: value ?? undefined, maxLength: WARNING_MAX, placeholder: 'e.g. suicide, pregnancy loss' };
}

/**
 * Writing a new thread in a board; `onPosted` runs after it is stored (the compose screen is
 * still on top). `resume`: a draft kept when a session ended, to carry on with.
 */
export function newThreadCompose(
  board: { id: number; name: string },
  onPosted: (ids: { threadId: number; postId: number }) => void,
  resume?: Draft,
): ScreenFactory {
  return (ctx) => {
    let ids = { threadId: 0, postId: 0 };
    let held: HeldForReview | undefined;
    return composeScreen({
      title: `New thread in ${board.name}`,
      place: PLACE,
      intro: 'A content warning folds your post until a reader opens it.',
      fields: [{ name: 'subject', label: 'Subject:', value: resume?.subject || undefined, maxLength: SUBJECT_MAX }, warningField(resume?.contentWarning || null)],
      body: resume?.body,
      bodyMaxLength: BODY_MAX,
      crisisCheck: 'post',
      draft: { target: () => ({ kind: 'thread', boardId: board.id }), resumed: resume?.id },
      onSend(values, body) {
        ({ held } = sendPost(() => {
          ids = ctx.services.boards.posts.startThread(ctx.session.member!, board.id, { subject: values.subject, contentWarning: values.cw, body });
        }));
      },
      onSent: () => (held ? heldNotice(ctx, held) : onPosted(ids)),
    })(ctx);
  };
}

/**
 * Replying to a thread, optionally quoting a post (whose content warning, if any, the reply
 * carries too, since the quote repeats the words it covered).
 */
export function replyCompose(thread: ThreadInfo, quote: Post | undefined, onPosted: (postId: number) => void, resume?: Draft): ScreenFactory {
  return (ctx) => {
    let postId = 0;
    let held: HeldForReview | undefined;
    return composeScreen({
      title: `Reply: ${thread.subject || 'thread'}`,
      place: PLACE,
      fields: [warningField(resume ? resume.contentWarning || null : quote?.contentWarning)],
      body: resume ? resume.body : quote ? quoteOf(quote) : undefined,
      bodyMaxLength: BODY_MAX,
      crisisCheck: 'post',
      focus: 'body',
      draft: { target: () => ({ kind: 'reply', threadId: thread.id }), resumed: resume?.id },
      onSend(values, body) {
        ({ held } = sendPost(() => {
          postId = ctx.services.boards.posts.reply(ctx.session.member!, thread.id, { contentWarning: values.cw, body });
        }));
      },
      onSent: () => (held ? heldNotice(ctx, held) : onPosted(postId)),
    })(ctx);
  };
}

/** The author edits a post: subject (first post only), warning and body. */
export function editCompose(post: Post, onSaved: () => void): ScreenFactory {
  return (ctx) => {
    const fields: ComposeField[] = [];
    if (post.subject !== null) fields.push({ name: 'subject', label: 'Subject:', value: post.subject, maxLength: SUBJECT_MAX });
    fields.push(warningField(post.contentWarning));
    return composeScreen({
      title: 'Edit your post',
      place: PLACE,
      fields,
      body: post.body,
      bodyMaxLength: BODY_MAX,
      crisisCheck: 'post',
      focus: 'body',
      onSend(values, body) {
        ctx.services.boards.posts.edit(ctx.session.member!, post.id, { subject: values.subject, contentWarning: values.cw, body });
      },
      onSent: onSaved,
    })(ctx);
  };
}
