import blessed from 'blessed';
import { canonicalTimeZone, keyFingerprint, nameProblem, unknownZone, NAME_MAX, PASSWORD_MAX, type Member } from '../src/services/accounts.js';
import { isUserError } from '../src/errors.js';
import { isDatabaseBusy, retryWhileBusy } from '../src/services/database-busy.js';
import { SAVING_NOTICE } from './widgets/attempt.js';
import { escapeTags, formatClock, padToWidth, truncateToWidth } from '../src/text/index.js';
import { createList, selectedIndex, type List } from './widgets/list.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { createPromptedInput, type LineInput } from './widgets/line-input.js';
import { innerWidth, plainToPage } from './text-page.js';
import { createTextView } from './widgets/text-view.js';
import { guidelinesAndDisclaimer } from './guidelines-accept.js';
import { askNewPasswordTwice } from './password-twice.js';

const TYPING_HINTS = [
  { key: 'Enter', label: ' Next' },
  { key: 'Esc', label: ' Back' },
];
const ZONE_HINTS = [
  { key: 'Enter', label: ' Pick' },
  { key: 'S', label: 'kip' },
  { key: 'Esc', label: ' Back' },
];
const YES_NO_HINTS = [
  { key: 'Y', label: 'es' },
  { key: 'N', label: 'o' },
  { key: 'Esc', label: ' Back' },
];

type Step = 'name' | 'password' | 'confirm' | 'zone' | 'zone-typed' | 'guidelines' | 'key' | 'creating';

/** The zones most members live in, offered at sign-up; any other can be typed. */
export const COMMON_TIME_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Africa/Johannesburg',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
];
const ANOTHER_ZONE = 'Another zone: type its name';

/**
 * Sign-up for a newcomer: a name, a password typed twice, a time zone (skippable: UTC), the
 * guidelines and disclaimer accepted, and (if the client proved a key) the offer to save it. Every refusal says why
 * and keeps the member on the step to try again.
 */
