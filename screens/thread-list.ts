import blessed from 'blessed';
import { attempt as attemptIn } from './widgets/attempt.js';
import type { BoardSummary, ThreadPage, ThreadSummary } from '../src/services/boards.js';
import { countOf, displayWidth, escapeTags, formatWhen, padToWidth, truncateToWidth } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { openNextUnread } from './newscan.js';
import { newThreadCompose } from './post-compose.js';
import { askSearch } from './post-search.js';
import { threadView } from './thread-view.js';
import { askKey } from './widgets/ask-key.js';
import { barOverFirstField, selectedIndex } from './widgets/list.js';
import { questionOpenOver } from './widgets/question-open.js';

type Key = { name?: string; ctrl?: boolean; meta?: boolean };

interface Columns {
  subject: number;
  author: number;
  replies: number;
  last: number;
}

function columnsFor(width: number): Columns {
  const last = 8;
  const author = width >= 60 ? 14 : 0;
  const replies = width >= 50 ? 8 : 0;
  return { subject: Math.max(4, width - 2 - author - replies - last), author, replies, last };
}

/**
 * A board's threads, most recent activity first, a screenful at a time. Pages are fetched by
 * key (the last post id at the page's edge), so page 500 costs what page 1 does.
 */
export function threadList(boardId: number, at: { pageKey?: number; pageNo?: number; select?: number } = {}): ScreenFactory {
  return (ctx: ScreenContext): ScreenView => {
    const member = ctx.session.member!;
    const { boards, hub } = ctx.services;
    let board: BoardSummary = boards.get(member, boardId);
    let page: ThreadPage = { threads: [], hasOlder: false, hasNewer: false };
    /** Fetches the page shown again: threads with activity older than this key (none: the first page). */
    let pageKey: number | undefined;
    let pageNo = 1;
    let blocked = ctx.services.blocks.blockedIds(member.id);
    /** The member's own posts here that wait for a moderator's review. */
    const inReview = () => ctx.services.heldPosts.mine(member).filter((h) => h.status === 'held' && h.boardId === boardId).length;

    const container = blessed.box({ parent: ctx.body, top: 0, left: 0, width: '100%', height: '100%' });
    const heading = blessed.box({ parent: container, top: 0, left: 0, width: '100%', height: 1, tags: true, wrap: false });
    const titles = blessed.box({ parent: container, top: 1, left: 0, width: '100%', height: 1, tags: true, wrap: false });
    const list = blessed.list({
      parent: container, top: 2, left: 0, width: '100%', height: '100%-2', keys: false, tags: true,
      style: { selected: ctx.theme.item, item: ctx.theme.item }, items: [],
    } as blessed.Widgets.ListOptions<blessed.Widgets.ListElementStyle>);
    barOverFirstField(list, ctx);

    const rows = () => Math.max(1, Number(list.height));
    const selected = () => selectedIndex(list);

    const load = (opts: { before?: number; after?: number }) => {
      page = boards.threads(member, boardId, { ...opts, limit: rows() });
      pageKey = page.hasNewer && page.threads[0] ? page.threads[0].lastPostId + 1 : undefined;
      if (!page.hasNewer) pageNo = 1;
    };

    const row = (t: ThreadSummary, c: Columns): string => {
      const mark = t.hasUnread ? '*' : ' ';
      // A content warning takes at most half the column, so some of the subject always shows.
      const warning = t.contentWarning ? `[CW: ${truncateToWidth(t.contentWarning, Math.max(1, Math.floor(c.subject / 2) - 7))}] ` : '';
      const flags = (t.pinned ? '[Pinned] ' : '') + (t.locked ? '[Locked] ' : '') + (t.hidden && board.canModerate ? '[Hidden] ' : '');
      const subject = t.deleted ? '(deleted by author)' : flags + warning + t.subject;
      const author = blocked.has(t.authorId) ? '(blocked)' : t.authorName;
      let text = `${mark} ${padToWidth(subject, c.subject)}`;
      if (c.author) text += padToWidth(author, c.author);
      if (c.replies) text += padToWidth(String(t.replies).padStart(c.replies - 2), c.replies);
      text += padToWidth(formatWhen(t.lastPostAt, member.timeZone), c.last);
      return t.hasUnread ? `{bold}${escapeTags(text)}{/bold}` : escapeTags(text);
    };

    const fill = (select?: number) => {
      const width = Math.max(10, Number(list.width));
      const c = columnsFor(width);
      const threads = countOf(board.threadCount, 'thread');
      const waiting = inReview();
      const right = `${waiting ? `${waiting} of yours in review · ` : ''}page ${pageNo} · ${threads} · ${board.unread.toLocaleString('en-GB')} unread `;
      const left = truncateToWidth(` ${board.name}`, Math.max(1, width - displayWidth(right) - 1));
      const gap = ' '.repeat(Math.max(0, width - displayWidth(left) - displayWidth(right)));
      heading.setContent(`{bold}${escapeTags(left)}{/bold}${gap}${escapeTags(truncateToWidth(right, Math.max(1, width - displayWidth(left))))}`);
      let t = `  ${padToWidth('Subject', c.subject)}`;
      if (c.author) t += padToWidth('Author', c.author);
      if (c.replies) t += padToWidth('Replies', c.replies);
      t += padToWidth('Last', c.last);
      titles.setContent(`{${ctx.theme.dimTag}}${escapeTags(padToWidth(t, width))}{/${ctx.theme.dimTag}}`);
      const empty = board.canPost ? ' No threads yet. [P] starts the first one.' : ' No threads yet.';
      list.setItems((page.threads.length ? page.threads.map((th) => row(th, c)) : [empty]));
      list.select(Math.max(0, Math.min(select ?? selected(), page.threads.length - 1)));
      ctx.screen.render();
    };

    /** Shows the same stretch of the board again (after new activity, a resize, coming back). */
    const reload = () => {
      const keep = page.threads[selected()]?.id;
      board = boards.get(member, boardId);
      page = boards.threads(member, boardId, { before: pageKey, limit: rows() });
      if (page.threads.length === 0 && pageKey !== undefined) load({});
      const i = page.threads.findIndex((t) => t.id === keep);
      fill(i >= 0 ? i : undefined);
    };

    const older = () => {
      const last = page.threads[page.threads.length - 1];
      if (!page.hasOlder || !last) return false;
      load({ before: last.lastPostId });
      pageNo++;
      return true;
    };
    const newer = () => {
      const firstRow = page.threads[0];
      if (!page.hasNewer || !firstRow) return false;
      load({ after: firstRow.lastPostId });
      pageNo = page.hasNewer ? Math.max(2, pageNo - 1) : 1;
      return true;
    };

    const attempt = (work: () => void) => attemptIn(ctx, work);

    const onKey = (ch: string | undefined, key: Key): void => {
      if (key.ctrl || key.meta) return;
      const i = selected();
      const n = page.threads.length;
      const letter = ch?.toLowerCase();
      if (key.name === 'down' || letter === 'j') {
        if (i < n - 1) list.select(i + 1);
        else if (older()) return fill(0);
      } else if (key.name === 'up' || letter === 'k') {
        if (i > 0) list.select(i - 1);
        else if (newer()) return fill(page.threads.length - 1);
      } else if (key.name === 'pagedown' || key.name === 'space') {
        if (older()) return fill(0);
        list.select(n - 1);
      } else if (key.name === 'pageup' || letter === 'b') {
        if (newer()) return fill(0);
        list.select(0);
      } else if (key.name === 'home' || ch === 'g') {
        load({});
        return fill(0);
      } else if (key.name === 'enter' || key.name === 'right') {
        const t = page.threads[i];
        if (t) attempt(() => ctx.nav.push(threadView({ threadId: t.id })));
        return;
      } else if (key.name === 'escape' || key.name === 'left') {
        return ctx.nav.pop();
      } else if (letter === 'p') {
        if (!board.canPost) return ctx.status(`Only the sysop and moderators post in ${board.name}.`, 'error');
        return ctx.nav.push(
          newThreadCompose(board, (ids) => ctx.nav.replace(threadView({ threadId: ids.threadId, at: ids.postId }))),
        );
      } else if (letter === 'n') {
        return openNextUnread(ctx, { boardId });
      } else if (ch === '/') {
        return askSearch(ctx, { boardId, boardName: board.name, restore: () => list.focus() });
      } else if (letter === 'c') {
        if (board.unread === 0) return ctx.status('Nothing unread here.');
        askKey(ctx, {
          parent: container,
          question: `Mark ${board.unread === 1 ? 'the 1 unread post' : `all ${countOf(board.unread, 'unread post')}`} in ${board.name} read?`,
          restore: () => list.focus(),
          onAnswer: (yes) => {
            if (!yes) return;
            attempt(() => boards.markBoardRead(member, boardId));
            reload();
          },
        });
        return;
      } else {
        return;
      }
      ctx.screen.render();
    };
    list.on('keypress', (ch: string | undefined, key: Key) => attempt(() => onKey(ch, key)));

    // New threads and replies show up while the list is open; a burst of them redraws once.
    let pending = false;
    const soon = () => {
      if (pending) return;
      pending = true;
      setImmediate(() => {
        pending = false;
        if (!disposed) attempt(reload);
      });
    };
    let disposed = false;
    const offs = [
      hub.on('post:created', (e) => e.boardId === boardId && soon()),
      hub.on('post:changed', (e) => e.boardId === boardId && soon()),
      hub.on('boards:changed', (e) => e.boardId === boardId && soon()),
      hub.on('held:changed', (e) => e.boardId === boardId && soon()),
      hub.on('blocks:changed', (e) => {
        if (e.memberId !== member.id) return;
        attempt(() => (blocked = ctx.services.blocks.blockedIds(member.id)));
        soon();
      }),
    ];
    const onResize = () => attempt(reload);
    ctx.screen.on('resize', onResize);
    if (at.pageKey === undefined) load({});
    else {
      // Built again after sleeping: the same stretch of the board, as it is now.
      pageKey = at.pageKey;
      pageNo = at.pageNo ?? 1;
      page = boards.threads(member, boardId, { before: pageKey, limit: rows() });
      if (page.threads.length === 0) load({});
    }
    fill(at.select ?? 0);

    return {
      title: board.name,
      place: 'Boards',
      hints: [
        { key: 'Enter', label: ' Read' },
        { key: 'P', label: 'ost' },
        { key: 'N', label: 'ext unread' },
        { key: 'C', label: 'atch up' },
        { key: '/', label: ' Search' },
        { key: 'Esc', label: ' Back' },
      ],
      focus() {
        attempt(reload);
        // An open question takes the keyboard back by itself.
        list.focus();
      },
      // A question open over the list (search, catch up) holds the keyboard: it cannot be rebuilt.
      resume: () => (questionOpenOver(ctx, list) ? undefined : threadList(boardId, { pageKey, pageNo, select: selected() })),
      dispose() {
        disposed = true;
        for (const off of offs) off();
        ctx.screen.removeListener('resize', onResize);
        container.destroy();
      },
    };
  };
}
