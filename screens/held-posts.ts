import blessed from 'blessed';
import { isUserError } from '../src/errors.js';
import { isDatabaseBusy } from '../src/services/database-busy.js';
import { attempt as attemptIn } from './widgets/attempt.js';
import { REJECT_REASON_MAX, type HeldPost } from '../src/services/held-posts.js';
import { escapeTags, formatDateTime, formatWhen, padToWidth, truncateToWidth, wrapText } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { askLine } from './widgets/ask-line.js';
import { createList, selectedIndex } from './widgets/list.js';
import { createScope } from './widgets/scope.js';
import { createTextView } from './widgets/text-view.js';

const PLACE = 'Moderation';

/** A held post in full for staff: where it was going, who wrote it, what held it, and its text. */
export function heldText(h: HeldPost, width: number, timeZone: string): string {
  const w = Math.max(2, width);
  const bold = (s: string) => wrapText(s, w).map((l) => `{bold}${escapeTags(l)}{/bold}`);
  const plain = (s: string) => wrapText(s, w).map(escapeTags);
  const where = h.threadId === null ? `A new thread in ${h.boardName}` : `A reply in ${h.boardName}, to "${h.subject}"`;
  return [
    ...bold(`Held post ${h.id}: ${h.status === 'held' ? 'waiting for review' : h.status}`),
    ...plain(`${where}, by ${h.authorName}, ${formatDateTime(h.createdAt, timeZone)}`),
    ...plain(`Held for the watched word "${h.matched}"`),
    ...(h.status !== 'held' && h.decidedAt !== null ? plain(`${h.status === 'approved' ? 'Approved' : 'Rejected'} by ${h.decidedBy}, ${formatDateTime(h.decidedAt, timeZone)}${h.reason ? `: ${h.reason}` : ''}`) : []),
    '',
    ...(h.threadId === null ? bold(h.subject) : []),
    ...(h.contentWarning ? bold(`CW: ${h.contentWarning}`) : []),
    ...plain(h.body),
  ].join('\n');
}

/**
 * Staff decide a held post: A approves it (published as its author's), R rejects it with a
 * reason its author reads. Returns to the list once decided.
 */
function decide(ctx: ScreenContext, h: HeldPost, action: 'approve' | 'reject', restore: () => void, done: () => void): void {
  const me = ctx.session.member!;
  const { heldPosts } = ctx.services;
  const attempt = (fn: () => void) => {
    try {
      fn();
      done();
    } catch (err) {
      if (isDatabaseBusy(err)) {
        // Another process holds the database: tried again with "Saving…" until it lets go.
        attemptIn(ctx, () => {
          fn();
          done();
        });
        restore();
        return;
      }
      if (!isUserError(err)) throw err;
      ctx.status(err.message, 'error');
      restore();
    }
  };
  if (action === 'approve') {
    return attempt(() => {
      heldPosts.approve(me, h.id);
      ctx.status(`Approved: ${h.authorName}'s post is published in ${h.boardName}.`);
    });
  }
  askLine(ctx, {
    question: `Why reject it? ${h.authorName} reads this.`,
    maxLength: REJECT_REASON_MAX,
    restore,
    onAnswer: (reason) => {
      if (!reason.trim()) return ctx.status('Not rejected: a reason is needed.', 'error');
      attempt(() => {
        heldPosts.reject(me, h.id, reason);
        ctx.status(`Rejected. ${h.authorName} is told why.`);
      });
    },
  });
}

