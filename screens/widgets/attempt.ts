import { isUserError } from '../../src/errors.js';
import type { ScreenContext } from '../context.js';

/**
 * Runs `work` and never throws: a problem the member caused goes to the status line, anything
 * else is logged and reported as ours. For key handlers, hub listeners and timers, where an
 * exception would otherwise reach whoever emitted the event (another member's post) or the
 * process.
 */
export function attempt(ctx: ScreenContext, work: () => void): void {
  try {
    work();
  } catch (err) {
    if (isUserError(err)) {
      ctx.status(err.message, 'error');
      return;
    }
    ctx.services.log.error('screen error', { err: err instanceof Error ? err.stack : String(err) });
    ctx.status('Something went wrong on our side. It has been logged; please try again.', 'error');
  }
}
