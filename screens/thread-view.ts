import blessed from 'blessed';
import { attempt as attemptIn } from './widgets/attempt.js';
import { LOCKED, type Post } from '../src/services/posts.js';
import { displayWidth, escapeTags, truncateToWidth, wrapText } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { editCompose, replyCompose } from './post-compose.js';
import { openModerateMenu } from './moderate-menu.js';
import { postLines } from './post-lines.js';
import { askSearch } from './post-search.js';
import { askKey } from './widgets/ask-key.js';
import { drawnArea } from './blessed-screen.js';
import { scrollRows } from './scroll-rows.js';
import { pickReportReason } from './widgets/report-picker.js';
import { questionOpenOver } from './widgets/question-open.js';

const LOAD = 40;
// A reader paging through a 5,000-post thread keeps at most this many posts laid out.
const KEEP = 300;

type Key = { name?: string; ctrl?: boolean; meta?: boolean; shift?: boolean };

/**
 * A thread: its posts in order, opened at the first unread post (or at `at`), scrolling by
 * line and page. Posts become read as their header comes into view, but only when the view
 * reaches them from the member's first unread post, so nothing skipped over (a search hit
 * opened further down, End) is ever marked read unseen. Only a window of posts is loaded;
 * more are fetched as the reader nears either end.
 */
