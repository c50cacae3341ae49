import blessed from 'blessed';
import { displayWidth, escapeTags, wrapText } from '../../src/text/index.js';
import type { ScreenContext } from '../context.js';
import { bottomBox } from './bottom-box.js';
import { createLineInput } from './line-input.js';
import { holdQuestion, type QuestionHold } from './question.js';

/**
 * Asks one line of text in a small box over the body (Enter answers, Esc cancels), then
 * gives focus back to `restore`. A question too long for the box's border is written out
 * whole above the field. Resources (Ctrl-R) can open over it; the typed text waits.
 */
export function askLine(
  ctx: ScreenContext,
  opts: { question: string; value?: string; maxLength: number; censor?: boolean; onAnswer(value: string): void; restore(): void },
): QuestionHold {
  const width = Math.max(10, Number(ctx.body.width));
  const fitsBorder = displayWidth(opts.question) + 4 <= width;
  const questionRows = fitsBorder ? [] : wrapText(opts.question, width - 3).slice(0, Math.max(1, Number(ctx.body.height) - 3));
  const box = bottomBox(ctx, { height: 3 + questionRows.length, ...(fitsBorder ? { label: ` ${opts.question} ` } : {}) });
  if (questionRows.length) {
    blessed.box({
      parent: box, top: 0, left: 0, width: '100%-2', height: questionRows.length,
      tags: true, wrap: false, content: `{bold}${escapeTags(questionRows.join('\n'))}{/bold}`,
    });
  }
  const input = createLineInput({
    parent: box,
    screen: ctx.screen,
    top: questionRows.length,
    left: 0,
    width: '100%-2',
    value: opts.value,
    maxLength: opts.maxLength,
    censor: opts.censor,
    style: ctx.theme.monochrome ? { underline: true } : { bg: 'blue', fg: 'white' },
    onSubmit(value) {
      hold.finish(() => opts.onAnswer(value));
    },
    onCancel: () => hold.finish(),
  });
  // The field's own listeners (render hook, escape filter) go with the box, however it goes.
  box.once('destroy', () => input.destroy());
  const hold = holdQuestion(ctx, box, () => input.box, opts.restore);
  input.focus();
  ctx.render();
  return hold;
}
