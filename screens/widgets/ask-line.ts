import type { ScreenContext } from '../context.js';
import { bottomBox } from './bottom-box.js';
import { createLineInput } from './line-input.js';

/**
 * Asks one line of text in a small box over the body (Enter answers, Esc cancels), then
 * gives focus back to `restore`.
 */
export function askLine(
  ctx: ScreenContext,
  opts: { question: string; value?: string; maxLength: number; censor?: boolean; onAnswer(value: string): void; restore(): void },
): void {
  const box = bottomBox(ctx, { label: ` ${opts.question} ` });
  let closed = false;
  const close = (restore = true) => {
    if (closed) return;
    closed = true;
    input.destroy();
    box.destroy();
    if (restore) opts.restore();
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
    onCancel: () => close(),
  });
  // Another screen taking the keyboard (Resources, from anywhere) cancels the question: it
  // must not linger over the screen below, holding text while keys go elsewhere.
  input.box.on('blur', () => close(false));
  input.focus();
  ctx.screen.render();
}
