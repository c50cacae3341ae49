import { SUBJECT_MAX, type Post, type ThreadInfo } from '../src/services/posts.js';
import { MODERATION_REASON_MAX } from '../src/services/content-moderation.js';
import type { Box, ScreenContext } from './context.js';
import { askChoice, askPick } from './widgets/ask-choice.js';
import { askLine } from './widgets/ask-line.js';
import { attempt } from './widgets/attempt.js';
import { openSanctionMenu } from './sanction-menu.js';

/** The reasons members report for, offered as one-key reasons for hiding a post. */
export const HIDE_REASONS = ['Harmful or unsafe advice', 'Harassment', 'Spam'] as const;

/**
 * Asks why a post is hidden: one key for a listed reason, or 4 and a typed one. Members read
 * the reason, so it is never left empty.
 */
export function askHideReason(
  ctx: ScreenContext,
  opts: { parent: Box; title: string; subtitle: string; restore(): void; onReason(reason: string): void },
): void {
  askChoice(ctx, {
    parent: opts.parent,
    title: opts.title,
    subtitle: opts.subtitle,
    choices: [...HIDE_REASONS.map((label, i) => ({ key: String(i + 1), label })), { key: '4', label: 'Other: type a reason' }],
    restore: opts.restore,
    onChoose(key) {
      if (key !== '4') return opts.onReason(HIDE_REASONS[Number(key) - 1]);
      askLine(ctx, {
        question: 'Why hide it? (members read this)',
        maxLength: MODERATION_REASON_MAX,
        restore: opts.restore,
        onAnswer: (r) => r.trim() && opts.onReason(r.trim()),
      });
    },
  });
}

/**
 * The staff's menu in a thread, on the post under the cursor: hide or restore it, lock, pin,
 * move the thread, edit its subject. Hiding with a listed reason is three keys (M, H, 1).
 * The screen shows what changed when the service announces it; the services check the role.
 */
export function openModerateMenu(ctx: ScreenContext, opts: {
    parent: Box;
    thread: ThreadInfo;
    post: Post | undefined;
    /** The post's place in the thread, as its header shows it (#3). */
    position: number;
    restore(): void;
    changed(): void;
  },): void {
  const member = ctx.session.member!;
  const { moderation, boards } = ctx.services;
  const { thread, post, parent, restore } = opts;
  const act = (work: () => void) =>
    attempt(ctx, () => {
      work();
      opts.changed();
    });

  // Which post is meant, by what the moderator sees (#3 by ash) and by the numbers the console takes.
  const which = post ? `#${opts.position} by ${post.authorName}` : '';
  const ids = post ? `post ${post.id} in thread ${thread.id}` : `thread ${thread.id}`;

  const hide = (p: Post) =>
    askHideReason(ctx, {
      parent,
      title: `Hide ${which}: why?`,
      subtitle: ids,
      restore,
      onReason: (reason) =>
        act(() => {
          moderation.hidePost(member, p.id, reason);
          ctx.status(`Post ${which} is hidden from members: ${reason}`);
        }),
    });

  const move = () => {
    const targets = boards.list(member).filter((b) => b.id !== thread.boardId);
    if (targets.length === 0) return ctx.status('There is no other board to move it to.', 'error');
    askPick(ctx, {
      parent,
      title: `Move thread ${thread.id} to:`,
      items: targets.map((b) => b.name),
      restore,
      onPick: (i) =>
        act(() => {
          const to = targets[i];
          if (!to) return;
          moderation.moveThread(member, thread.id, to.id);
          ctx.status(`The thread is moved to ${to.name}.`);
        }),
    });
  };

  const editSubject = () =>
    askLine(ctx, {
      question: 'New subject',
      value: thread.subject,
      maxLength: SUBJECT_MAX,
      restore,
      onAnswer: (subject) =>
        act(() => {
          moderation.editSubject(member, thread.id, subject);
          ctx.status('The subject is changed.');
        }),
    });

  const choices = [
    post && !post.deleted ? (post.hidden ? { key: 'U', label: 'Restore this post' } : { key: 'H', label: 'Hide this post' }) : undefined,
    { key: 'L', label: thread.locked ? 'Unlock thread' : 'Lock thread' },
    { key: 'P', label: thread.pinned ? 'Unpin thread' : 'Pin thread' },
    { key: 'M', label: 'Move thread' },
    { key: 'S', label: 'Edit subject' },
    post && post.authorId !== member.id ? { key: 'W', label: `Warn, mute or suspend ${post.authorName}` } : undefined,
  ].filter((c) => c !== undefined);

  askChoice(ctx, {
    parent,
    title: post ? `Moderate ${which}` : 'Moderate this thread',
    subtitle: ids,
    choices,
    restore,
    onChoose(key) {
      if (key === 'H' && post) return hide(post);
      if (key === 'U' && post)
        return act(() => {
          moderation.restorePost(member, post.id);
          ctx.status(`Post ${which} is shown to members again.`);
        });
      if (key === 'L')
        return act(() => {
          moderation.setThreadLocked(member, thread.id, !thread.locked);
          ctx.status(thread.locked ? 'The thread is unlocked.' : 'The thread is locked: only staff can reply.');
        });
      if (key === 'P')
        return act(() => {
          moderation.setThreadPinned(member, thread.id, !thread.pinned);
          ctx.status(thread.pinned ? 'The thread is unpinned.' : 'The thread is pinned to the top of its board.');
        });
      if (key === 'M') return move();
      if (key === 'S') return editSubject();
      if (key === 'W' && post) {
        openSanctionMenu(ctx, { memberId: post.authorId, memberName: post.authorName, boardId: thread.boardId, restore });
      }
    },
  });
}
