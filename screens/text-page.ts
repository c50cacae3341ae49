import blessed from 'blessed';
import { escapeTags, wrapText } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { createTextView } from './widgets/text-view.js';

/** A screen that shows a page of plain text, wrapped to the window, and goes back on Esc, Left or q. */
export function textPage(title: string, place: string, text: (ctx: Parameters<ScreenFactory>[0]) => string): ScreenFactory {
  return (ctx): ScreenView => {
    const view = createTextView({ parent: ctx.body, top: 0, height: '100%', content: '' });
    const draw = () => view.setContent(plainToPage(text(ctx), innerWidth(view)));
    draw();
    const onResize = () => draw();
    ctx.screen.on('resize', onResize);
    view.key(['escape', 'left', 'q'], () => ctx.nav.pop());
    return {
      title,
      place,
      hints: [
        { key: 'Esc', label: ' Back' },
        { key: 'Space', label: ' More' },
      ],
      focus: () => view.focus(),
      dispose: () => {
        ctx.screen.removeListener('resize', onResize);
        view.destroy();
      },
    };
  };
}

/**
 * A page of text with a question that stays in view under it (or over it: the status line may
 * cover the foot of a small window), however small the window. `page` is asked again for the
 * window's width on every resize.
 */
export function questionPage(
  ctx: ScreenContext,
  opts: { page(width: number): string; question: string; questionAt?: 'top' | 'bottom' },
): { view: blessed.Widgets.BoxElement; dispose(): void } {
  const atTop = opts.questionAt === 'top';
  const view = createTextView({ parent: ctx.body, top: atTop ? 1 : 0, height: '100%-1', content: '' });
  const layOut = () => view.setContent(opts.page(innerWidth(view)));
  layOut();
  ctx.screen.on('resize', layOut);
  const question = blessed.box({
    parent: ctx.body,
    ...(atTop ? { top: 0 } : { bottom: 0 }),
    left: 1,
    width: '100%-2',
    height: 1,
    tags: true,
    wrap: false,
    content: `{bold}${opts.question}{/bold}`,
  });
  return {
    view,
    dispose() {
      ctx.screen.removeListener('resize', layOut);
      view.destroy();
      question.destroy();
    },
  };
}

/**
 * A text to accept before going on, with "Do you accept …? [Y/N]" under it: Y accepts, N says
 * that taking part needs it accepted and shows it again from the top, Esc leaves.
 */
export function acceptPage(
  ctx: ScreenContext,
  opts: { title: string; what: string; page(width: number): string; accept(): void },
): ScreenView {
  const { view, dispose } = questionPage(ctx, { page: opts.page, question: `Do you accept ${opts.what}? [Y/N]` });
  view.on('keypress', (ch: string | undefined, key: { name?: string }) => {
    if (ch === 'y' || ch === 'Y') {
      opts.accept();
    } else if (ch === 'n' || ch === 'N') {
      view.setScroll(0);
      ctx.status(`Taking part needs ${opts.what} accepted. Press Y when ready, or Esc to leave.`, 'error');
      ctx.render();
    } else if (key.name === 'escape') {
      ctx.nav.goodbye();
    }
  });
  return {
    title: opts.title,
    place: 'Reading the guidelines',
    hints: [
      { key: 'Y', label: 'es' },
      { key: 'N', label: 'o' },
      { key: 'Space', label: ' More' },
      { key: 'Esc', label: ' Leave' },
    ],
    focus: () => view.focus(),
    dispose,
  };
}

/** The columns a text view has for its text (it keeps one column of padding each side). */
export function innerWidth(view: { width: number | string }): number {
  return Math.max(2, Number(view.width) - 2);
}

/**
 * Wraps plain text to `width` columns and escapes it for a tagged page, turning lines in
 * capitals into bold headings. Each line of the text is a paragraph: texts are written
 * unwrapped and wrapped here, so they fit every window and no word is parted from its
 * punctuation.
 */
export function plainToPage(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const heading = /^[A-Z][A-Z &,'-]+$/.test(line.trim());
      return wrapText(line, width).map((l) => (heading ? `{bold}${escapeTags(l)}{/bold}` : escapeTags(l)));
    })
    .join('\n');
}
