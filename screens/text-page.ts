import { escapeTags } from '../src/text/index.js';
import type { ScreenFactory, ScreenView } from './context.js';
import { createTextView } from './widgets/text-view.js';

/** A screen that shows one page of text and goes back on Esc, Left or q. */
export function textPage(title: string, place: string, content: (ctx: Parameters<ScreenFactory>[0]) => string): ScreenFactory {
  return (ctx): ScreenView => {
    const view = createTextView({ parent: ctx.body, top: 0, height: '100%', content: content(ctx) });
    view.key(['escape', 'left', 'q'], () => ctx.nav.pop());
    return {
      title,
      place,
      hints: [
        { key: 'Esc', label: ' Back' },
        { key: 'Space', label: ' More' },
      ],
      focus: () => view.focus(),
      dispose: () => view.destroy(),
    };
  };
}

/** Escapes plain text for a tagged page, turning lines in capitals into bold headings. */
export function plainToPage(text: string): string {
  return text
    .split('\n')
    .map((line) => (/^[A-Z][A-Z &,'-]+$/.test(line.trim()) ? `{bold}${escapeTags(line)}{/bold}` : escapeTags(line)))
    .join('\n');
}
