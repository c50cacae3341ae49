import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import type { Hub } from '../hub.js';
import { cleanLine } from '../text/index.js';

/** A live chat room: the Lobby, or one a sysop opened for a support group. */
export interface ChatRoom {
  id: number;
  name: string;
  topic: string;
  boardId: number | null;
  /** The Lobby: open 24 hours, never closed. */
  permanent: boolean;
  position: number;
  createdAt: number;
}

export const ROOM_NAME_MAX = 32;
export const ROOM_TOPIC_MAX = 120;

interface RoomRow {
  id: number;
  name: string;
  topic: string;
  board_id: number | null;
  permanent: number;
  position: number;
  created_at: number;
}

function toRoom(row: RoomRow): ChatRoom {
  return {
    id: row.id,
    name: row.name,
    topic: row.topic,
    boardId: row.board_id,
    permanent: row.permanent === 1,
    position: row.position,
    createdAt: row.created_at,
  };
}

/** A room name: one line, a few words; '/' would read as a command after /join. */
function cleanRoomName(input: string): string {
  const name = cleanLine(input, ROOM_NAME_MAX + 1);
  if (name.length < 2 || name.length > ROOM_NAME_MAX) throw new UserError(`A room name is 2 to ${ROOM_NAME_MAX} characters long.`);
  if (name.includes('/')) throw new UserError('A room name cannot contain "/".');
  return name;
}

/** The open chat rooms, and the sysop's operations on them (create, rename, close). */
export class ChatRooms {
  private readonly listOpen;
  private readonly byId;
  private readonly byNameKey;
  private readonly insert;
  private readonly updateName;
  private readonly markClosed;
  private readonly maxPosition;
  private readonly boardBySlug;

  constructor(
    private readonly db: Db,
    private readonly hub: Hub,
    private readonly now: () => number = Date.now,
  ) {
    this.listOpen = db.prepare<[], RoomRow>('SELECT * FROM chat_rooms WHERE closed_at IS NULL ORDER BY permanent DESC, position, name_key');
    this.byId = db.prepare<[number], RoomRow>('SELECT * FROM chat_rooms WHERE id = ? AND closed_at IS NULL');
    this.byNameKey = db.prepare<[string], RoomRow>('SELECT * FROM chat_rooms WHERE name_key = ? AND closed_at IS NULL');
    this.insert = db.prepare(
      'INSERT INTO chat_rooms (name, name_key, topic, board_id, permanent, position, created_at) VALUES (?, ?, ?, ?, 0, ?, ?)',
    );
    this.updateName = db.prepare('UPDATE chat_rooms SET name = ?, name_key = ? WHERE id = ?');
    this.markClosed = db.prepare('UPDATE chat_rooms SET closed_at = ? WHERE id = ? AND closed_at IS NULL');
    this.maxPosition = db.prepare<[], { p: number | null }>('SELECT max(position) AS p FROM chat_rooms WHERE closed_at IS NULL');
    this.boardBySlug = db.prepare<[string], { id: number }>('SELECT id FROM boards WHERE slug = ?');
  }

  /** Open rooms, the Lobby first. */
  list(): ChatRoom[] {
    return this.listOpen.all().map(toRoom);
  }

  /** An open room by id. */
  get(id: number): ChatRoom | undefined {
    const row = this.byId.get(id);
    return row ? toRoom(row) : undefined;
  }

  /** An open room by name, any case. */
  findByName(name: string): ChatRoom | undefined {
    const row = this.byNameKey.get(name.trim().toLowerCase());
    return row ? toRoom(row) : undefined;
  }

  /** The room that is always open. */
  lobby(): ChatRoom {
    const first = this.list().find((r) => r.permanent);
    if (!first) throw new Error('the Lobby is missing from chat_rooms');
    return first;
  }

  /** Opens a room, optionally for a support group (a board's slug). */
  create(input: { name: string; topic?: string; boardSlug?: string }): ChatRoom {
    const name = cleanRoomName(input.name);
    const topic = cleanLine(input.topic ?? '', ROOM_TOPIC_MAX);
    let boardId: number | null = null;
    if (input.boardSlug) {
      const board = this.boardBySlug.get(input.boardSlug.trim().toLowerCase());
      if (!board) throw new UserError(`There is no support group "${input.boardSlug}".`);
      boardId = board.id;
    }
    const id = this.db.transaction(() => {
      if (this.byNameKey.get(name.toLowerCase())) throw new UserError(`There is already a room called "${name}".`);
      const position = (this.maxPosition.get()?.p ?? 0) + 1;
      return Number(this.insert.run(name, name.toLowerCase(), topic, boardId, position, this.now()).lastInsertRowid);
    })();
    this.hub.emit('chat:rooms-changed', {});
    return this.get(id)!;
  }

  /** Gives a room a new name; members inside see it at once. */
  rename(id: number, newName: string): ChatRoom {
    const name = cleanRoomName(newName);
    this.db.transaction(() => {
      if (!this.byId.get(id)) throw new UserError('That room is closed or does not exist.');
      const clash = this.byNameKey.get(name.toLowerCase());
      if (clash && clash.id !== id) throw new UserError(`There is already a room called "${name}".`);
      this.updateName.run(name, name.toLowerCase(), id);
    })();
    this.hub.emit('chat:rooms-changed', {});
    return this.get(id)!;
  }

  /** Closes a room; members inside are moved to the Lobby. The Lobby cannot be closed. */
  close(id: number): void {
    const room = this.get(id);
    if (!room) throw new UserError('That room is closed or does not exist.');
    if (room.permanent) throw new UserError('The Lobby is open around the clock and cannot be closed.');
    this.markClosed.run(this.now(), id);
    this.hub.emit('chat:room-closed', { roomId: id, lobbyId: this.lobby().id });
    this.hub.emit('chat:rooms-changed', {});
  }
}