export function signupScreen(opts: { onJoined(member: Member): void }): ScreenFactory {
  return (ctx: ScreenContext): ScreenView => {
    const { session, services } = ctx;
    let step: Step = 'name';
    let name = '';
    let password = '';
    let saveKey = false;
    let timeZone = 'UTC';
    let input: LineInput | undefined;
    let zones: List | undefined;
    /** The row last chosen in the zone list, to come back to it. */
    let zoneRow: number | undefined;

    const text = createTextView({ parent: ctx.body, top: 0, height: '100%-2', content: '' });
    // The step's question sits just above the field, so it stays in view however small the
    // window (a phone at 40x12) and however long the text above it.
    const question = blessed.box({ parent: ctx.body, bottom: 1, left: 1, width: '100%-2', height: 1, tags: true, wrap: false });
    const prompt = blessed.box({ parent: ctx.body, bottom: 0, left: 1, width: 20, height: 1, tags: false, wrap: false });

    // The name typed after ssh is offered only when it is free and allowed. Anything else
    // (`ssh new@host`, `ssh root@host`, a name someone holds) is how people ask to join,
    // not a mistake: sign-up starts with an empty field and no refusal.
    const requested = session.requestedName.trim();
    const requestedUsable = requested !== '' && services.accounts.isNameAvailable(requested);
    const welcome = `{bold}Welcome to ${escapeTags(services.bbsName)}.{/bold}`;
    const intro = requestedUsable
      ? `${welcome}\n\nThere is no member called "${escapeTags(requested)}" yet, so let's make you one. ` +
        `${escapeTags(services.bbsName)} asks for no e-mail and no real name: just a name to be known by and a password.\n\n` +
        'If you meant to log in as an existing member, press Esc and connect again with your name.'
      : `${welcome}\n\nLet's make you a member. ${escapeTags(services.bbsName)} asks for no e-mail and no real name: just a name to be known by and a password.\n\n` +
        'Choose any name you like here; it need not be the one you typed to connect. From now on, you connect with the name you choose.';
    const shortIntro = `${welcome} No e-mail, no real name: just a name and a password.`;
    /** Too little room for the long texts: each step says only what it must. */
    const compact = () => Number(text.height) < 12 || Number(text.width) < 60;

    let content: () => string = () => '';
    let questionText = '';
    const draw = () => {
      text.setContent(content());
      const width = Math.max(1, Number(ctx.body.width) - 2);
      question.setContent(`{bold}${escapeTags(truncateToWidth(questionText, width))}{/bold}`);
    };
    const onResize = () => draw();
    ctx.screen.on('resize', onResize);

    // The footer follows the step: Enter/Esc while typing, Y/N at the two questions.
    const hints = [...TYPING_HINTS];
    const setHints = (next: typeof hints) => {
      hints.splice(0, hints.length, ...next);
      ctx.refreshFrame();
    };

    const ask = (label: string, opts2: { censor?: boolean; value?: string; maxLength: number }, onSubmit: (v: string) => void) => {
      setHints(TYPING_HINTS);
      input?.destroy();
      input = createPromptedInput(ctx, prompt, label, {
        censor: opts2.censor,
        value: opts2.value,
        maxLength: opts2.maxLength,
        onSubmit,
        onCancel: back,
      });
    };

    const showText = (body: () => string, ask: string) => {
      content = body;
      questionText = ask;
      draw();
      text.setScroll(0);
    };

    const nameRules = `A name has 3 to ${NAME_MAX} letters, digits, _ - or . Others will see it, so avoid your real name.`;

    const goName = (suggest: string) => {
      step = 'name';
      showText(
        () => (compact() ? `${shortIntro}\n\n${nameRules}` : `${intro}\n\n${nameRules}`),
        'Choose a name to be known by:',
      );
      ask('Name:', { value: suggest, maxLength: NAME_MAX + 8 }, (value) => {
        const candidate = value.trim();
        const problem = services.accounts.nameUnavailableReason(candidate);
        if (problem) return ctx.status(problem, 'error');
        name = candidate;
        goPassword();
      });
    };

    const goPassword = () =>
      askNewPasswordTwice(ctx, {
        askPassword(onSubmit) {
          step = 'password';
          showText(
            () =>
              `Your name will be {bold}${escapeTags(name)}{/bold}. Next time, connect with ` +
              `${escapeTags(services.connectCommand(name))} and type your password when asked.\n\n` +
              'It is stored only as an argon2id hash: nobody, not even the sysop, can read it.',
            'Choose a password (8+ characters):',
          );
          ask('Password:', { censor: true, maxLength: PASSWORD_MAX }, onSubmit);
        },
        askAgain(onSubmit) {
          step = 'confirm';
          showText(() => 'Once more, to be sure it is the one you meant.', 'Type the password again:');
          ask('Again:', { censor: true, maxLength: PASSWORD_MAX }, onSubmit);
        },
        clear: () => input?.setValue(''),
        onChosen(chosen) {
          password = chosen;
          goZone();
        },
      });

    const dropZones = () => {
      zones?.destroy();
      zones = undefined;
    };

    /** The time zone, asked once: a short list (each with its time now) or any zone typed. */
    const goZone = () => {
      step = 'zone';
      input?.destroy();
      input = undefined;
      showText(
        () => (compact() ? '' : 'Times here are shown in your time zone. Pick the one you live in, or S to skip (UTC).'),
        'Your time zone? (S skips: UTC)',
      );
      prompt.setContent('Enter picks, S skips');
      prompt.width = '100%-2';
      setHints(ZONE_HINTS);
      dropZones();
      const list = createList(ctx, { top: 0, height: 1, plainItems: true });
      zones = list;
      const fill = () => {
        const top = compact() ? 0 : 2;
        list.top = top;
        list.height = Math.max(1, Number(ctx.body.height) - 2 - top);
        const now = Date.now();
        list.setItems([
          ...COMMON_TIME_ZONES.map((zone) => escapeTags(` ${padToWidth(zone, 20)} ${formatClock(now, zone)}`)),
          escapeTags(` ${ANOTHER_ZONE}`),
        ]);
      };
      fill();
      list.on('resize', fill);
      list.select(zoneRow ?? 0);
      list.on('select', () => {
        if (step !== 'zone') return;
        zoneRow = selectedIndex(list);
        const zone = COMMON_TIME_ZONES[zoneRow];
        if (zone) return zonePicked(zone);
        goZoneTyped();
      });
      list.on('keypress', (ch: string | undefined, key: { name?: string }) => {
        if (step !== 'zone') return;
        if (ch === 's' || ch === 'S') zonePicked('UTC');
        else if (key.name === 'escape') back();
      });
      list.focus();
      ctx.screen.render();
    };

    const goZoneTyped = () => {
      step = 'zone-typed';
      dropZones();
      showText(
        () => 'Type your zone\'s name: a region and a city, such as Europe/Madrid, America/Toronto or Asia/Singapore.',
        'Your time zone:',
      );
      ask('Zone:', { maxLength: 64 }, (value) => {
        const zone = canonicalTimeZone(value.trim());
        if (!zone) return ctx.status(value.trim() ? unknownZone(value) : 'Type a zone name, or press Esc to go back to the list.', 'error');
        zonePicked(zone);
      });
    };

    const zonePicked = (zone: string) => {
      timeZone = zone;
      dropZones();
      goGuidelines();
    };

    const goGuidelines = () => {
      step = 'guidelines';
      input?.destroy();
      input = undefined;
      showText(
        () =>
          plainToPage(
            guidelinesAndDisclaimer(services) +
              '\n\nAccepting means you agree to the guidelines and understand the disclaimer. ' +
              'Press Y to accept, N to decline.',
            innerWidth(text),
          ),
        'Do you accept the guidelines?',
      );
      setHints(YES_NO_HINTS);
      // The paging keys are named on the field's own line, so they stay in view at any size.
      prompt.setContent('Accept? [Y/N]  Space/b: page');
      prompt.width = '100%-2';
      text.focus();
      ctx.screen.render();
    };

    const goKey = () => {
      step = 'key';
      showText(
        () => {
          const fingerprint = escapeTags(keyFingerprint(session.provenKey!.data));
          return compact()
            ? `Your ssh client offered the key ${fingerprint}\n\nSaved, it logs you in with no password. Y saves it, N skips.`
            : `Your ssh client offered a public key:\n\n  ${fingerprint}\n\n` +
                'Saved, it logs you in without typing your password. Press Y to save it, N to skip.';
        },
        'Save it for next time?',
      );
      setHints(YES_NO_HINTS);
      prompt.setContent('Save key? [Y/N]');
      prompt.width = 18;
      text.focus();
      ctx.screen.render();
    };

    const create = async () => {
      step = 'creating';
      showText(() => 'Creating your membership...', '');
      prompt.setContent('');
      ctx.screen.render();
      // Another process holding the database: "Saving…" until it lets go.
      let withdrawSaving: (() => void) | undefined;
      try {
        const member = await retryWhileBusy(
          async () => {
            try {
              return await services.accounts.register({
                name,
                password,
                acceptedGuidelines: true,
                publicKey: saveKey ? session.provenKey : undefined,
                timeZone,
              });
            } catch (err) {
              if (isDatabaseBusy(err)) withdrawSaving ??= ctx.notify(SAVING_NOTICE);
              throw err;
            }
          },
          { deadlineMs: services.saveDeadlineMs },
        );
        withdrawSaving?.();
        password = '';
        services.hub.emit('member:signed-up', { memberId: member.id, name: member.name, savedKey: saveKey });
        opts.onJoined(member);
      } catch (err) {
        withdrawSaving?.();
        if (!isUserError(err)) services.log.error('sign-up failed', { err: String(err) });
        ctx.status(isUserError(err) ? err.message : 'Sign-up failed on our side. Please try again.', 'error');
        goName(name);
        ctx.screen.render();
      }
    };

    text.on('keypress', (ch: string | undefined, key: { name?: string }) => {
      if (step === 'guidelines') {
        if (ch === 'y' || ch === 'Y') {
          if (session.provenKey) goKey();
          else void create();
        } else if (ch === 'n' || ch === 'N') {
          ctx.status('Joining needs the guidelines accepted. Press Y when you are ready, or Esc to go back.', 'error');
        } else if (key.name === 'escape') back();
      } else if (step === 'key') {
        if (ch === 'y' || ch === 'Y' || ch === 'n' || ch === 'N') {
          saveKey = ch.toLowerCase() === 'y';
          void create();
        } else if (key.name === 'escape') back();
      }
    });

    function back(): void {
      if (step === 'name') ctx.nav.goodbye();
      else if (step === 'password' || step === 'confirm') goName(name);
      else if (step === 'zone') {
        dropZones();
        goPassword();
      } else if (step === 'zone-typed') goZone();
      else if (step === 'guidelines') goZone();
      else if (step === 'key') goGuidelines();
      ctx.screen.render();
    }

    goName(requestedUsable ? requested : '');

    return {
      title: 'Join',
      place: 'Joining',
      hints,
      focus: () => (input ? input.focus() : zones ? zones.focus() : text.focus()),
      dispose() {
        ctx.screen.removeListener('resize', onResize);
        input?.destroy();
        dropZones();
        text.destroy();
        question.destroy();
        prompt.destroy();
      },
    };
  };
}
