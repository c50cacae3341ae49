import blessed from 'blessed';
import type { Member } from '../src/services/accounts.js';
import { escapeTags, formatDateTime } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { innerWidth, plainToPage } from './text-page.js';
import { createTextView } from './widgets/text-view.js';

/**
 * At the log-in that cancelled a deletion: says plainly that the account was going to be
 * deleted and is restored, whole. Enter (or any answer key) goes on to the BBS.
 */
export function accountRestoredNotice(opts: { member: Member; wasGoingAt: number; onContinue(member: Member): void }): ScreenFactory {
  return (ctx: ScreenContext): ScreenView => {
    const text =
      `You asked for your account to be deleted, and it was going to be on ${formatDateTime(opts.wasGoingAt, opts.member.timeZone)}. ` +
      'Because you logged in, it is restored: your posts, mail, keys and settings are all here, just as you left them.\n\n' +
      'If you still want to leave, Settings › Delete my account asks again.';
    const view = createTextView({ parent: ctx.body, top: 0, height: '100%-1', content: '' });
    const layOut = () => view.setContent(`{bold}Welcome back, ${escapeTags(opts.member.name)}.{/bold}\n\n` + plainToPage(text, innerWidth(view)));
    layOut();
    ctx.screen.on('resize', layOut);
    const question = blessed.box({
      parent: ctx.body, bottom: 0, left: 1, width: '100%-2', height: 1, tags: true, wrap: false,
      content: '{bold}Your account is restored. Press Enter.{/bold}',
    });
    view.on('keypress', (_ch: string | undefined, key: { name?: string }) => {
      if (key.name === 'enter') opts.onContinue(opts.member);
    });
    return {
      title: 'Account restored',
      place: 'Logging in',
      hints: [{ key: 'Enter', label: ' Continue' }],
      focus: () => view.focus(),
      dispose() {
        ctx.screen.removeListener('resize', layOut);
        view.destroy();
        question.destroy();
      },
    };
  };
}
