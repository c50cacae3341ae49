import blessed from 'blessed';
import { reasonLabel, type ReportGroup } from '../src/services/reports.js';
import type { Sanction } from '../src/services/sanctions.js';
import { escapeTags, formatDateTime, formatWhen, padToWidth, truncateToWidth, wrapText } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { askHideReason } from './moderate-menu.js';
import { openSanctionMenu } from './sanction-menu.js';
import { threadView } from './thread-view.js';
import { askLine } from './widgets/ask-line.js';
import { attempt } from './widgets/attempt.js';
import { createList, selectedIndex } from './widgets/list.js';
import { createScope } from './widgets/scope.js';
import { createTextView } from './widgets/text-view.js';

const KIND: Record<ReportGroup['kind'], string> = { post: 'post', chat: 'chat line', mail: 'message' };

const SANCTION_WORDS: Record<Sanction['kind'], string> = { warn: 'warned', mute: 'muted', suspend: 'suspended', ban: 'banned' };

/** One line of the queue: at-risk first mark, how many reported, what, where, whose. */
function groupRow(g: ReportGroup, width: number, timeZone: string): string {
  const mark = g.atRisk ? '!' : ' ';
  const what = `${g.count}× ${reasonLabel(g.categories[0]?.category ?? 'other')}`;
  const where = `${KIND[g.kind]} by ${g.authorName}${g.place ? ` in ${g.place}` : ''}`;
  const when = width >= 60 ? padToWidth(formatWhen(g.firstReportedAt, timeZone), 8) : '';
  return truncateToWidth(`${mark}${when}${what} · ${where}${g.hiddenBy ? ' (hidden)' : ''}`, width);
}

/**
 * A reported item as staff read it: why, by how many (sysops: by whom), what to do when a
 * member may be at risk, the author's recent sanctions, and the copy of what was reported with
 * the lines before it in chat. Plain paragraphs; headings in capitals.
 */
export function queueGroupText(g: ReportGroup, sanctions: Sanction[], timeZone: string): string {
  const lines: string[] = [];
  if (g.atRisk) lines.push('A MEMBER MAY BE AT RISK', g.atRiskNote ?? '', '');
  lines.push(`A ${KIND[g.kind]} by ${g.authorName}${g.place ? ` in ${g.place}` : ''}, reported ${g.count === 1 ? 'once' : `${g.count} times`}.`);
  lines.push(`Reported as: ${g.categories.map((c) => `${reasonLabel(c.category)}${c.count > 1 ? ` (${c.count})` : ''}`).join(', ')}.`);
  for (const r of g.reasons) lines.push(`"${r}"`);
  if (g.reporterNames) lines.push(`Reported by: ${g.reporterNames.join(', ')}.`);
  lines.push(`First reported ${formatDateTime(g.firstReportedAt, timeZone)}.`);
  if (g.hiddenBy === 'reports') lines.push('Hidden now, because members reported it: restore it or hide it with your reason.');
  else if (g.hiddenBy) lines.push('Hidden now by a moderator.');
  lines.push('', `${g.authorName.toUpperCase()}'S RECENT SANCTIONS`);
  if (sanctions.length === 0) lines.push('None.');
  for (const s of sanctions) {
    lines.push(`${formatWhen(s.createdAt, timeZone)} ${SANCTION_WORDS[s.kind]} by ${s.byName}: ${s.reason}${s.liftedAt !== null ? ' (lifted)' : ''}`);
  }
  if (g.context) lines.push('', 'BEFORE IT IN THE ROOM', ...g.context.split('\n'));
  lines.push('', `WHAT WAS REPORTED (A COPY), WRITTEN ${formatDateTime(g.writtenAt, timeZone).toUpperCase()}`);
  if (g.copyTitle) lines.push(g.copyTitle);
  lines.push(...(g.copyText ? g.copyText.split('\n') : ['(nothing: the member asked for a moderator to reach out)']));
  return lines.join('\n');
}

