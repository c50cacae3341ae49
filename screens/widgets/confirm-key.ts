import type blessed from 'blessed';
import { escapeTags } from '../../src/text/index.js';
import type { ScreenContext } from '../context.js';
import { bottomBox } from './bottom-box.js';

/**
 * Asks a yes/no question in a small box over the body: Y answers yes, any other key no.
 * Then gives focus back to `restore`. The question is plain text (escaped here).
 */
export function confirmKey(ctx: ScreenContext, opts: { question: string; onYes(): void; restore(): void }): void {
  const box = bottomBox(ctx, {
    tags: true,
    wrap: false,
    keyable: true,
    // The answer keys first: a long question is cut at the edge, never the keys.
    content: ` {bold}[Y]es [N]o{/bold} ${escapeTags(opts.question)}`,
  } as blessed.Widgets.BoxOptions);
  let answered = false;
  box.on('keypress', (ch: string | undefined, key: { name?: string; ctrl?: boolean }) => {
    // CR arrives as 'enter' then 'return'; answer on the first only, so the second cannot reach the screen below.
    // Ctrl keys (Ctrl-R for Resources) are not an answer.
    if (key.name === 'return' || key.ctrl || answered) return;
    answered = true;
    box.destroy();
    opts.restore();
    if (ch === 'y' || ch === 'Y') opts.onYes();
    ctx.screen.render();
  });
  // Another screen taking the keyboard (Resources, from anywhere) is a no: the question
  // must not linger over the screen below after that one closes.
  box.on('blur', () => {
    if (answered) return;
    answered = true;
    box.destroy();
  });
  box.focus();
  ctx.screen.render();
}
