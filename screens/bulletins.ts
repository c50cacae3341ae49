import type { Member } from '../src/services/accounts.js';
import type { Bulletin, MemberBulletin } from '../src/services/bulletins.js';
import { escapeTags, formatDateTime } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { innerWidth, plainToPage, questionPage } from './text-page.js';
import { createTextView } from './widgets/text-view.js';
import { createScope } from './widgets/scope.js';

/** Bulletins as a page: each a bold title (marked NEW when unseen), its date, then its text. */
function bulletinPage(bulletins: Array<Bulletin & { seen?: boolean }>, timeZone: string, width: number): string {
  return bulletins
    .map((b) => {
      const mark = b.seen === false ? '* NEW ' : '';
      return `{bold}${escapeTags(mark + b.title)}{/bold}\n${escapeTags(formatDateTime(b.createdAt, timeZone))}\n${plainToPage(b.body, width)}`;
    })
    .join('\n\n');
}

/**
 * After log-in, the bulletins the member has not seen, newest first; Enter goes on and counts
 * them as seen (a member who drops the connection first sees them again next time).
 */
export function bulletinsAtLogIn(opts: { member: Member; bulletins: Bulletin[]; onContinue(member: Member): void }): ScreenFactory {
  return (ctx: ScreenContext): ScreenView => {
    const { view, dispose } = questionPage(ctx, {
      page: (width) => bulletinPage(opts.bulletins, opts.member.timeZone, width),
      question: opts.bulletins.length === 1 ? 'A new bulletin. Press Enter to go on.' : `${opts.bulletins.length} new bulletins. Press Enter to go on.`,
    });
    view.on('keypress', (_ch: string | undefined, key: { name?: string }) => {
      if (key.name !== 'enter') return;
      ctx.services.bulletins.markSeen(opts.member.id, opts.bulletins.map((b) => b.id));
      opts.onContinue(opts.member);
    });
    return {
      title: 'Bulletins',
      place: 'Logging in',
      hints: [
        { key: 'Enter', label: ' Continue' },
        { key: 'Space', label: ' More' },
      ],
      focus: () => view.focus(),
      dispose,
    };
  };
}

/**
 * Every bulletin, newest first, those the member had not seen marked NEW; opening the list
 * counts them as seen. A bulletin added or removed meanwhile (here or at the console) shows
 * at once.
 */
export const bulletinList: ScreenFactory = (ctx): ScreenView => {
  const scope = createScope(ctx);
  const member = ctx.session.member;
  const view = scope.widget(createTextView({ parent: ctx.body, top: 0, height: '100%', content: '' }));
  const newOnes = new Set<number>();
  const draw = () => {
    if (!member) return;
    const list: MemberBulletin[] = ctx.services.bulletins.listFor(member.id);
    for (const b of list) if (!b.seen) newOnes.add(b.id);
    const shown = list.map((b) => ({ ...b, seen: !newOnes.has(b.id) }));
    view.setContent(shown.length ? bulletinPage(shown, member.timeZone, innerWidth(view)) : 'No bulletins just now.');
    ctx.services.bulletins.markSeen(member.id, list.filter((b) => !b.seen).map((b) => b.id));
  };
  draw();
  scope.onScreen('resize', draw);
  scope.onHub('staff:action', (e) => {
    if (e.action === 'bulletin.add' || e.action === 'bulletin.remove') {
      draw();
      ctx.render();
    }
  });
  view.key(['escape', 'left', 'q'], () => ctx.nav.pop());
  return {
    title: 'Bulletins',
    place: 'Reading bulletins',
    hints: [
      { key: 'Esc', label: ' Back' },
      { key: 'Space', label: ' More' },
    ],
    focus: () => view.focus(),
    dispose: () => scope.dispose(),
  };
};
