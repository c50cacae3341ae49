import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import { cleanLine, cleanText, exceedsLength } from '../text/index.js';
import type { AuditLog } from './audit.js';
import { actorName, type Actor, type Staff } from './staff.js';

/** A notice from the sysop: every member sees it once after log-in, then in the list. */
export interface Bulletin {
  id: number;
  title: string;
  body: string;
  createdAt: number;
  createdBy: string;
}

/** A bulletin as one member's list shows it. */
export interface MemberBulletin extends Bulletin {
  seen: boolean;
}

export const BULLETIN_TITLE_MAX = 60;
export const BULLETIN_BODY_MAX = 2_000;

interface BulletinRow {
  id: number;
  title: string;
  body: string;
  created_at: number;
  created_by: string;
}

const toBulletin = (r: BulletinRow): Bulletin => ({ id: r.id, title: r.title, body: r.body, createdAt: r.created_at, createdBy: r.created_by });

/**
 * Bulletins: short notices the sysop adds (from the console or the BBS) and removes, each an
 * audited staff action. Members see the ones they have not seen at log-in, newest first, and
 * every one in the list with the unseen ones marked.
 */
export class Bulletins {
  private readonly insert;
  private readonly delete_;
  private readonly byId;
  private readonly all;
  private readonly forMember;
  private readonly markSeen_;

  constructor(
    private readonly db: Db,
    private readonly staff: Staff,
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare('INSERT INTO bulletins (title, body, created_at, created_by) VALUES (?, ?, ?, ?)');
    this.delete_ = db.prepare('DELETE FROM bulletins WHERE id = ?');
    this.byId = db.prepare<[number], BulletinRow>('SELECT * FROM bulletins WHERE id = ?');
    this.all = db.prepare<[], BulletinRow>('SELECT * FROM bulletins ORDER BY created_at DESC, id DESC');
    this.forMember = db.prepare<[number], BulletinRow & { seen: number }>(
      `SELECT b.*, (r.member_id IS NOT NULL) AS seen FROM bulletins b
       LEFT JOIN bulletin_reads r ON r.bulletin_id = b.id AND r.member_id = ?
       ORDER BY b.created_at DESC, b.id DESC`,
    );
    this.markSeen_ = db.prepare('INSERT OR IGNORE INTO bulletin_reads (member_id, bulletin_id, seen_at) VALUES (?, ?, ?)');
  }

  /** Adds a bulletin (sysops only). The title is one line; the body a few short paragraphs. */
  add(actor: Actor, input: { title: string; body: string }): Bulletin {
    this.staff.requireSysop(actor, 'add a bulletin');
    const title = cleanLine(input.title, BULLETIN_TITLE_MAX * 2);
    const body = cleanText(input.body, { maxLength: BULLETIN_BODY_MAX * 2, multiline: true });
    if (!title) throw new UserError('A bulletin needs a title.');
    if ([...title].length > BULLETIN_TITLE_MAX) throw new UserError(`A bulletin's title may have at most ${BULLETIN_TITLE_MAX} characters.`);
    if (!body.trim()) throw new UserError('A bulletin needs some text.');
    if (exceedsLength(body, BULLETIN_BODY_MAX)) {
      throw new UserError(`A bulletin may have at most ${BULLETIN_BODY_MAX.toLocaleString('en-GB')} characters: keep it short, and put the rest on a board.`);
    }
    const id = this.db.transaction(() => {
      const id = Number(this.insert.run(title, body, this.now(), actorName(actor)).lastInsertRowid);
      this.audit.record(actor, { action: 'bulletin.add', targetKind: 'bulletin', targetId: id, targetLabel: title });
      return id;
    })();
    return toBulletin(this.byId.get(id)!);
  }

  /** Removes a bulletin (sysops only): it leaves every member's list. */
  remove(actor: Actor, id: number): Bulletin {
    this.staff.requireSysop(actor, 'remove a bulletin');
    const row = this.byId.get(id);
    if (!row) throw new UserError(`There is no bulletin number ${id}.`);
    this.db.transaction(() => {
      this.delete_.run(id);
      this.audit.record(actor, { action: 'bulletin.remove', targetKind: 'bulletin', targetId: id, targetLabel: row.title });
    })();
    return toBulletin(row);
  }

  /** Every bulletin, newest first. */
  list(): Bulletin[] {
    return this.all.all().map(toBulletin);
  }

  /** Every bulletin, newest first, each saying whether this member has seen it. */
  listFor(memberId: number): MemberBulletin[] {
    return this.forMember.all(memberId).map((r) => ({ ...toBulletin(r), seen: r.seen === 1 }));
  }

  /** The bulletins this member has not seen yet, newest first. */
  unseen(memberId: number): Bulletin[] {
    return this.listFor(memberId).filter((b) => !b.seen);
  }

  /** Records that the member has seen these bulletins. */
  markSeen(memberId: number, ids: number[]): void {
    const at = this.now();
    this.db.transaction(() => {
      for (const id of ids) if (this.byId.get(id)) this.markSeen_.run(memberId, id, at);
    })();
  }
}