/** What staff can do about one reported item, from the queue or from its page. */
function queueActions(ctx: ScreenContext, restore: () => void) {
  const me = ctx.session.member!;
  const { reports, moderation, boards } = ctx.services;
  const act = (work: () => void) => attempt(ctx, work);
  return {
    /** Hides a reported post with a reason (one key for a listed one) and closes its reports as acted on. */
    hide(g: ReportGroup) {
      if (g.kind !== 'post') return ctx.status('Only posts can be hidden; for a chat line or a message, act on its author (S).', 'error');
      askHideReason(ctx, {
        parent: ctx.body,
        title: `Hide ${g.authorName}'s post: why?`,
        subtitle: `post ${g.targetId}${g.place ? ` in ${g.place}` : ''}`,
        restore,
        onReason: (reason) =>
          act(() => {
            if (g.hiddenBy !== 'moderator') moderation.hidePost(me, g.targetId, reason);
            reports.markActed(me, g.key, `Hidden: ${reason}`);
            ctx.status(`Hidden from members: ${reason}. The reports are closed as acted on.`);
          }),
      });
    },
    /** Nothing to act on: closes the reports, and shows a post hidden by reports again. */
    dismiss(g: ReportGroup) {
      askLine(ctx, {
        question: 'Dismiss: a note for the audit log (Enter for none)',
        maxLength: 300,
        restore,
        onAnswer: (note) =>
          act(() => {
            reports.dismiss(me, g.key, note.trim() || undefined);
            // Only what the reports hid comes back: a moderator may have hidden it meanwhile.
            const hiddenByReports = g.kind === 'post' && boards.posts.get(me, g.targetId).hidden?.by === 'reports';
            if (hiddenByReports) moderation.restorePost(me, g.targetId, 'Reports dismissed');
            ctx.status(hiddenByReports ? 'Dismissed, and the post is shown again.' : 'Dismissed.');
          }),
      });
    },
    /** Marks the reports acted on (what was done happened elsewhere: a mail, a word with the member). */
    acted(g: ReportGroup) {
      askLine(ctx, {
        question: 'What did you do? (for the audit log)',
        maxLength: 300,
        restore,
        onAnswer: (note) =>
          act(() => {
            reports.markActed(me, g.key, note.trim() || undefined);
            ctx.status('Marked as acted on.');
          }),
      });
    },
    sanction(g: ReportGroup) {
      if (g.authorId === null) return ctx.status('That account is gone.', 'error');
      openSanctionMenu(ctx, { memberId: g.authorId, memberName: g.authorName, boardId: g.boardId ?? undefined, roomId: g.roomId ?? undefined, restore });
    },
    open(g: ReportGroup) {
      if (g.kind !== 'post') return ctx.status('Chat lines and messages are read here, from the copy.', 'error');
      act(() => {
        const post = boards.posts.get(me, g.targetId);
        ctx.nav.push(threadView({ threadId: post.threadId, at: post.id }));
      });
    },
  };
}

const ACTION_HINTS = [
  { key: 'H', label: 'ide' },
  { key: 'D', label: 'ismiss' },
  { key: 'S', label: 'anction' },
  { key: 'O', label: 'pen' },
  { key: 'A', label: 'cted' },
];

/** Runs the queue key `ch` on a group; true when it was one. */
function onActionKey(actions: ReturnType<typeof queueActions>, g: ReportGroup, ch: string | undefined): boolean {
  const run: Record<string, (g: ReportGroup) => void> = { h: actions.hide, d: actions.dismiss, s: actions.sanction, o: actions.open, a: actions.acted };
  const fn = ch ? run[ch.toLowerCase()] : undefined;
  if (!fn) return false;
  fn(g);
  return true;
}

