import blessed from 'blessed';
import { isUserError } from '../src/errors.js';
import type { SearchHit } from '../src/services/post-search.js';
import { displayWidth, escapeTags, formatWhen, padToWidth, takeWidth, truncateToWidth } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { threadView } from './thread-view.js';
import { askLine } from './widgets/ask-line.js';
import { createList, selectedIndex } from './widgets/list.js';
import { createScope } from './widgets/scope.js';

interface Scope {
  boardId?: number;
  boardName?: string;
}

/**
 * Asks what to search for (in one board, or everywhere without `boardId`) and shows the
 * results; with `replace`, in place of the screen asking (a new search from the results).
 */
export function askSearch(ctx: ScreenContext, opts: Scope & { restore(): void; replace?: boolean }): void {
  askLine(ctx, {
    question: opts.boardName ? `Search ${opts.boardName} for` : 'Search all boards for',
    maxLength: 200,
    restore: opts.restore,
    onAnswer(text) {
      if (!text.trim()) return;
      const results = searchResults(text, { boardId: opts.boardId, boardName: opts.boardName });
      if (opts.replace) ctx.nav.replace(results);
      else ctx.nav.push(results);
    },
  });
}

/** The posts matching `text`, newest first; Enter opens the thread at the post, A widens to all boards. */
export function searchResults(text: string, scope: Scope): ScreenFactory {
  return (ctx): ScreenView => {
    const member = ctx.session.member!;
    let hits: SearchHit[] = [];
    let inBoard = scope.boardId !== undefined;
    const owned = createScope(ctx);
    const container = owned.widget(blessed.box({ parent: ctx.body, top: 0, left: 0, width: '100%', height: '100%' }));
    const heading = blessed.box({ parent: container, top: 0, left: 0, width: '100%', height: 1, tags: true, wrap: false });
    const list = createList(ctx, { parent: container, top: 1, height: '100%-2' });
    const detail = blessed.box({ parent: container, bottom: 0, left: 0, width: '100%', height: 1, tags: true, wrap: false });

    const search = () => {
      try {
        hits = ctx.services.boards.search.search(member, text, { boardId: inBoard ? scope.boardId : undefined });
      } catch (err) {
        if (!isUserError(err)) throw err;
        hits = [];
        ctx.status(err.message, 'error');
      }
    };

    const snippetText = (h: SearchHit, width: number): string => {
      if (h.contentWarning) return `{bold}${escapeTags(truncateToWidth(`CW: ${h.contentWarning}`, width))}{/bold}`;
      let out = '';
      let used = 0;
      for (const part of h.snippet) {
        if (used >= width) break;
        const piece = takeWidth(part.text, width - used);
        used += displayWidth(piece);
        out += part.hit ? `{${ctx.theme.accentTag}}{bold}${escapeTags(piece)}{/bold}{/${ctx.theme.accentTag}}` : escapeTags(piece);
      }
      return out;
    };

    const blockedIds = ctx.services.blocks.blockedIds(member.id);
    const fill = () => {
      const width = Math.max(10, Number(list.width));
      const whenW = 8;
      const nameW = width >= 60 ? 14 : 0;
      const restW = Math.max(2, width - whenW - nameW - 1);
      const where = inBoard ? scope.boardName ?? 'this board' : 'all boards';
      heading.setContent(escapeTags(truncateToWidth(` ${hits.length}${hits.length >= 50 ? '+' : ''} found for "${text}" in ${where}`, width)));
      list.setItems(
        (hits.length === 0
          ? [' Nothing found. Fewer or shorter words find more.']
          : hits.map((h) => {
              const head = escapeTags(padToWidth(` ${formatWhen(h.createdAt, member.timeZone)}`, whenW) + (nameW ? padToWidth(h.authorName, nameW) : ''));
              const body = blockedIds.has(h.authorId) ? escapeTags('(a member you blocked)') : snippetText(h, restW);
              return `${head} ${body}`;
            })),
      );
      showDetail();
      ctx.screen.render();
    };
    const selected = () => hits[selectedIndex(list)];
    const showDetail = () => {
      const h = selected();
      const width = Math.max(2, Number(container.width));
      const subject = h ? (h.subject || '(deleted by author)') : '';
      detail.setContent(h ? `{${ctx.theme.dimTag}}${escapeTags(truncateToWidth(` ${h.boardName} > ${subject} - ${h.authorName}`, width))}{/${ctx.theme.dimTag}}` : '');
    };

    list.on('select item', () => {
      showDetail();
      ctx.screen.render();
    });
    list.on('select', () => {
      const h = selected();
      if (!h) return;
      try {
        ctx.nav.push(threadView({ threadId: h.threadId, at: h.postId }));
      } catch (err) {
        if (!isUserError(err)) throw err;
        ctx.status(err.message, 'error');
      }
    });
    list.on('keypress', (ch: string | undefined, key: { name?: string }) => {
      if (key.name === 'escape' || key.name === 'left') return ctx.nav.pop();
      if ((ch === 'a' || ch === 'A') && scope.boardId !== undefined) {
        inBoard = !inBoard;
        search();
        fill();
      } else if (ch === '/') {
        askSearch(ctx, { ...(inBoard ? scope : {}), restore: () => list.focus(), replace: true });
      }
    });
    owned.onScreen('resize', () => fill());
    search();
    fill();

    const hints = [{ key: 'Enter', label: ' Open' }, { key: '/', label: ' New search' }];
    if (scope.boardId !== undefined) hints.push({ key: 'A', label: 'll boards / this board' });
    hints.push({ key: 'Esc', label: ' Back' });
    return {
      title: 'Search',
      place: 'Boards',
      hints,
      focus: () => list.focus(),
      dispose: () => owned.dispose(),
    };
  };
}
