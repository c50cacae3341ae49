import blessed from 'blessed';
import type { ScreenContext } from '../context.js';

/** The bordered three-line box at the foot of the body that questions are asked in. */
export function bottomBox(ctx: ScreenContext, opts: blessed.Widgets.BoxOptions = {}): blessed.Widgets.BoxElement {
  return blessed.box({
    parent: ctx.body,
    bottom: 0,
    left: 0,
    width: '100%',
    height: 3,
    border: { type: 'line' },
    style: { border: ctx.theme.border },
    ...opts,
  } as blessed.Widgets.BoxOptions);
}
