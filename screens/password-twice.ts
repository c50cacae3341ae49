import { passwordProblem } from '../src/services/accounts.js';
import type { ScreenContext } from './context.js';

/**
 * The steps of choosing a new password, typed twice, for sign-up and after a reset: one that
 * breaks the rules is refused (its field emptied, the reason on the status line) and asked for
 * again; two that differ start over. Each screen asks in its own way.
 */
export function askNewPasswordTwice(
  ctx: ScreenContext,
  steps: {
    askPassword(onSubmit: (value: string) => void): void;
    askAgain(onSubmit: (value: string) => void): void;
    /** Empties the field after a refused password. */
    clear(): void;
    onChosen(password: string): void;
  },
): void {
  const goPassword = () => {
    steps.askPassword((value) => {
      const problem = passwordProblem(value);
      if (problem) {
        steps.clear();
        return ctx.status(problem, 'error');
      }
      steps.askAgain((again) => {
        if (again !== value) {
          ctx.status('The two passwords were different. Please choose your password again.', 'error');
          return goPassword();
        }
        steps.onChosen(value);
      });
    });
  };
  goPassword();
}
