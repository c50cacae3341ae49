import type { Db } from '../../db/open.js';

/** What a member chose about being seen and reached while online. */
export interface MemberPrefsValue {
  /** Hidden from Who's online (and so cannot be paged). */
  invisible: boolean;
  /** Others may page them into a chat room. */
  allowPages: boolean;
  /** The light look for slow connections: chosen by the connection's speed, always, or never. */
  lightLook: LightLookChoice;
}

export type LightLookChoice = 'auto' | 'light' | 'full';

const DEFAULTS: MemberPrefsValue = { invisible: false, allowPages: true, lightLook: 'auto' };

/** Per-member preferences about presence and paging, kept apart from the account itself. */
export class MemberPrefs {
  private readonly getRow;
  private readonly upsertInvisible;
  private readonly upsertAllowPages;
  private readonly upsertLightLook;

  constructor(db: Db) {
    this.getRow = db.prepare<[number], { invisible: number; allow_pages: number; light_look: LightLookChoice }>(
      'SELECT invisible, allow_pages, light_look FROM member_prefs WHERE member_id = ?',
    );
    this.upsertLightLook = db.prepare(
      `INSERT INTO member_prefs (member_id, light_look) VALUES (?, ?)
       ON CONFLICT (member_id) DO UPDATE SET light_look = excluded.light_look`,
    );
    this.upsertInvisible = db.prepare(
      `INSERT INTO member_prefs (member_id, invisible) VALUES (?, ?)
       ON CONFLICT (member_id) DO UPDATE SET invisible = excluded.invisible`,
    );
    this.upsertAllowPages = db.prepare(
      `INSERT INTO member_prefs (member_id, allow_pages) VALUES (?, ?)
       ON CONFLICT (member_id) DO UPDATE SET allow_pages = excluded.allow_pages`,
    );
  }

  /** The member's preferences, defaults when never set. */
  get(memberId: number): MemberPrefsValue {
    const row = this.getRow.get(memberId);
    return row ? { invisible: row.invisible === 1, allowPages: row.allow_pages === 1, lightLook: row.light_look } : { ...DEFAULTS };
  }

  /** Hides the member from Who's online, or shows them again. */
  setInvisible(memberId: number, on: boolean): void {
    this.upsertInvisible.run(memberId, on ? 1 : 0);
  }

  /** How the member wants the light look for slow connections chosen. */
  setLightLook(memberId: number, choice: LightLookChoice): void {
    this.upsertLightLook.run(memberId, choice);
  }

  /** Lets others page the member into chat, or stops them. */
  setAllowPages(memberId: number, on: boolean): void {
    this.upsertAllowPages.run(memberId, on ? 1 : 0);
  }
}
