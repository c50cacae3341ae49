import blessed from 'blessed';
import { isUserError } from '../src/errors.js';
import type { CrisisSurface } from '../src/services/crisis-words.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { resourcesText } from './resources.js';
import { innerWidth, plainToPage } from './text-page.js';
import { createTextView } from './widgets/text-view.js';

export interface CrisisOffer {
  /** Where the member is writing, for the report if they ask for a moderator. */
  where: CrisisSurface;
  place: string;
  /** "Send anyway": the prompt has closed; send what was written. */
  onSend(): void;
  /** "Go back to my text": the prompt has closed; the member's words are still theirs to edit. */
  onBack(): void;
}

/**
 * Before a post, a letter or a chat line goes out: when it holds one of the sysop's crisis
 * phrases, shows the resources and offers to send anyway, go back to the text, or tell a
 * moderator. Returns true when it did (the caller then waits for onSend or onBack), false
 * when there was nothing to offer. Nothing about it is stored, logged or announced unless the
 * member asks for a moderator.
 */
export function offerResourcesIfNeeded(ctx: ScreenContext, text: string, offer: CrisisOffer): boolean {
  if (!ctx.services.crisis.find(text)) return false;
  ctx.nav.push(crisisPrompt(offer));
  return true;
}

function crisisPrompt(offer: CrisisOffer): ScreenFactory {
  return (ctx: ScreenContext): ScreenView => {
    const { services } = ctx;
    const member = ctx.session.member!;
    let done = false;
    const view = createTextView({ parent: ctx.body, top: 0, height: '100%-1', content: '' });
    const choices = blessed.box({ parent: ctx.body, bottom: 0, left: 1, width: '100%-2', height: 1, tags: true, wrap: false });
    const layOut = () => {
      const intro =
        'Some of the words in what you wrote make us think things may be very hard for you right now. ' +
        'Help is there, day and night. Nothing about this has been saved or told to anyone.\n\n' +
        'S sends your words as they are. E takes you back to your text, just as you left it. ' +
        "T tells a moderator you are struggling, so they can reach out to you (your text is not shared with them).\n\n";
      view.setContent('{bold}You are not alone.{/bold}\n' + plainToPage(intro + resourcesText(services), innerWidth(view)));
      const wide = Number(choices.width) >= 76;
      choices.setContent(
        wide
          ? "{bold}[S]{/bold} Send anyway  {bold}[E]{/bold} Go back to my text  {bold}[T]{/bold} Tell a moderator I'm struggling"
          : '{bold}[S]{/bold} Send {bold}[E]{/bold} Back {bold}[T]{/bold} Tell a moderator',
      );
    };
    layOut();
    ctx.screen.on('resize', layOut);

    const close = (then: () => void) => {
      if (done) return;
      done = true;
      ctx.nav.pop();
      then();
    };
    view.on('keypress', (ch: string | undefined, key: { name?: string; ctrl?: boolean }) => {
      if (key.ctrl) return;
      const c = ch?.toLowerCase();
      if (c === 's') close(offer.onSend);
      else if (c === 'e' || key.name === 'escape' || key.name === 'left') close(offer.onBack);
      else if (c === 't') {
        try {
          services.crisis.askForHelp(member, offer.where, offer.place);
        } catch (err) {
          if (!isUserError(err)) throw err;
          ctx.status(err.message, 'error');
          return;
        }
        close(() => {
          offer.onBack();
          ctx.status('A moderator has been told you are struggling and will reach out. Your text has not been sent; it is here, as you left it.');
        });
      }
    });

    return {
      title: 'Are you all right?',
      // Others see only that the member is reading the resources.
      place: 'Resources',
      hints: [
        { key: 'S', label: 'end anyway' },
        { key: 'E', label: ' Back to my text' },
        { key: 'T', label: 'ell a moderator' },
        { key: 'Space', label: ' More' },
      ],
      focus: () => view.focus(),
      dispose() {
        ctx.screen.removeListener('resize', layOut);
        view.destroy();
        choices.destroy();
      },
    };
  };
}
