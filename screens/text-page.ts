import { escapeTags, wrapText } from '../src/text/index.js';
import type { ScreenFactory, ScreenView } from './context.js';
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
