import blessed from 'blessed';
import { PASSWORD_MAX, PASSWORD_MIN, type Member } from '../src/services/accounts.js';
import { isUserError } from '../src/errors.js';
import { escapeTags, truncateToWidth } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { askNewPasswordTwice } from './password-twice.js';
import { createPromptedInput, type LineInput } from './widgets/line-input.js';
import { createTextView } from './widgets/text-view.js';

/**
 * After the sysop reset a member's password, the member's first log-in with the one-time
 * password stops here: a new password, typed twice, under sign-up's rules, before anything
 * else. Esc leaves (the one-time password keeps working until a new one is set).
 */
export function newPasswordScreen(opts: { member: Member; onChanged(member: Member): void }): ScreenFactory {
  return (ctx: ScreenContext): ScreenView => {
    const { services } = ctx;
    let input: LineInput | undefined;

    const text = createTextView({ parent: ctx.body, top: 0, height: '100%-2', content: '' });
    const question = blessed.box({ parent: ctx.body, bottom: 1, left: 1, width: '100%-2', height: 1, tags: true, wrap: false });
    const prompt = blessed.box({ parent: ctx.body, bottom: 0, left: 1, width: 20, height: 1, tags: false, wrap: false });
    let questionText = '';
    const drawQuestion = () => {
      const width = Math.max(1, Number(ctx.body.width) - 2);
      question.setContent(`{bold}${escapeTags(truncateToWidth(questionText, width))}{/bold}`);
    };
    ctx.screen.on('resize', drawQuestion);

    const ask = (label: string, said: string, onSubmit: (value: string) => void) => {
      input?.destroy();
      questionText = said;
      drawQuestion();
      input = createPromptedInput(ctx, prompt, label, {
        censor: true,
        maxLength: PASSWORD_MAX,
        onSubmit,
        onCancel: () => ctx.nav.goodbye(),
      });
      ctx.render();
    };

    text.setContent(
      `{bold}Welcome back, ${escapeTags(opts.member.name)}.{/bold} The sysop set a one-time password for you. ` +
        `Please choose your own now: ${PASSWORD_MIN} characters or more, typed twice. From then on, log in with it.`,
    );

    const goPassword = () =>
      askNewPasswordTwice(ctx, {
        askPassword: (onSubmit) => ask('New password:', `Choose a new password (${PASSWORD_MIN}+ characters):`, onSubmit),
        askAgain: (onSubmit) => ask('Again:', 'Type the new password again:', onSubmit),
        clear: () => input?.setValue(''),
        onChosen: (password) => void save(password),
      });

    const save = async (password: string) => {
      input?.destroy();
      input = undefined;
      questionText = 'Saving your new password...';
      drawQuestion();
      prompt.setContent('');
      ctx.render();
      try {
        await services.accounts.setPassword(opts.member.id, password);
        services.log.info('password changed after a reset', { memberId: opts.member.id });
        opts.onChanged(opts.member);
      } catch (err) {
        if (!isUserError(err)) services.log.error('password change failed', { err: String(err) });
        ctx.status(isUserError(err) ? err.message : 'Saving the password failed on our side. Please try again.', 'error');
        goPassword();
      }
    };

    goPassword();

    return {
      title: 'New password',
      place: 'Choosing a password',
      hints: [
        { key: 'Enter', label: ' Next' },
        { key: 'Esc', label: ' Leave' },
      ],
      focus: () => (input ? input.focus() : text.focus()),
      dispose() {
        ctx.screen.removeListener('resize', drawQuestion);
        input?.destroy();
        text.destroy();
        question.destroy();
        prompt.destroy();
      },
    };
  };
}
