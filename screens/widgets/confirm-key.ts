import type blessed from 'blessed';
import { escapeTags, wrapText } from '../../src/text/index.js';
import type { ScreenContext } from '../context.js';
import { bottomBox } from './bottom-box.js';
import { holdQuestion, type QuestionHold } from './question.js';

const KEYS = '[Y]es [N]o';
const KEYS_YES_BY_DEFAULT = '[Y]es (Enter) [N]o';

/**
 * Asks a yes/no question in a small box over the body: Y answers yes, any other key no.
 * Then gives focus back to `restore`. The question is plain text (escaped here), written
 * out whole on as many lines as it needs, the answer keys first. With `yesByDefault`, Enter
 * is yes too (as in a classic BBS's "Log off? Y/n").
 */
export function confirmKey(
  ctx: ScreenContext,
  opts: { question: string; yesByDefault?: boolean; onYes(): void; restore(): void },
): QuestionHold {
  const keys = opts.yesByDefault ? KEYS_YES_BY_DEFAULT : KEYS;
  const width = Math.max(10, Number(ctx.body.width)) - 3;
  const rows = wrapText(`${keys} ${opts.question}`, width).slice(0, Math.max(1, Number(ctx.body.height) - 2));
  const box = bottomBox(ctx, {
    height: rows.length + 2,
    tags: true,
    wrap: false,
    keyable: true,
    content: ` {bold}${escapeTags(keys)}{/bold}${escapeTags(rows.join('\n ').slice(keys.length))}`,
  } as blessed.Widgets.BoxOptions);
  const hold = holdQuestion(ctx, box, () => box, opts.restore);
  box.on('keypress', (ch: string | undefined, key: { name?: string; ctrl?: boolean }) => {
    // CR arrives as 'enter' then 'return': the second can never answer a question the first closed.
    // Ctrl keys (Ctrl-R for Resources) are not an answer.
    if (!hold.isOpen() || key.name === 'return' || key.ctrl) return;
    const yes = ch === 'y' || ch === 'Y' || (opts.yesByDefault === true && key.name === 'enter');
    hold.finish(() => {
      if (yes) opts.onYes();
    });
  });
  box.focus();
  ctx.render();
  return hold;
}
