import blessed from 'blessed';
import { truncateToWidth } from '../../src/text/index.js';
import type { Box, ScreenContext } from '../context.js';

/**
 * Asks a yes/no question on the last line of `parent` and answers on the next key: y is
 * yes, anything else is no (so a stray key never deletes or blocks). Focus then goes back
 * to `restore`. The returned handle lets the screen give the question the keyboard back
 * after Resources (Ctrl-R) was opened over it.
 */
export function askKey(
  ctx: ScreenContext,
  opts: { parent: Box; question: string; onAnswer(yes: boolean): void; restore(): void },
): { isOpen(): boolean; focus(): void; close(): void } {
  let open = true;
  const box = blessed.box({
    parent: opts.parent,
    bottom: 0,
    left: 0,
    width: '100%',
    height: 1,
    tags: false,
    wrap: false,
    keyable: true,
    style: ctx.theme.statusError,
    content: truncateToWidth(` ${opts.question} (y/n)`, Math.max(1, Number(opts.parent.width))),
  } as blessed.Widgets.BoxOptions);
  box.on('keypress', (ch: string | undefined, key: { name?: string; ctrl?: boolean }) => {
    // CR arrives as 'enter' then 'return'; Ctrl-R opens Resources over us and we keep waiting.
    if (key.name === 'return' || key.ctrl) return;
    open = false;
    box.destroy();
    opts.restore();
    opts.onAnswer(ch === 'y' || ch === 'Y');
    ctx.screen.render();
  });
  box.setFront();
  box.focus();
  ctx.screen.render();
  return {
    isOpen: () => open,
    focus: () => box.focus(),
    close() {
      if (!open) return;
      open = false;
      box.destroy();
    },
  };
}
