import { isUserError } from '../src/errors.js';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem, WrongPasswordError } from '../src/services/accounts.js';
import type { ScreenContext } from './context.js';
import { askLine } from './widgets/ask-line.js';

/**
 * Settings → change password: the current password, then the new one twice (the sign-up
 * rules). A wrong current password is asked again; after the last guess the service allows,
 * the step closes with nothing changed. Esc at any question leaves the password as it was.
 */
export function askToChangePassword(ctx: ScreenContext, restore: () => void): void {
  const member = ctx.session.member!;
  let current = '';
  let next = '';
  const forget = () => {
    current = '';
    next = '';
  };
  const giveUp = () => {
    forget();
    ctx.status('Your password is as it was.');
  };
  const ask = (question: string, onAnswer: (value: string) => void) =>
    askLine(ctx, {
      question,
      censor: true,
      maxLength: PASSWORD_MAX,
      restore,
      onAnswer,
    });

  const askCurrent = () =>
    ask('Your current password', (value) => {
      if (!value) return giveUp();
      current = value;
      if (next) void change();
      else askNew();
    });

  const askNew = () =>
    ask(`A new password (${PASSWORD_MIN}+ characters)`, (value) => {
      if (!value) return giveUp();
      const problem = passwordProblem(value);
      if (problem) {
        ctx.status(problem, 'error');
        return askNew();
      }
      next = value;
      askAgain();
    });

  const askAgain = () =>
    ask('The new password again', (value) => {
      if (value !== next) {
        next = '';
        ctx.status('The two new passwords were different. Please type the new one again.', 'error');
        return askNew();
      }
      void change();
    });

  const change = async () => {
    ctx.status('Changing your password...');
    try {
      await ctx.services.accounts.changePassword(member, current, next);
      forget();
      ctx.services.log.info('password changed', { memberId: member.id });
      ctx.status('Your password is changed. Use the new one next time you log in.');
    } catch (err) {
      current = '';
      if (err instanceof WrongPasswordError && err.guessesLeft > 0) {
        ctx.status(`${err.message} ${err.guessesLeft === 1 ? 'One try' : `${err.guessesLeft} tries`} left.`, 'error');
        return askCurrent();
      }
      forget();
      if (!isUserError(err)) {
        ctx.services.log.error('password change failed', { err: String(err) });
        ctx.status('Changing the password failed on our side. Nothing was changed; please try again.', 'error');
        return;
      }
      ctx.status(err.message, 'error');
    } finally {
      ctx.render();
    }
  };

  askCurrent();
}
