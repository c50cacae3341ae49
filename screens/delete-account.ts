import blessed from 'blessed';
import { isUserError } from '../src/errors.js';
import { GRACE_DAYS, FORMER_MEMBER, type PostsChoice } from '../src/services/account-deletion.js';
import { PASSWORD_MAX } from '../src/services/accounts.js';
import { formatDateTime } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { innerWidth, plainToPage } from './text-page.js';
import { askLine } from './widgets/ask-line.js';
import { createTextView } from './widgets/text-view.js';

const DAY_MS = 86_400_000;

/** What deleting means, said plainly before anything happens. */
function explanation(ctx: ScreenContext): string {
  const member = ctx.session.member!;
  const { services } = ctx;
  const goneAt = formatDateTime(Date.now() + GRACE_DAYS * DAY_MS, member.timeZone);
  return [
    'DELETE MY ACCOUNT',
    `You have ${GRACE_DAYS} days to change your mind: log in before ${goneAt} and your account is restored, just as it is now. After that it is gone for good.`,
    'Your mail (sent and received), the support you gave, your log-in keys, your settings, what you have read, your blocks and your place in Who\'s online all go.',
    `Your posts: you choose. R removes them all; replies others wrote stay in their threads. K keeps them, shown as written by "${FORMER_MEMBER}", so threads others answered still read as they did.`,
    `Your name then rests for ${services.accountDeletion.quarantineDays()} days, so that nobody else can take it and be mistaken for you.`,
    `To keep a copy of what ${services.bbsName} holds about you first: ${services.connectCommand(member.name)} export > my-haven.json`,
  ].join('\n\n');
}

/** The last line a member reads in every session of theirs once they asked to delete their account. */
export function deletionFarewell(goneAt: number, timeZone: string): string {
  return `Your account will be deleted on ${formatDateTime(goneAt, timeZone)}. If you log in before then, it is restored and nothing is lost. Take care of yourself.`;
}

/** Settings › Delete my account: what goes, the choice for posts, the password, then log-off. */
export const deleteAccountScreen: ScreenFactory = (ctx): ScreenView => {
  const member = ctx.session.member!;
  const view = createTextView({ parent: ctx.body, top: 0, height: '100%-1', content: '' });
  const layOut = () => view.setContent(plainToPage(explanation(ctx), innerWidth(view)));
  layOut();
  ctx.screen.on('resize', layOut);
  // The choice stays in view under the text, however small the window.
  const question = blessed.box({
    parent: ctx.body, bottom: 0, left: 1, width: '100%-2', height: 1, tags: true, wrap: false,
    content: '{bold}R remove posts, K keep them, Esc back{/bold}',
  });
  let busy = false;

  const confirm = (posts: PostsChoice) =>
    askLine(ctx, {
      question: `Your password, to delete your account (logging in within ${GRACE_DAYS} days undoes it)`,
      censor: true,
      maxLength: PASSWORD_MAX,
      restore: () => view.focus(),
      onAnswer: (password) => {
        if (busy) return;
        busy = true;
        ctx.services.accountDeletion.request(member, password, posts).then(
          (pending) => {
            // Every session of the member's ends on hearing of the request (screens/app.ts); this one too.
            ctx.nav.goodbye(deletionFarewell(pending.goneAt, member.timeZone));
          },
          (err: unknown) => {
            busy = false;
            if (!isUserError(err)) ctx.services.log.error('account deletion failed', { err: String(err) });
            ctx.status(isUserError(err) ? err.message : 'That did not work on our side. Nothing was changed; please try again.', 'error');
            ctx.render();
          },
        );
      },
    });

  view.on('keypress', (ch: string | undefined, key: { name?: string }) => {
    if (busy) return;
    const c = ch?.toLowerCase();
    if (c === 'r') confirm('remove');
    else if (c === 'k') confirm('keep');
    else if (key.name === 'escape' || key.name === 'left') ctx.nav.pop();
  });

  return {
    title: 'Delete my account',
    place: 'Settings',
    hints: [
      { key: 'R', label: 'emove posts' },
      { key: 'K', label: 'eep posts' },
      { key: 'Esc', label: ' Back' },
    ],
    focus: () => view.focus(),
    dispose() {
      ctx.screen.removeListener('resize', layOut);
      view.destroy();
      question.destroy();
    },
  };
};
