import type blessed from 'blessed';
import type { ScreenContext } from '../context.js';

/**
 * True when something of this screen's own, other than `own` (its list or text), holds the
 * keyboard: a question or menu open over it, whose state a rebuilt screen would not have.
 * A screen lower in the stack, under another, has nothing of its own focused.
 */
export function questionOpenOver(ctx: Pick<ScreenContext, 'screen' | 'body'>, own: blessed.Widgets.BlessedElement): boolean {
  const focused = ctx.screen.focused;
  if (!focused || focused === own) return false;
  for (let el: blessed.Widgets.Node | undefined = focused; el; el = el.parent) if (el === ctx.body) return true;
  return false;
}
