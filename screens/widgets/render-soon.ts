import { isDestroyed } from '../blessed-internals.js';
import type { BlessedScreen } from '../context.js';

const pending = new WeakSet<BlessedScreen>();

/**
 * Renders once after the current burst of input: a paste arrives as hundreds of keypress
 * events in one tick, and rendering after each would block the loop (hazard 4).
 */
export function renderSoon(screen: BlessedScreen): void {
  if (pending.has(screen)) return;
  pending.add(screen);
  setImmediate(() => {
    pending.delete(screen);
    if (!isDestroyed(screen)) screen.render();
  });
}
