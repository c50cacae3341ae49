import blessed from 'blessed';
import { attempt as attemptIn } from './widgets/attempt.js';
import type { BoardSummary } from '../src/services/boards.js';
import { escapeTags, formatWhen, padToWidth, truncateToWidth } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { openNextUnread } from './newscan.js';
import { askSearch } from './post-search.js';
import { threadList } from './thread-list.js';
import { createList, selectedIndex } from './widgets/list.js';
import { createScope } from './widgets/scope.js';
import { questionOpenOver } from './widgets/question-open.js';

/** Columns that fit: the name and unread count always, then time, counts and the description. */
function layoutFor(width: number) {
  const name = Math.min(24, Math.max(10, width - 8 - (width >= 50 ? 9 : 0)));
  const unread = 8;
  const last = width >= 50 ? 9 : 0;
  const counts = width >= 72 ? 16 : 0;
  const rest = width - 1 - name - unread - last - counts;
  // Past 60 columns a description is whole; the counts then stay near the names.
  return { name, unread, last, counts, description: rest >= 12 ? Math.min(rest, 60) : 0 };
}

function count(n: number): string {
  return n >= 100_000 ? `${Math.floor(n / 1000)}k` : String(n);
}

/**
 * The boards, in the sysop's order: name, description, threads and posts, how many posts are
 * unread for this member, and when the last one came. Counts update live.
 */
export const boardList: ScreenFactory = (ctx) => boardListAt(0)(ctx);

/** The board list with the line `start` selected (how a hibernating session rebuilds it). */
function boardListAt(start: number): ScreenFactory {
  return (ctx) => buildBoardList(ctx, start);
}

function buildBoardList(ctx: ScreenContext, start: number): ScreenView {
  const member = ctx.session.member!;
  const { boards } = ctx.services;
  let rows: BoardSummary[] = [];
  const scope = createScope(ctx);
  const container = scope.widget(blessed.box({ parent: ctx.body, top: 0, left: 0, width: '100%', height: '100%' }));
  const titles = blessed.box({ parent: container, top: 0, left: 0, width: '100%', height: 1, tags: true, wrap: false });
  const list = createList(ctx, { parent: container, top: 1, height: '100%-2' });
  const detail = blessed.box({ parent: container, bottom: 0, left: 0, width: '100%', height: 1, tags: true, wrap: false });
  const selected = () => selectedIndex(list);

  const showDetail = () => {
    const b = rows[selected()];
    const width = Math.max(2, Number(container.width));
    if (!b) return detail.setContent('');
    const flags = [b.readOnly ? (b.canPost ? 'read-only for members' : 'read-only') : '', b.membersOnly ? 'members only' : ''].filter(Boolean);
    const text = ` ${b.description}${flags.length ? ` (${flags.join(', ')})` : ''}`;
    detail.setContent(`{${ctx.theme.dimTag}}${escapeTags(truncateToWidth(text, width))}{/${ctx.theme.dimTag}}`);
  };

  const fill = () => {
    rows = boards.list(member);
    // A board the member muted keeps quiet about what is new in it.
    const muted = ctx.services.safety.mutedBoardIds(member.id);
    const width = Math.max(10, Number(list.width));
    const c = layoutFor(width);
    let t = ` ${padToWidth('Board', c.name)}`;
    if (c.description) t += padToWidth('', c.description);
    if (c.counts) t += padToWidth('Threads', 8) + padToWidth('Posts', 8);
    t += padToWidth('Unread', c.unread);
    if (c.last) t += padToWidth('Last', c.last);
    titles.setContent(`{${ctx.theme.dimTag}}${escapeTags(padToWidth(t, width))}{/${ctx.theme.dimTag}}`);
    list.setItems(
      rows.map((b) => {
        let line = ` ${padToWidth(b.name, c.name)}`;
        if (c.description) line += padToWidth(b.description, c.description - 1) + ' ';
        if (c.counts) line += padToWidth(count(b.threadCount), 8) + padToWidth(count(b.postCount), 8);
        const quiet = muted.has(b.id);
        line += padToWidth(quiet ? 'muted' : b.unread ? count(b.unread) : '-', c.unread);
        if (c.last) line += padToWidth(b.lastPostAt ? formatWhen(b.lastPostAt, member.timeZone) : '', c.last);
        return b.unread && !quiet ? `{bold}${escapeTags(line)}{/bold}` : escapeTags(line);
      }),
    );
    showDetail();
    ctx.screen.render();
  };

  const attempt = (work: () => void) => attemptIn(ctx, work);

  list.on('select item', () => {
    showDetail();
    ctx.screen.render();
  });
  list.on('select', () => {
    const b = rows[selected()];
    if (b) attempt(() => ctx.nav.push(threadList(b.id)));
  });
  list.on('keypress', (ch: string | undefined, key: { name?: string; ctrl?: boolean; meta?: boolean }) => attempt(() => {
    if (key.ctrl || key.meta) return;
    if (key.name === 'escape' || key.name === 'left') return ctx.nav.pop();
    if (key.name === 'right') return list.emit('select', undefined, selected());
    if (ch === 'n' || ch === 'N') return openNextUnread(ctx);
    if (ch === '/') askSearch(ctx, { restore: () => list.focus() });
  }));

  let pending = false;
  let disposed = false;
  const soon = () => {
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      if (!disposed) attempt(fill);
    });
  };
  scope.onHub('post:created', soon);
  scope.onHub('post:changed', soon);
  scope.onHub('boards:changed', soon);
  scope.onScreen('resize', () => attempt(fill));
  fill();
  list.select(Math.min(start, Math.max(0, rows.length - 1)));
  showDetail();

  return {
    title: 'Boards',
    place: 'Boards',
    hints: [
      { key: 'Enter', label: ' Open' },
      { key: 'N', label: 'ext unread' },
      { key: '/', label: ' Search' },
      { key: 'Esc', label: ' Back' },
    ],
    focus() {
      fill();
      list.focus();
    },
    // Counts are read afresh when it is built again: nothing is lost while it sleeps.
    // A question open over the list holds the keyboard: what is typed there cannot be rebuilt.
    resume: () => (questionOpenOver(ctx, list) ? undefined : boardListAt(selected())),
    dispose() {
      disposed = true;
      scope.dispose();
    },
  };
}
