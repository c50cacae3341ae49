import blessed from 'blessed';
import { formatDateTime } from '../src/text/index.js';
import type { Member } from '../src/services/accounts.js';
import type { Services } from '../src/services/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { innerWidth, plainToPage } from './text-page.js';
import { createTextView } from './widgets/text-view.js';

/**
 * A member on a break they chose: a kind reminder, and one more question before going on.
 * Y comes in (the break goes on), E ends the break and comes in, N or Esc logs off. Coming
 * in shows `next` in its place when given, or passes the gate.
 */
export function breakReminderAtLogIn(
  member: Member,
  services: Services,
  pass: (member: Member) => void,
  next?: ScreenFactory,
): ScreenFactory | undefined {
  const onBreak = services.safety.currentBreak(member.id);
  if (!onBreak) return undefined;
  return (ctx: ScreenContext): ScreenView => {
    const view = createTextView({ parent: ctx.body, top: 0, height: '100%-1', content: '' });
    const layOut = () =>
      view.setContent(
        '{bold}You are taking a break{/bold}\n\n' +
          plainToPage(
            `You chose to take a break until ${formatDateTime(onBreak.endsAt, member.timeZone)}. ` +
              'Stepping back is a good way to look after yourself, and everything here will keep until you return.\n\n' +
              'Do you want to come in anyway?\n' +
              'Y: come in; your break goes on.\n' +
              'E: end my break and come in.\n' +
              'N or Esc: log off for now.\n\n' +
              'If you need help right now, Ctrl-R shows crisis lines.',
            innerWidth(view),
          ),
      );
    layOut();
    ctx.screen.on('resize', layOut);
    const question = blessed.box({
      parent: ctx.body, bottom: 0, left: 1, width: '100%-2', height: 1, tags: true, wrap: false,
      content: '{bold}Come in anyway? [Y/E/N]{/bold}',
    });
    let answered = false;
    const comeIn = () => (next ? ctx.nav.replace(next) : pass(member));
    view.on('keypress', (ch: string | undefined, key: { name?: string; ctrl?: boolean }) => {
      if (answered || key.ctrl) return;
      const c = ch?.toLowerCase();
      if (c === 'y') {
        answered = true;
        comeIn();
      } else if (c === 'e') {
        answered = true;
        ctx.services.safety.endBreak(member.id);
        comeIn();
        ctx.status('Your break has ended. Welcome back.');
      } else if (c === 'n' || key.name === 'escape') {
        answered = true;
        ctx.nav.goodbye();
      }
    });
    return {
      title: 'Taking a break',
      place: 'Logging in',
      hints: [
        { key: 'Y', label: ' Come in' },
        { key: 'E', label: 'nd break' },
        { key: 'N', label: ' Log off' },
      ],
      focus: () => view.focus(),
      dispose() {
        ctx.screen.removeListener('resize', layOut);
        view.destroy();
        question.destroy();
      },
    };
  };
}
