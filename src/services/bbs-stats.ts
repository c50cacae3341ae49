import { statSync } from 'node:fs';
import type { Db } from '../../db/open.js';

/** One session of the running server, as it last wrote it to `online_now`. */
export interface OnlineSession {
  sessionId: number;
  memberId: number;
  name: string;
  place: string;
  since: number;
  invisible: boolean;
}

/** Where members are, coarsely: enough for the sysop to see how the BBS is used, never what they read. */
export type PlaceKind = 'boards' | 'chat' | 'mail' | 'menu' | 'elsewhere';

export function placeKind(place: string): PlaceKind {
  const p = place.toLowerCase();
  if (p.includes('board') || p.includes('newscan') || p.includes('search')) return 'boards';
  if (p.includes('chat')) return 'chat';
  if (p.includes('mail')) return 'mail';
  if (p.includes('menu')) return 'menu';
  return 'elsewhere';
}

export interface BbsSnapshot {
  /** The UTC day the "today" counts cover, as YYYY-MM-DD. */
  day: string;
  members: number;
  /** Members online (each once however many sessions), and sessions per kind of place. */
  online: { members: number; sessions: number; places: Record<PlaceKind, number> };
  posts: { total: number; today: number };
  mailToday: number;
  chatLinesToday: number;
  openReports: number;
  /** The database's pages plus its write-ahead log, in bytes. */
  databaseBytes: number;
}

/**
 * Read-only figures for the sysop's console: who is online (as the running server last wrote
 * it, every two seconds or so) and the BBS's counts. Never a post, a line or a mail's text.
 */
export class BbsStats {
  private readonly online;
  private readonly counts;
  private readonly postsToday;
  private readonly mailToday;
  private readonly chatToday;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.online = db.prepare<[], { session_id: number; member_id: number; name: string; place: string; since: number; invisible: number }>(
      'SELECT session_id, member_id, name, place, since, invisible FROM online_now ORDER BY name COLLATE NOCASE, since',
    );
    this.counts = db.prepare<[], { members: number; posts: number; reports: number }>(
      `SELECT (SELECT count(*) FROM members WHERE disabled = 0) AS members,
              (SELECT coalesce(sum(post_count), 0) FROM boards) AS posts,
              (SELECT count(*) FROM reports WHERE status = 'open') AS reports`,
    );
    // Ids grow with time, so today's rows are those after the newest row from before today:
    // found walking back from the newest, the count costs today's rows, not the table's.
    const today = (table: string, column: string) =>
      db.prepare<[number], { n: number }>(
        `SELECT count(*) AS n FROM ${table} WHERE id > coalesce((SELECT id FROM ${table} WHERE ${column} < ? ORDER BY id DESC LIMIT 1), 0)`,
      );
    this.postsToday = today('posts', 'created_at');
    this.mailToday = today('mail', 'sent_at');
    this.chatToday = today('chat_lines', 'created_at');
  }

  /** Sessions online now, by name; empty when no server is running (it empties the table as it stops). */
  onlineNow(): OnlineSession[] {
    return this.online.all().map((r) => ({
      sessionId: r.session_id, memberId: r.member_id, name: r.name, place: r.place, since: r.since, invisible: r.invisible === 1,
    }));
  }

  snapshot(): BbsSnapshot {
    const now = this.now();
    const dayStart = Math.floor(now / 86_400_000) * 86_400_000;
    const sessions = this.onlineNow();
    const places: Record<PlaceKind, number> = { boards: 0, chat: 0, mail: 0, menu: 0, elsewhere: 0 };
    for (const s of sessions) places[placeKind(s.place)]++;
    const c = this.counts.get()!;
    return {
      day: new Date(dayStart).toISOString().slice(0, 10),
      members: c.members,
      online: { members: new Set(sessions.map((s) => s.memberId)).size, sessions: sessions.length, places },
      posts: { total: c.posts, today: this.postsToday.get(dayStart)!.n },
      mailToday: this.mailToday.get(dayStart)!.n,
      chatLinesToday: this.chatToday.get(dayStart)!.n,
      openReports: c.reports,
      databaseBytes: this.databaseBytes(),
    };
  }

  private databaseBytes(): number {
    const pages = (this.db.pragma('page_count', { simple: true }) as number) * (this.db.pragma('page_size', { simple: true }) as number);
    if (this.db.memory) return pages;
    let wal = 0;
    try {
      wal = statSync(`${this.db.name}-wal`).size;
    } catch {
      // No log file: everything is in the database.
    }
    return pages + wal;
  }
}
