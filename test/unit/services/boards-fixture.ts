import { LOCK_WAIT_MS, openDatabase, type Db } from '../../../db/open.js';
import { Hub } from '../../../src/hub.js';
import type { Member, Role } from '../../../src/services/accounts.js';
import { Boards } from '../../../src/services/boards.js';
import { seedDefaults } from '../../../src/services/seed.js';

export interface BoardsFixture {
  db: Db;
  hub: Hub;
  boards: Boards;
  member(name: string, role?: Role): Member;
  boardId(slug: string): number;
  /** A clock that moves one second per post, so times are distinct and predictable. */
  clock: { t: number };
}

/**
 * A real in-memory database with the real migrations and default boards. Members are inserted
 * directly: password hashing is the accounts tests' business, not the boards'.
 */
export function boardsFixture(): BoardsFixture {
  const db = openDatabase(':memory:', { lockWaitMs: LOCK_WAIT_MS.console });
  seedDefaults(db, 1_700_000_000_000);
  const hub = new Hub();
  const clock = { t: 1_700_000_000_000 };
  const boards = new Boards(db, hub, () => (clock.t += 1000));
  const insert = db.prepare(
    `INSERT INTO members (name, name_key, password_hash, role, created_at, guidelines_accepted_at)
     VALUES (?, ?, 'x', ?, 0, 0)`,
  );
  return {
    db,
    hub,
    boards,
    clock,
    member(name, role = 'member') {
      const id = Number(insert.run(name, name.toLowerCase(), role).lastInsertRowid);
      return { id, name, role, createdAt: 0, lastLoginAt: null, timeZone: 'UTC', monochrome: false };
    },
    boardId(slug) {
      return (db.prepare('SELECT id FROM boards WHERE slug = ?').get(slug) as { id: number }).id;
    },
  };
}
