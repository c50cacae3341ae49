import blessed from 'blessed';
import type { ScreenContext } from '../context.js';
import { createLineInput } from './line-input.js';

/**
 * Asks one line of text in a small box over the body (Enter answers, Esc cancels), then
 * gives focus back to `restore`.
 */
export function askLine(
  ctx: ScreenContext,
  opts: { question: string; value?: string; maxLength: number; censor?: boolean; onAnswer(value: string): void; restore(): void },
): void {
  const box = blessed.box({
    parent: ctx.body,
    bottom: 0,
    left: 0,
    width: '100%',
    height: 3,
    border: { type: 'line' },
    style: { border: ctx.theme.border },
    label: ` ${opts.question} `,
  });
  const close = () => {
    input.destroy();
    box.destroy();
    opts.restore();
    ctx.screen.render();
  };
  const input = createLineInput({
    parent: box,
    screen: ctx.screen,
    top: 0,
    left: 0,
    width: '100%-2',
    value: opts.value,
    maxLength: opts.maxLength,
    censor: opts.censor,
    style: ctx.theme.monochrome ? { underline: true } : { bg: 'blue', fg: 'white' },
    onSubmit(value) {
      close();
      opts.onAnswer(value);
    },
    onCancel: close,
  });
  input.focus();
  ctx.screen.render();
}
