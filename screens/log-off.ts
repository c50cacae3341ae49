import type { ScreenContext } from './context.js';
import { confirmKey } from './widgets/confirm-key.js';

/**
 * Asks "Log off? Y/n" as classic BBSes do: Y, or Enter (the capital letter is the default),
 * logs off; N or any other key stays. The question's own widget takes Y as its yes; Enter is
 * noticed here, on the screen, which hears every key before the focused widget does.
 */
export function confirmLogOff(ctx: ScreenContext, restore: () => void): void {
  let enterPressed = false;
  let question: unknown;
  const onKey = (_ch: unknown, key: { name?: string }) => {
    if (key.name === 'enter' && ctx.screen.focused === question) enterPressed = true;
  };
  const stopListening = () => ctx.screen.removeListener('keypress', onKey);
  confirmKey(ctx, {
    question: 'Log off? Y/n',
    restore() {
      stopListening();
      restore();
      if (enterPressed) ctx.nav.goodbye();
    },
    onYes: () => ctx.nav.goodbye(),
  });
  // confirmKey gives its question the keyboard at once; if another screen takes it, the
  // question is gone and so is this listener.
  question = ctx.screen.focused;
  ctx.screen.on('keypress', onKey);
  (question as { once?(event: string, fn: () => void): void }).once?.('destroy', stopListening);
}