export function threadView(opts: {
  threadId: number;
  at?: number;
  /** Built again after sleeping: the line at the top of the view, and the posts the reader opened. */
  resumed?: { anchor?: { id: number; offset: number }; unfolded: number[] };
}): ScreenFactory {
  return (ctx): ScreenView => {
    const member = ctx.session.member!;
    const { boards, blocks, hub } = ctx.services;
    const first = boards.posts.window(member, opts.threadId, { at: opts.at, before: 10, after: LOAD });
    let thread = first.thread;
    let posts: Post[] = first.posts;
    let firstPosition = first.firstPosition;
    let hasBefore = first.hasBefore;
    let hasAfter = first.hasAfter;
    const newAfter = first.readUpTo;
    let firstUnread = boards.reads.firstUnread(member.id, thread.id);
    let blocked = blocks.blockedIds(member.id);
    const unfolded = new Set<number>(opts.resumed?.unfolded);
    const mutedWords = ctx.services.safety.mutedWordMatcher(member.id);
    const mutedHits = new Map<number, { body: string; hit: boolean }>();
    /** Holds a word the reader muted (their own posts never fold for them). */
    const hasMutedWord = (p: Post): boolean => {
      if (mutedWords.size === 0 || p.deleted || p.authorId === member.id) return false;
      const known = mutedHits.get(p.id);
      if (known && known.body === p.body) return known.hit;
      const hit = mutedWords.find(`${p.subject ?? ''}\n${p.contentWarning ?? ''}\n${p.body}`) !== undefined;
      mutedHits.set(p.id, { body: p.body, hit });
      return hit;
    };
    let cursor = Math.max(0, posts.findIndex((p) => p.id === first.focusPostId));
    let top = 0;
    let lines: string[] = [];
    let owner: number[] = [];
    let starts: number[] = [];
    const cache = new Map<number, { key: string; lines: string[] }>();

    const container = blessed.box({ parent: ctx.body, top: 0, left: 0, width: '100%', height: '100%' });
    const heading = blessed.box({ parent: container, top: 0, left: 0, width: '100%', height: 1, tags: true, wrap: false });
    const view = blessed.box({
      parent: container, top: 1, left: 0, width: '100%', height: '100%-1', tags: true, wrap: false, keyable: true,
    } as blessed.Widgets.BoxOptions);

    const height = () => Math.max(1, Number(view.height));
    const width = () => Math.max(2, Number(view.width));
    const maxTop = () => Math.max(0, lines.length - height());
    const isActive = () => {
      for (let el: blessed.Widgets.Node | undefined = ctx.screen.focused; el; el = el.parent) if (el === container) return true;
      return false;
    };

    /** Behind a content warning, from a blocked member or holding a muted word, and not opened by the reader. */
    const isFolded = (p: Post): boolean =>
      (p.contentWarning !== null || blocked.has(p.authorId) || hasMutedWord(p)) && !unfolded.has(p.id) && !(p.authorId === member.id && !blocked.has(p.authorId));

    const linesOf = (p: Post, i: number): string[] => {
      const look = {
        position: firstPosition + i,
        cursor: i === cursor,
        isNew: p.id > newAfter && p.authorId !== member.id,
        unfolded: unfolded.has(p.id) || (p.authorId === member.id && !blocked.has(p.authorId)),
        blocked: blocked.has(p.authorId),
        muted: hasMutedWord(p),
        mine: p.authorId === member.id,
      };
      const key = `${width()}|${member.timeZone}|${JSON.stringify(look)}`;
      const hit = cache.get(p.id);
      if (hit && hit.key === key) return hit.lines;
      const made = postLines(p, look, width(), ctx.theme, member.timeZone);
      cache.set(p.id, { key, lines: made });
      return made;
    };

    /** The post at the top of the view and how far into it the view starts. */
    const anchorNow = () => {
      const i = owner[top];
      return i === undefined || posts[i] === undefined ? undefined : { id: posts[i].id, offset: top - starts[i] };
    };

    /** Lays the loaded posts out again, keeping the line at the top of the view in place. */
    const relayout = (anchor = anchorNow()) => {
      lines = [];
      owner = [];
      starts = [];
      posts.forEach((p, i) => {
        starts.push(lines.length);
        for (const l of linesOf(p, i)) {
          lines.push(l);
          owner.push(i);
        }
      });
      // The end of a locked thread says why there is no reply below it.
      if (thread.locked && !hasAfter && posts.length) {
        for (const l of wrapText(LOCKED, Math.max(2, width() - 1))) {
          lines.push(` {bold}${escapeTags(l)}{/bold}`);
          owner.push(posts.length - 1);
        }
      }
      const at = anchor === undefined ? -1 : posts.findIndex((p) => p.id === anchor.id);
      if (at >= 0) top = starts[at] + Math.min(anchor!.offset, postEnd(at) - starts[at] - 1);
      top = Math.max(0, Math.min(top, maxTop()));
    };
    const postEnd = (i: number) => (i + 1 < starts.length ? starts[i + 1] : lines.length);

    const loadMore = (): boolean => {
      let changed = false;
      const h = height();
      if (hasAfter && top + 2 * h >= lines.length && posts.length) {
        const more = boards.posts.after(member, thread.id, posts[posts.length - 1].id, LOAD);
        posts = posts.concat(more);
        hasAfter = more.length === LOAD;
        changed = more.length > 0;
      }
      if (hasBefore && top < h && posts.length) {
        const more = boards.posts.before(member, thread.id, posts[0].id, LOAD);
        posts = more.concat(posts);
        firstPosition -= more.length;
        hasBefore = firstPosition > 1;
        cursor += more.length;
        changed = changed || more.length > 0;
      }
      if (posts.length > KEEP) {
        const drop = posts.length - KEEP;
        if (cursor >= posts.length / 2) {
          posts = posts.slice(drop);
          firstPosition += drop;
          cursor -= drop;
          hasBefore = true;
        } else {
          posts = posts.slice(0, KEEP);
          hasAfter = true;
        }
        changed = true;
      }
      return changed;
    };

    /** Marks read what is on screen, when the view has come to it from the first unread post. */
    const markSeen = () => {
      if (firstUnread === undefined || !isActive() || lines.length === 0) return;
      const end = Math.min(lines.length, top + height());
      const firstShown = owner[top];
      let lastHeader = -1;
      for (let i = firstShown; i < posts.length && starts[i] < end; i++) if (starts[i] >= top || i === firstShown) lastHeader = i;
      if (lastHeader < 0 || posts[firstShown].id > firstUnread || posts[lastHeader].id < firstUnread) return;
      if (boards.reads.markRead(member.id, thread.id, posts[lastHeader].id)) firstUnread = boards.reads.firstUnread(member.id, thread.id);
    };

    const draw = () => {
      const anchor = anchorNow();
      if (loadMore()) relayout(anchor);
      const w = width();
      const pos = `${(firstPosition + cursor).toLocaleString('en-US')}/${thread.postCount.toLocaleString('en-US')} `;
      const subject = (thread.locked ? '[Locked] ' : '') + (thread.deleted ? '(deleted by author)' : thread.subject);
      const left = truncateToWidth(` ${subject}`, Math.max(1, w - displayWidth(pos) - 1));
      heading.setContent(`{bold}${escapeTags(left)}{/bold}${' '.repeat(Math.max(1, w - displayWidth(left) - displayWidth(pos)))}${escapeTags(pos)}`);
      view.setContent(lines.slice(top, top + height()).join('\n'));
      markSeen();
      ctx.screen.render();
    };

    /** Moves the cursor to post `i` and its header to the top of the view. */
    const focusPost = (i: number) => {
      cursor = Math.max(0, Math.min(posts.length - 1, i));
      relayout();
      top = Math.min(starts[cursor] ?? 0, maxTop());
      draw();
    };

    const openAt = (postId: number) => {
      const i = posts.findIndex((p) => p.id === postId);
      if (i >= 0) return focusPost(i);
      const w = boards.posts.window(member, thread.id, { at: postId, before: 10, after: LOAD });
      ({ thread, posts, firstPosition, hasBefore, hasAfter } = w);
      owner = [];
      starts = [];
      top = 0;
      focusPost(Math.max(0, posts.findIndex((p) => p.id === w.focusPostId)));
    };

    const scroll = (by: number) => {
      const before = top;
      top = Math.max(0, Math.min(top + by, maxTop()));
      const h = height();
      const atEnd = top === maxTop() && !hasAfter;
      if (atEnd && by > 1) {
        // A page down that reaches the end puts the cursor on the last post.
        cursor = posts.length - 1;
      } else if (top === before && by > 0 && atEnd && cursor < posts.length - 1) {
        // At the end: the cursor walks on through the posts still in view.
        cursor++;
      } else if (owner[top] !== undefined && (starts[cursor] >= top + h || postEnd(cursor) <= top)) {
        // The cursor's post left the view: it moves to the first post whose header is in view.
        let i = owner[top];
        if (starts[i] < top && i + 1 < posts.length && starts[i + 1] < top + h) i++;
        cursor = i;
      }
      relayout();
      // The terminal moves the rows still in view itself; the paint then sends the new ones.
      const area = drawnArea(view);
      if (area && top !== before) scrollRows(ctx.screen, area, top - before);
      draw();
    };

    const attempt = (work: () => void) => attemptIn(ctx, work);

    const current = () => posts[cursor];
    const refreshPost = (id: number) => {
      const i = posts.findIndex((p) => p.id === id);
      if (i < 0) return;
      posts[i] = boards.posts.get(member, id);
      cache.delete(id);
    };

    const startReply = (quote?: Post) => {
      if (thread.allDeleted) return ctx.status('Every post in this thread was deleted, so it takes no replies.', 'error');
      if (thread.locked && !thread.canModerate) return ctx.status(LOCKED, 'error');
      if (!thread.canReply) return ctx.status(`Only the sysop and moderators post in ${thread.boardName}.`, 'error');
      if (thread.locked) ctx.status('This thread is locked: you reply as staff.');
      ctx.nav.push(
        replyCompose(thread, quote, (postId) => {
          ctx.nav.pop();
          attempt(() => openAt(postId));
        }),
      );
    };

    const ask = (question: string, onYes: () => void) => {
      askKey(ctx, { parent: container, question, restore: () => view.focus(), onAnswer: (yes) => yes && attempt(onYes) });
    };

    const moderate = () => {
      if (!thread.canModerate) return ctx.status(`Only a sysop or the moderators of ${thread.boardName} can moderate here.`, 'error');
      openModerateMenu(ctx, {
        parent: container,
        thread,
        post: current(),
        position: firstPosition + cursor,
        restore: () => view.focus(),
        changed: () => {
          thread = boards.posts.thread(member, thread.id);
          relayout();
          draw();
        },
      });
    };

    const newscan = () =>
      attempt(() => {
        const next = boards.nextUnread(member, { boardId: thread.boardId, threadId: thread.id });
        if (!next) return ctx.status('No unread posts left: you are all caught up.');
        if (next.threadId === thread.id) return openAt(next.postId);
        ctx.nav.replace(threadView({ threadId: next.threadId, at: next.postId }));
      });

    const onKey = (ch: string | undefined, key: Key): void => {
      if (key.ctrl || key.meta) return;
      const h = height();
      const post = current();
      const letter = ch && /^[a-z/[\]]$/i.test(ch) ? ch.toLowerCase() : undefined;
      if (key.name === 'down' || letter === 'j') scroll(1);
      else if (key.name === 'up' || letter === 'k') scroll(-1);
      else if (key.name === 'pagedown' || key.name === 'space') scroll(h - 1);
      else if (key.name === 'pageup' || letter === 'b') scroll(-(h - 1));
      else if (key.name === 'home' || ch === 'g') attempt(() => openAt(thread.firstPostId));
      else if (key.name === 'end' || ch === 'G') attempt(() => openAt(boards.posts.thread(member, thread.id).lastPostId));
      else if (key.name === 'tab') focusPost(cursor + (key.shift ? -1 : 1));
      else if (ch === ']') focusPost(cursor + 1);
      else if (ch === '[') focusPost(cursor - 1);
      else if (key.name === 'escape' || key.name === 'left') ctx.nav.pop();
      else if (letter === 'n') newscan();
      else if (letter === 'r') startReply();
      else if (letter === 'q' && post?.withheld) ctx.status('That post was removed by a moderator: there is nothing to quote.', 'error');
      else if (letter === 'q' && post && isFolded(post)) ctx.status('That post is folded: open it first with O, then quote it.', 'error');
      else if (letter === 'q' && post) startReply(post);
      else if (letter === '/') askSearch(ctx, { boardId: thread.boardId, boardName: thread.boardName, restore: () => view.focus() });
      else if (letter === 'm') moderate();
      else if (!post) return;
      else if (key.name === 'enter' || letter === 'o') {
        if (unfolded.has(post.id)) unfolded.delete(post.id);
        else unfolded.add(post.id);
        relayout();
        draw();
      } else if (letter === 's') {
        attempt(() => {
          const { supported } = boards.posts.toggleSupport(member, post.id);
          ctx.status(supported ? `You sent ${post.authorName} your support.` : 'Your support is taken back.');
        });
      } else if (letter === 'e') {
        if (post.authorId !== member.id) return ctx.status('You can only edit your own posts.', 'error');
        if (post.deleted) return ctx.status('That post is deleted.', 'error');
        ctx.nav.push(editCompose(post, () => ctx.nav.pop()));
      } else if (letter === 'd') {
        if (post.authorId !== member.id) return ctx.status('You can only delete your own posts.', 'error');
        ask('Delete this post? Its words go for good; replies stay.', () => {
          boards.posts.remove(member, post.id);
          ctx.status('Your post is deleted.');
        });
      } else if (ch === '!') {
        if (post.authorId === member.id) return ctx.status('That is your own post.', 'error');
        if (post.deleted) return ctx.status('That post is deleted.', 'error');
        pickReportReason(ctx, {
          about: `${post.authorName}'s post`,
          restore: () => view.focus(),
          onPicked: (choice) =>
            attempt(() => {
              const report = ctx.services.reports.reportPost(member, post.id, choice);
              ctx.status(ctx.services.reports.thankYou(report));
            }),
        });
      } else if (letter === 'x') {
        if (post.authorId === member.id) return ctx.status('That is your own post.', 'error');
        const name = post.authorName;
        ask(`Block ${name}? Their posts fold and they cannot mail you. They are not told.`, () => {
          blocks.block(member.id, post.authorId);
          ctx.status(`${name} is blocked. Settings > Blocked members undoes it.`);
        });
      }
    };
    view.on('keypress', (ch: string | undefined, key: Key) => attempt(() => onKey(ch, key)));

    // Live: replies arrive, edits, deletes and support show, without reopening the thread.
    const offs = [
      hub.on('post:created', (e) =>
        e.threadId === thread.id &&
        attempt(() => {
          thread = boards.posts.thread(member, thread.id);
          if (!hasAfter) {
            const more = boards.posts.after(member, thread.id, posts[posts.length - 1]?.id ?? 0, LOAD);
            posts = posts.concat(more);
            hasAfter = more.length === LOAD;
          }
          if (firstUnread === undefined) firstUnread = boards.reads.firstUnread(member.id, thread.id);
          relayout();
          draw();
        }),
      ),
      hub.on('post:changed', (e) =>
        e.threadId === thread.id &&
        attempt(() => {
          refreshPost(e.postId);
          thread = boards.posts.thread(member, thread.id);
          relayout();
          draw();
        }),
      ),
      hub.on('blocks:changed', (e) =>
        e.memberId === member.id &&
        attempt(() => {
          blocked = blocks.blockedIds(member.id);
          relayout();
          draw();
        }),
      ),
    ];
    const onResize = () =>
      attempt(() => {
        relayout();
        draw();
      });
    ctx.screen.on('resize', onResize);

    relayout();
    top = Math.min(starts[cursor] ?? 0, maxTop());
    if (opts.resumed?.anchor) relayout(opts.resumed.anchor);
    return {
      title: thread.boardName,
      place: 'Boards',
      hints: [
        ...(thread.canModerate ? [{ key: 'M', label: 'oderate' }] : []),
        { key: 'N', label: 'ext unread' },
        { key: 'R', label: 'eply' },
        { key: 'Q', label: 'uote' },
        { key: 'S', label: 'upport' },
        { key: 'O', label: 'pen' },
        { key: 'E', label: 'dit' },
        { key: 'D', label: 'elete' },
        { key: 'X', label: ' Block' },
        { key: '!', label: ' Report' },
        { key: '/', label: ' Search' },
        { key: 'Esc', label: ' Back' },
      ],
      focus() {
        // An open question takes the keyboard back by itself.
        view.focus();
        draw();
      },
      // Nothing here changes while the reader reads; but a question or menu open over the post
      // (it holds the keyboard) cannot be rebuilt.
      resume: () =>
        questionOpenOver(ctx, view) || !posts[cursor]
          ? undefined
          : threadView({ threadId: thread.id, at: posts[cursor]!.id, resumed: { anchor: anchorNow(), unfolded: [...unfolded] } }),
      dispose() {
        for (const off of offs) off();
        ctx.screen.removeListener('resize', onResize);
        container.destroy();
      },
    };
  };
}
