import type { Db } from '../../db/open.js';
import type { Hub } from '../hub.js';
import { isDatabaseBusy, skipIfBusy } from './database-busy.js';
import type { Presence } from './presence.js';

/** One session in `online_now`, as the running server last wrote it. */
export interface OnlineRow {
  sessionId: number;
  memberId: number;
  name: string;
  place: string;
  since: number;
  invisible: boolean;
}

/** At most one write of `online_now` per this long while presence keeps changing. */
export const SNAPSHOT_INTERVAL_MS = 2000;

/**
 * Who is online, for the sysop's console, which runs in another process and cannot see the
 * server's in-memory presence: the server copies it into `online_now` (at most every two
 * seconds, and only when it changed), the console reads it with `list()`.
 */
export class OnlineSnapshot {
  private readonly clear;
  private readonly insert;
  private readonly select;

  constructor(
    private readonly db: Db,
    private readonly hub: Hub,
    private readonly presence: Presence,
  ) {
    this.clear = db.prepare('DELETE FROM online_now');
    this.insert = db.prepare(
      'INSERT INTO online_now (session_id, member_id, name, place, since, invisible) VALUES (@sessionId, @memberId, @name, @place, @since, @invisible)',
    );
    this.select = db.prepare<[], { session_id: number; member_id: number; name: string; place: string; since: number; invisible: number }>(
      'SELECT * FROM online_now ORDER BY name COLLATE NOCASE, since',
    );
  }

  /** Every session the running server last reported (empty when no server runs), by name. */
  list(): OnlineRow[] {
    return this.select.all().map((r) => ({
      sessionId: r.session_id,
      memberId: r.member_id,
      name: r.name,
      place: r.place,
      since: r.since,
      invisible: r.invisible === 1,
    }));
  }

  /** Writes presence as it is now, replacing what was there. */
  write(): void {
    this.db.transaction(() => {
      this.clear.run();
      for (const s of this.presence.allSessions()) {
        this.insert.run({ sessionId: s.sessionId, memberId: s.memberId, name: s.name, place: s.place, since: s.since, invisible: s.invisible ? 1 : 0 });
      }
    })();
  }

  /**
   * For the running server: empties the table, then follows presence changes, writing at most
   * once per `intervalMs`. The function returned stops following and empties the table again.
   */
  follow(intervalMs = SNAPSHOT_INTERVAL_MS): () => void {
    this.clear.run();
    let lastWrite = 0;
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      if (!this.db.open) return;
      try {
        this.write();
        lastWrite = Date.now();
      } catch (err) {
        if (!isDatabaseBusy(err)) throw err;
        // Another process holds the database: write presence as it is then, a little later.
        timer = setTimeout(flush, intervalMs);
        timer.unref();
      }
    };
    const off = this.hub.on('presence:changed', () => {
      if (timer) return;
      // A real timer, whatever clock the services read: this paces writes, it records nothing.
      timer = setTimeout(flush, Math.max(0, lastWrite + intervalMs - Date.now()));
      timer.unref();
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
      if (this.db.open) skipIfBusy(() => this.clear.run(), undefined);
    };
  }
}
