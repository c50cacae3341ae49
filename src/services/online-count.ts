import type { Hub } from '../hub.js';
import type { Presence } from './presence.js';

/** How often, at most, sessions hear that the number online changed. */
export const ONLINE_COUNT_EVERY_MS = 2000;

/**
 * Announces the number of members others can see online, once for the whole server and at
 * most every `everyMs`, and only when it changed: a rush of log-ins costs each session one
 * header update, and a member moving between screens costs the others nothing. Returns a
 * function that stops announcing.
 */
export function announceOnlineCount(hub: Hub, presence: Presence, everyMs = ONLINE_COUNT_EVERY_MS): () => void {
  let announced = presence.visibleCount();
  let timer: NodeJS.Timeout | undefined;
  const announce = () => {
    timer = undefined;
    const count = presence.visibleCount();
    if (count === announced) return;
    announced = count;
    hub.emit('online:count', { count });
  };
  const off = hub.on('presence:changed', () => {
    if (timer) return;
    timer = setTimeout(announce, everyMs);
    timer.unref();
  });
  return () => {
    off();
    if (timer) clearTimeout(timer);
  };
}
