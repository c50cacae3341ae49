import blessed from 'blessed';
import type { Member } from '../src/services/accounts.js';
import type { Services } from '../src/services/index.js';
import { escapeTags } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { innerWidth, plainToPage } from './text-page.js';
import { createTextView } from './widgets/text-view.js';

/** The guidelines and, under them, the disclaimer: what a member accepts. */
export function guidelinesAndDisclaimer(services: Pick<Services, 'texts'>): string {
  return `${services.texts.get('guidelines')}\n\n${services.texts.get('disclaimer')}`;
}

/**
 * The guidelines at a first log-in, for a member created at the console who never saw
 * them: Y accepts and goes on, N says why they matter and shows them again, Esc leaves.
 */
export function firstLogInGuidelines(opts: { member: Member; onAccepted(member: Member): void }): ScreenFactory {
  return (ctx: ScreenContext): ScreenView => {
    const { services } = ctx;
    const intro =
      `{bold}Welcome, ${escapeTags(opts.member.name)}.{/bold} Before you take part, please read the guidelines ` +
      'of this community and the disclaimer: peer support is no substitute for medical care.\n\n';
    const view = createTextView({
      parent: ctx.body,
      top: 0,
      height: '100%-1',
      content: '',
    });
    const layOut = () =>
      view.setContent(
        intro +
          plainToPage(
            guidelinesAndDisclaimer(services) +
              '\n\nAccepting means you agree to the guidelines and understand the disclaimer. Press Y to accept, N to decline.',
            innerWidth(view),
          ),
      );
    layOut();
    ctx.screen.on('resize', layOut);
    // The question stays in view under the text, however small the window.
    const question = blessed.box({
      parent: ctx.body,
      bottom: 0,
      left: 1,
      width: '100%-2',
      height: 1,
      tags: true,
      wrap: false,
      content: '{bold}Do you accept the guidelines? [Y/N]{/bold}',
    });

    view.on('keypress', (ch: string | undefined, key: { name?: string }) => {
      if (ch === 'y' || ch === 'Y') {
        services.accounts.acceptGuidelines(opts.member.id);
        services.log.info('guidelines accepted at first log-in', { memberId: opts.member.id });
        opts.onAccepted(opts.member);
      } else if (ch === 'n' || ch === 'N') {
        view.setScroll(0);
        ctx.status('Taking part needs the guidelines accepted. Press Y when ready, or Esc to leave.', 'error');
        ctx.render();
      } else if (key.name === 'escape') {
        ctx.nav.goodbye();
      }
    });

    return {
      title: 'Guidelines',
      place: 'Reading the guidelines',
      hints: [
        { key: 'Y', label: 'es' },
        { key: 'N', label: 'o' },
        { key: 'Space', label: ' More' },
        { key: 'Esc', label: ' Leave' },
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