function groupPage(key: string): ScreenFactory {
  return (ctx): ScreenView => {
    const me = ctx.session.member!;
    const scope = createScope(ctx);
    const view = scope.widget(createTextView({ parent: ctx.body, top: 0, height: '100%', content: '' }));
    let group: ReportGroup | undefined;
    const draw = () => {
      group = ctx.services.reports.group(me, key);
      const width = Math.max(2, Number(view.width) - 2);
      const text = group
        ? queueGroupText(group, group.authorId !== null ? ctx.services.sanctions.recentFor(me, group.authorId, 5) : [], me.timeZone)
        : 'Every report of this item is closed. Esc goes back to the queue.';
      view.setContent(
        text
          .split('\n')
          .flatMap((l) => (l && l === l.toUpperCase() && /[A-Z]/.test(l) ? wrapText(l, width).map((w) => `{bold}${escapeTags(w)}{/bold}`) : wrapText(l, width).map(escapeTags)))
          .join('\n'),
      );
    };
    const actions = queueActions(ctx, () => view.focus());
    view.on('keypress', (ch: string | undefined, k: { name?: string; ctrl?: boolean }) => {
      if (k.ctrl) return;
      if (k.name === 'escape' || k.name === 'left') return ctx.nav.pop();
      if (group) onActionKey(actions, group, ch);
    });
    const redraw = () => {
      draw();
      ctx.render();
    };
    scope.onHub('staff:action', redraw);
    scope.onHub('report:filed', redraw);
    scope.onScreen('resize', () => draw());
    draw();
    return {
      title: 'Reported',
      place: 'Staff desk',
      hints: [...ACTION_HINTS, { key: 'Esc', label: ' Back' }],
      focus() {
        draw();
        view.focus();
      },
      dispose: () => scope.dispose(),
    };
  };
}

/**
 * The moderation queue: open reports grouped by what was reported, "member may be at risk"
 * first, then oldest first, in the boards and rooms this member moderates (sysops: all). Each
 * action works on the selected line or on the item's page: H hides a post (two keys with a
 * listed reason), D dismisses, S sanctions the author, O opens the post in its thread, A marks
 * it acted on.
 */
export const moderationQueue: ScreenFactory = (ctx): ScreenView => {
  const me = ctx.session.member!;
  let groups: ReportGroup[] = [];
  const scope = createScope(ctx);
  const heading = scope.widget(blessed.box({ parent: ctx.body, top: 0, left: 0, width: '100%', height: 1, tags: true, wrap: false }));
  const list = scope.widget(createList(ctx, { top: 1, height: '100%-1' }));
  const fill = () => {
    const keep = groups[selectedIndex(list)]?.key;
    groups = ctx.services.reports.queue(me);
    const width = Math.max(10, Number(list.width));
    heading.setContent(`{bold}${escapeTags(truncateToWidth(` ${groups.length} reported item${groups.length === 1 ? '' : 's'}, at risk first`, width))}{/bold}`);
    list.setItems(groups.length ? groups.map((g) => escapeTags(groupRow(g, width, me.timeZone))) : [' Nothing waits for you. Thank you.']);
    const i = groups.findIndex((g) => g.key === keep);
    list.select(Math.max(0, i));
  };
  const actions = queueActions(ctx, () => list.focus());
  list.on('select', () => {
    const g = groups[selectedIndex(list)];
    if (g) ctx.nav.push(groupPage(g.key));
  });
  list.on('keypress', (ch: string | undefined, k: { name?: string; ctrl?: boolean }) => {
    if (k.ctrl) return;
    if (k.name === 'escape' || k.name === 'left') return ctx.nav.pop();
    const g = groups[selectedIndex(list)];
    if (g) onActionKey(actions, g, ch);
  });
  const refill = () => {
    fill();
    ctx.render();
  };
  scope.onHub('report:filed', refill);
  scope.onHub('staff:action', refill);
  scope.onScreen('resize', () => fill());
  fill();
  return {
    title: 'Moderation queue',
    place: 'Staff desk',
    hints: [{ key: 'Enter', label: ' Read' }, ...ACTION_HINTS, { key: 'Esc', label: ' Back' }],
    focus() {
      fill();
      list.focus();
    },
    dispose: () => scope.dispose(),
  };
};
