import type { ScreenContext } from './context.js';
import { confirmKey } from './widgets/confirm-key.js';

/** Asks "Log off?" as classic BBSes do: Y or Enter logs off; N or any other key stays. */
export function confirmLogOff(ctx: ScreenContext, restore: () => void): void {
  confirmKey(ctx, { question: 'Log off?', yesByDefault: true, restore, onYes: () => ctx.nav.goodbye() });
}