function heldView(id: number): ScreenFactory {
  return (ctx: ScreenContext): ScreenView => {
    const me = ctx.session.member!;
    const scope = createScope(ctx);
    const view = scope.widget(createTextView({ parent: ctx.body, top: 0, height: '100%', content: '' }));
    let held: HeldPost | undefined;
    const draw = () => {
      try {
        held = ctx.services.heldPosts.get(me, id);
      } catch (err) {
        if (!isUserError(err)) throw err;
        held = undefined;
      }
      view.setContent(held ? heldText(held, Number(view.width) - 2, me.timeZone) : 'This held post is gone.');
    };
    view.on('keypress', (ch: string | undefined, key: { name?: string }) => {
      if (key.name === 'escape' || key.name === 'left') return ctx.nav.pop();
      const action = ch === 'a' || ch === 'A' ? 'approve' : ch === 'r' || ch === 'R' ? 'reject' : undefined;
      if (!action || !held) return;
      if (held.status !== 'held') return ctx.status(`That post was already ${held.status}.`, 'error');
      decide(ctx, held, action, () => view.focus(), () => ctx.nav.pop());
    });
    // Another moderator (or the console) may decide it while it is open here.
    scope.onHub('held:changed', () => {
      draw();
      ctx.render();
    });
    scope.onScreen('resize', () => draw());
    draw();
    return {
      title: `Held post ${id}`,
      place: PLACE,
      hints: [
        { key: 'A', label: 'pprove' },
        { key: 'R', label: 'eject' },
        { key: 'Esc', label: ' Back' },
      ],
      focus: () => view.focus(),
      dispose: () => scope.dispose(),
    };
  };
}

/** Staff's approval queue: the posts a watched word held on the boards they moderate, oldest first. */
export const heldPostsScreen: ScreenFactory = (ctx): ScreenView => {
  const me = ctx.session.member!;
  let rows: HeldPost[] = [];
  const scope = createScope(ctx);
  const heading = scope.widget(blessed.box({ parent: ctx.body, top: 0, left: 0, width: '100%', height: 1, tags: true, wrap: false }));
  const list = scope.widget(createList(ctx, { top: 1, height: '100%-1' }));
  const selected = () => rows[selectedIndex(list)];

  const fill = () => {
    try {
      rows = ctx.services.heldPosts.held(me);
    } catch (err) {
      // No longer staff (a sysop changed their role while the list was open): nothing to show.
      if (!isUserError(err)) throw err;
      rows = [];
    }
    const width = Math.max(20, Number(list.width));
    const whoW = Math.min(14, Math.floor(width / 4));
    const whenW = width >= 60 ? 8 : 0;
    const restW = Math.max(4, width - whoW - whenW - 1);
    heading.setContent(`{bold}${escapeTags(padToWidth(' By', whoW) + (whenW ? padToWidth('Held', whenW) : '') + 'Board: subject')}{/bold}`);
    list.setItems(
      rows.length
        ? rows.map((h) =>
            escapeTags(
              padToWidth(` ${truncateToWidth(h.authorName, whoW - 2)}`, whoW) +
                (whenW ? padToWidth(formatWhen(h.createdAt, me.timeZone), whenW) : '') +
                truncateToWidth(`${h.boardName}: ${h.threadId === null ? '' : 'Re: '}${h.subject}`, restW - 1),
            ),
          )
        : [' No posts are waiting for review.'],
    );
  };
  const refill = () => {
    fill();
    ctx.render();
  };

  list.on('select', () => {
    const h = selected();
    if (h) ctx.nav.push(heldView(h.id));
  });
  list.on('keypress', (ch: string | undefined, key: { name?: string }) => {
    if (key.name === 'escape' || key.name === 'left') return ctx.nav.pop();
    const action = ch === 'a' || ch === 'A' ? 'approve' : ch === 'r' || ch === 'R' ? 'reject' : undefined;
    const h = selected();
    if (action && h) decide(ctx, h, action, () => list.focus(), refill);
  });
  scope.onHub('held:changed', refill);
  // A decision made at the console reaches this server as its audit entry.
  scope.onHub('staff:action', (e) => {
    if (e.action === 'post.approve' || e.action === 'post.reject') refill();
  });
  scope.onScreen('resize', () => fill());
  fill();

  return {
    title: 'Held posts',
    place: PLACE,
    hints: [
      { key: 'Enter', label: ' Read' },
      { key: 'A', label: 'pprove' },
      { key: 'R', label: 'eject' },
      { key: 'Esc', label: ' Back' },
    ],
    focus() {
      fill();
      list.focus();
    },
    dispose: () => scope.dispose(),
  };
};
