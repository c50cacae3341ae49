import blessed from 'blessed';
import { wrapText } from '../../src/text/index.js';
import type { Box, ScreenContext } from '../context.js';
import { holdQuestion, type QuestionHold } from './question.js';

/**
 * Asks a yes/no question at the foot of `parent` and answers on the next key: y is yes,
 * anything else is no (so a stray key never deletes or blocks). Focus then goes back to
 * `restore`. A long question wraps upward, so its answer keys always show.
 */
export function askKey(
  ctx: ScreenContext,
  opts: { parent: Box; question: string; onAnswer(yes: boolean): void; restore(): void },
): QuestionHold {
  const rows = wrapText(` ${opts.question} (y/n)`, Math.max(2, Number(opts.parent.width) - 1));
  const box = blessed.box({
    parent: opts.parent,
    bottom: 0,
    left: 0,
    width: '100%',
    height: Math.min(rows.length, Math.max(1, Number(opts.parent.height))),
    tags: false,
    wrap: false,
    keyable: true,
    style: ctx.theme.statusError,
    content: rows.join('\n'),
  } as blessed.Widgets.BoxOptions);
  const hold = holdQuestion(ctx, box, () => box, opts.restore);
  box.on('keypress', (ch: string | undefined, key: { name?: string; ctrl?: boolean }) => {
    // CR arrives as 'enter' then 'return'; Ctrl-R opens Resources over us and we keep waiting.
    if (!hold.isOpen() || key.name === 'return' || key.ctrl) return;
    hold.finish(() => opts.onAnswer(ch === 'y' || ch === 'Y'));
  });
  box.setFront();
  box.focus();
  ctx.render();
  return hold;
}
