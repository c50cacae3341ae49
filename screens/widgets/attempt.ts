import { isUserError } from '../../src/errors.js';
import { BUSY_NOT_SAVED, DatabaseBusy, isDatabaseBusy, retryWhileBusy } from '../../src/services/database-busy.js';
import type { ScreenContext } from '../context.js';

/** Shown while a member's write waits for a lock another process holds. */
export const SAVING_NOTICE = 'Saving… (the database is busy for a moment)';

export interface AttemptOptions {
  /**
   * When a busy database made the work give up: put back what the member wrote (a chat line
   * into its input), and return the sentence that says so.
   */
  onGaveUp?(): string | void;
}

/**
 * Runs `work` and never throws: a problem the member caused goes to the status line, anything
 * else is logged and reported as ours. For key handlers, hub listeners and timers, where an
 * exception would otherwise reach whoever emitted the event (another member's post) or the
 * process.
 *
 * A database locked by another process (the sysop's console) is neither: the work is tried
 * again on timers, with "Saving…" on the status line, until the lock is gone or the
 * deadline passes. Nothing waits on the event loop meanwhile.
 */
export function attempt(ctx: ScreenContext, work: () => void, opts: AttemptOptions = {}): void {
  try {
    work();
  } catch (err) {
    if (isDatabaseBusy(err)) {
      saveLater(ctx, work, opts);
      return;
    }
    report(ctx, err);
  }
}

function report(ctx: ScreenContext, err: unknown): void {
  if (isUserError(err)) {
    ctx.status(err.message, 'error');
    return;
  }
  ctx.services.log.error('screen error', { err: err instanceof Error ? err.stack : String(err) });
  ctx.status('Something went wrong on our side. It has been logged; please try again.', 'error');
}

function saveLater(ctx: ScreenContext, work: () => void, opts: AttemptOptions): void {
  const withdraw = ctx.notify(SAVING_NOTICE);
  retryWhileBusy(work, { deadlineMs: ctx.services.saveDeadlineMs }).then(
    () => withdraw(),
    (err: unknown) => {
      withdraw();
      if (err instanceof DatabaseBusy) {
        const kept = opts.onGaveUp?.();
        ctx.status(kept ? `${BUSY_NOT_SAVED} ${kept}` : err.message, 'error');
        return;
      }
      report(ctx, err);
    },
  );
}
