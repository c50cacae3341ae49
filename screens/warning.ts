import type { Sanction } from '../src/services/sanctions.js';
import { formatLongDate } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { plainToPage, questionPage } from './text-page.js';

/**
 * A warning from the staff, over whatever the member was doing: it stays until they press A,
 * which records that they read it, then shows the next one or goes back.
 */
export function warningScreen(opts: { warning: Sanction; onDone(): void }): ScreenFactory {
  return (ctx: ScreenContext): ScreenView => {
    const { services } = ctx;
    const member = ctx.session.member!;
    const w = opts.warning;
    const text = () =>
      `A WARNING FROM THE MODERATORS\n\n${w.reason}\n\n` +
      `Sent on ${formatLongDate(w.createdAt, member.timeZone)}. Please take it to heart: ` +
      'a further problem may mean losing access for a while.';
    // What to press goes first: the status line may cover the foot of a small window.
    const { view, dispose } = questionPage(ctx, {
      page: (width) => plainToPage(text(), width),
      question: 'Press A to acknowledge.',
      questionAt: 'top',
    });
    let done = false;
    view.on('keypress', (ch: string | undefined) => {
      if (done || (ch !== 'a' && ch !== 'A')) return;
      done = true;
      services.sanctions.acknowledge(member, w.id);
      opts.onDone();
    });
    return {
      title: 'Warning',
      hints: [
        { key: 'A', label: 'cknowledge' },
        { key: 'Space', label: ' More' },
      ],
      focus: () => view.focus(),
      dispose,
    };
  };
}
