import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../db/open.js';
import { Boards } from '../../../src/services/boards.js';
import { Hub } from '../../../src/hub.js';
import { seedDefaults } from '../../../src/services/seed.js';

describe('upgrading a BBS that already holds emptied threads', () => {
  it('a thread whose posts were all deleted before the upgrade leaves lists and counts, and read counts stay exact', () => {
    const db = new Database(':memory:');
    migrate(db, loadMigrations().filter((m) => m.version <= 6));
    seedDefaults(db, 1);
    const board = (db.prepare("SELECT id FROM boards WHERE slug = 'introductions'").get() as { id: number }).id;
    const addMember = db.prepare("INSERT INTO members (name, name_key, password_hash, role, created_at, guidelines_accepted_at) VALUES (?, ?, 'x', 'member', 0, 0)");
    const ann = Number(addMember.run('ann', 'ann').lastInsertRowid);
    const cy = Number(addMember.run('cy', 'cy').lastInsertRowid);
    // Thread 1 (posts 1, 2) was emptied by its author; thread 2 (post 3) lives.
    db.exec(`
      INSERT INTO threads (id, board_id, author_id, created_at, first_post_id, last_post_id, last_post_at, last_author_id, post_count)
        VALUES (1, ${board}, ${ann}, 1, 1, 2, 2, ${ann}, 2), (2, ${board}, ${ann}, 3, 3, 3, 3, ${ann}, 1);
      INSERT INTO posts (id, thread_id, board_id, author_id, subject, body, created_at, deleted_at) VALUES
        (1, 1, ${board}, ${ann}, NULL, '', 1, 5), (2, 1, ${board}, ${ann}, NULL, '', 2, 5), (3, 2, ${board}, ${ann}, 'Alive', 'hello', 3, NULL);
      UPDATE boards SET thread_count = 2, post_count = 3, last_post_id = 3, last_post_at = 3 WHERE id = ${board};
      -- cy had read the first post of the emptied thread.
      INSERT INTO thread_reads (member_id, thread_id, last_read_post_id) VALUES (${cy}, 1, 1);
      INSERT INTO board_reads (member_id, board_id, baseline_post_id, baseline_count, extra_read) VALUES (${cy}, ${board}, 0, 0, 1);
    `);
    migrate(db);
    const boards = new Boards(db, new Hub(), () => 10);
    const member = { id: cy, name: 'cy', role: 'member' as const, createdAt: 0, lastLoginAt: null, timeZone: 'UTC', monochrome: false };
    expect(boards.list(member).find((b) => b.id === board)).toMatchObject({ threadCount: 1, postCount: 1, unread: 1 });
    expect(boards.threads(member, board).threads.map((t) => t.subject)).toEqual(['Alive']);
    boards.reads.markRead(cy, 2, 3);
    expect(boards.list(member).find((b) => b.id === board)!.unread).toBe(0);
  });
});
