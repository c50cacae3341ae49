import type { Member } from '../src/services/accounts.js';
import type { Services } from '../src/services/index.js';
import { escapeTags } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { acceptPage, plainToPage } from './text-page.js';

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
    return acceptPage(ctx, {
      title: 'Guidelines',
      what: 'the guidelines',
      page: (width) =>
        intro +
        plainToPage(
          guidelinesAndDisclaimer(services) +
            '\n\nAccepting means you agree to the guidelines and understand the disclaimer. Press Y to accept, N to decline.',
          width,
        ),
      accept() {
        services.accounts.acceptGuidelines(opts.member.id);
        services.log.info('guidelines accepted at first log-in', { memberId: opts.member.id });
        opts.onAccepted(opts.member);
      },
    });
  };
}
