import type { Box, ScreenContext } from '../context.js';
import { drawnArea, repaintArea } from '../blessed-screen.js';

/** An open question's hold on its screen, shared by every kind of question. */
export interface QuestionHold {
  /** True until answered, cancelled, or gone with its screen. */
  isOpen(): boolean;
  /** Gives the question the keyboard (after Resources closed over it). */
  focus(): void;
  /**
   * Ends the question: its widgets go, the cells it covered are painted again, focus goes
   * back to the screen below, and then `after` runs. Only the first call does anything, so
   * a late key (CR arrives as two keys) can never answer twice.
   */
  finish(after?: () => void): void;
}

/**
 * The lifecycle of a question asked in a box over a screen's body (one line of text, a key,
 * yes or no). While open it holds the keyboard for its screen: when the screen takes focus
 * back (Resources, opened from anywhere with Ctrl-R, has closed), the question gets it, with
 * whatever was typed still there. Answered, or gone with its screen, it is gone for good: no
 * widget, no key handler, and no cell of it left on the member's terminal.
 */
export function holdQuestion(ctx: ScreenContext, box: Box, keyTarget: () => Box, restore: () => void): QuestionHold {
  const page = ctx.body;
  let open = true;
  const inside = (el: unknown) => {
    for (let n = el as Box | undefined; n; n = n.parent as Box | undefined) if (n === box) return true;
    return false;
  };
  // The screen below focusing its own widget while we wait is the navigator showing it again.
  const onFocus = (el: unknown) => {
    if (open && !inside(el)) keyTarget().focus();
  };
  const release = () => {
    open = false;
    page.removeListener('element focus', onFocus);
  };
  page.on('element focus', onFocus);
  // The screen went (the member logged off, or was moved elsewhere) with the question open.
  box.once('destroy', release);

  return {
    isOpen: () => open,
    focus() {
      if (open) keyTarget().focus();
    },
    finish(after) {
      if (!open) return;
      release();
      const covered = drawnArea(box);
      box.destroy();
      if (covered) repaintArea(ctx.screen, covered);
      restore();
      after?.();
      ctx.render();
    },
  };
}
