import type { Db } from '../../db/open.js';

/**
 * Calls `onChange` within `intervalMs` of a commit by another connection (the sysop's
 * console while the server runs). `PRAGMA data_version` changes only for other
 * connections' commits, so the server's own writes do not wake it.
 */
export function watchExternalChanges(db: Db, onChange: () => void, intervalMs = 2000): () => void {
  let last = db.pragma('data_version', { simple: true }) as number;
  const timer = setInterval(() => {
    if (!db.open) return;
    const current = db.pragma('data_version', { simple: true }) as number;
    if (current === last) return;
    last = current;
    onChange();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
