import type { AuditEntry } from '../src/services/audit.js';
import { sanctionNotice } from '../src/services/sanctions.js';
import type { ScreenContext } from './context.js';
import { warningScreen } from './warning.js';

/** A broadcast stays on the status line until dismissed; this only bounds its timer. */
const BROADCAST_SHOWN_MS = 12 * 60 * 60_000;

/**
 * Members logging in this soon after a broadcast still see it ("going down in five minutes"
 * matters to them too); older ones were for the members online then.
 */
export const RECENT_BROADCAST_MS = 10 * 60_000;

/** What a session says when staff end it: the same words whether it was online or logging in. */
export function endingNotice(entry: Pick<AuditEntry, 'action' | 'reason' | 'detail'>, timeZone: string): string {
  if (entry.action === 'member.disconnect') {
    return `The sysop has ended your session${entry.reason ? `: ${entry.reason}` : '.'} You may log in again.`;
  }
  const endsAt = typeof entry.detail.endsAt === 'number' ? entry.detail.endsAt : null;
  return sanctionNotice({ kind: entry.action === 'member.ban' ? 'ban' : 'suspend', endsAt, reason: entry.reason }, timeZone);
}

/**
 * Staff actions about this session's member, from this server or from the console: a
 * suspension, ban or disconnect ends the session with its reason; a warning is shown at once
 * and must be acknowledged; a broadcast sits on the status line until dismissed.
 */
export function watchStaffActions(ctx: ScreenContext, end: (notice: string) => void): { arrived(): void; dispose(): void } {
  const { services, session } = ctx;
  let showingWarning = false;

  const showWarnings = () => {
    if (showingWarning || !session.member || session.presenceId === undefined) return;
    const [next] = services.sanctions.pendingWarnings(session.member);
    if (!next) return;
    showingWarning = true;
    ctx.nav.push(
      warningScreen({
        warning: next,
        onDone: () => {
          showingWarning = false;
          ctx.nav.pop();
          showWarnings();
        },
      }),
    );
  };

  const broadcast = (text: string) => ctx.notify(`From the sysop: ${text}`, { ttlMs: BROADCAST_SHOWN_MS });

  const off = services.hub.on('staff:action', (e) => {
    const member = session.member;
    if (!member) return;
    if (e.action === 'broadcast') {
      if (session.presenceId !== undefined && typeof e.detail.text === 'string') broadcast(e.detail.text);
      return;
    }
    if (e.memberId !== member.id) return;
    if (e.action === 'member.suspend' || e.action === 'member.ban' || e.action === 'member.disconnect') {
      services.log.info('session ended by staff', { memberId: member.id, action: e.action });
      end(endingNotice(e, member.timeZone));
    } else if (e.action === 'member.warn') {
      showWarnings();
    }
  });

  return {
    /** The member has reached the main menu: warnings waiting for them, and a broadcast just sent. */
    arrived() {
      const recent = services.sanctions.latestBroadcast(RECENT_BROADCAST_MS);
      if (recent) broadcast(recent.text);
      showWarnings();
    },
    dispose: off,
  };
}
