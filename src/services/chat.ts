import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import type { Hub } from '../hub.js';
import { cleanText, exceedsLength } from '../text/index.js';
import type { Accounts, Member } from './accounts.js';
import type { AuditEntry } from './audit.js';
import type { BbsSettings, NumberSetting } from './bbs-settings.js';
import type { Blocks } from './blocks.js';
import type { ChatRoom, ChatRooms } from './chat-rooms.js';
import { FloodControl, type FloodLimits } from './flood.js';
import type { MemberPrefs } from './member-prefs.js';
import type { Presence } from './presence.js';
import { muteRoomLine } from './sanctions.js';
import { skipIfBusy } from './database-busy.js';

export type ChatLineKind = 'say' | 'me' | 'whisper' | 'system';

/** One stored chat line, as every reader of the room receives it. */
export interface ChatLine {
  id: number;
  roomId: number;
  /** null for the room's own notices (meeting opening, floor changes). */
  memberId: number | null;
  name: string;
  kind: ChatLineKind;
  text: string;
  /** A whisper's only reader. */
  toMemberId: number | null;
  toName: string | null;
  createdAt: number;
}

/** A member in a room right now. */
export interface Occupant {
  sessionId: number;
  memberId: number;
  name: string;
  /** null when here; the reason (maybe '') when away. */
  away: string | null;
  since: number;
}

/** Rules a room may add about who may speak now (a meeting's floor); throws UserError to refuse. */
export type SpeakGuard = (roomId: number, member: Member) => void;

/** Moderation of what members say (watched words, slow mode), given to `Chat` by the composition root. */
export interface ChatLineGate {
  /** Before a line is written: throws UserError to refuse it; a watched word to flag comes back. */
  beforeLine(member: Member, roomId: number, text: string, kind: ChatLineKind): { flag?: string };
  /** After it was written and announced. */
  afterLine(member: Member, line: ChatLine, flag: string | undefined): void;
}

interface LineRow {
  id: number;
  room_id: number;
  member_id: number | null;
  author_name: string;
  kind: ChatLineKind;
  body: string;
  to_member_id: number | null;
  to_name: string | null;
  created_at: number;
}

function toLine(r: LineRow): ChatLine {
  return {
    id: r.id,
    roomId: r.room_id,
    memberId: r.member_id,
    name: r.author_name,
    kind: r.kind,
    text: r.body,
    toMemberId: r.to_member_id,
    toName: r.to_name,
    createdAt: r.created_at,
  };
}

/** The sysop's chat settings (`haven sysop config set chat.retention_days 3`). */
export const CHAT_SETTINGS = {
  retentionDays: { key: 'chat.retention_days', fallback: 7, min: 1, max: 3650, describe: 'Days chat lines are kept before they are deleted' },
  floodLines: { key: 'chat.flood_lines', fallback: 5, min: 1, max: 100, describe: 'Lines a member may send in chat.flood_seconds' },
  floodSeconds: { key: 'chat.flood_seconds', fallback: 5, min: 1, max: 3600, describe: 'The window for chat.flood_lines, in seconds' },
  muteSeconds: { key: 'chat.mute_seconds', fallback: 60, min: 1, max: 86_400, describe: 'How long a member who floods after a warning is muted' },
  maxLineChars: { key: 'chat.max_line_chars', fallback: 500, min: 20, max: 2000, describe: 'The longest chat line, in characters' },
} as const;

const DAY_MS = 86_400_000;
const AWAY_MAX = 80;
/** A system line (a meeting's opening statement) may be long and keep its paragraphs. */
const SYSTEM_MAX = 4000;
const PAGE_REPEAT_MS = 60_000;

/**
 * Live chat: who is in which room, lines written to SQLite and then announced on the hub,
 * whispers, paging, and the deletion of old lines (chat is meant to be ephemeral).
 */
export class Chat {
  readonly flood: FloodControl;
  private readonly occupants = new Map<number, Map<number, Occupant>>();
  private readonly roomOfSession = new Map<number, number>();
  /** occupantsOf() results until the room's people change: every member's screen asks for them. */
  private readonly occupantsCache = new Map<number, Occupant[]>();
  private readonly guards: SpeakGuard[] = [];
  private readonly lastPage = new Map<string, number>();
  private readonly insertLine;
  private readonly recent;
  private readonly purge;
  private readonly syncNormal;
  private readonly syncRestore;
  private purgeTimer: NodeJS.Timeout | undefined;
  private lineGate: ChatLineGate | undefined;

  constructor(
    db: Db,
    private readonly hub: Hub,
    private readonly rooms: ChatRooms,
    private readonly settings: BbsSettings,
    private readonly accounts: Accounts,
    private readonly blocks: Blocks,
    private readonly presence: Presence,
    private readonly prefs: MemberPrefs,
    private readonly now: () => number = Date.now,
  ) {
    this.flood = new FloodControl(() => this.floodLimits(), now);
    this.insertLine = db.prepare(
      `INSERT INTO chat_lines (room_id, member_id, author_name, kind, body, to_member_id, to_name, created_at)
       VALUES (@roomId, @memberId, @name, @kind, @text, @toMemberId, @toName, @createdAt)`,
    );
    // Newest first with a limit, then put back in reading order by the caller.
    this.recent = db.prepare<[number, number, number, number], LineRow>(
      `SELECT * FROM chat_lines
       WHERE room_id = ? AND (to_member_id IS NULL OR to_member_id = ? OR member_id = ?)
       ORDER BY id DESC LIMIT ?`,
    );
    this.purge = db.prepare('DELETE FROM chat_lines WHERE created_at < ?');
    const level = db.pragma('synchronous', { simple: true }) as number;
    this.syncNormal = db.prepare('PRAGMA synchronous = NORMAL');
    this.syncRestore = db.prepare(`PRAGMA synchronous = ${Number(level)}`);
    // From this server or the console alike, a mute is told to the room it silences.
    hub.on('staff:action', (e) => this.announceMute(e));
  }

  /** A room mute is told to that room; a mute in every room to the rooms the member is in. */
  private announceMute(e: AuditEntry): void {
    if (e.action !== 'member.mute' || e.memberId === null || typeof e.detail.endsAt !== 'number') return;
    const roomId = typeof e.detail.roomId === 'number' ? e.detail.roomId : null;
    const text = muteRoomLine(e.targetLabel, Math.round((e.detail.endsAt - e.at) / 60_000));
    const rooms = roomId !== null ? [roomId]
      : [...this.occupants.entries()].filter(([, here]) => [...here.values()].some((o) => o.memberId === e.memberId)).map(([id]) => id);
    for (const id of rooms) this.hub.emit('chat:notice', { roomId: id, memberId: e.memberId, text });
  }

  /** The sysop's limits for one line and for the rate of lines. */
  floodLimits(): FloodLimits {
    return {
      lines: this.setting(CHAT_SETTINGS.floodLines),
      seconds: this.setting(CHAT_SETTINGS.floodSeconds),
      muteSeconds: this.setting(CHAT_SETTINGS.muteSeconds),
    };
  }

  /** The longest line a member may send, in characters. */
  maxLineChars(): number {
    return this.setting(CHAT_SETTINGS.maxLineChars);
  }

  /** How long lines are kept, in days. */
  retentionDays(): number {
    return this.setting(CHAT_SETTINGS.retentionDays);
  }

  // Kept within each setting's range, which the console also checks when the sysop sets it.
  private setting(def: NumberSetting): number {
    return this.settings.numberOf(def);
  }

  /** Moderation of members' lines (src/app.ts sets it). */
  moderateWith(gate: ChatLineGate): void {
    this.lineGate = gate;
  }

  /** Adds a rule about who may speak (meetings use it for the floor). */
  addSpeakGuard(guard: SpeakGuard): void {
    this.guards.push(guard);
  }

  /** Puts a session in a room, leaving the room it was in; tells the room. */
  enter(roomId: number, sessionId: number, member: Member): ChatRoom {
    const room = this.rooms.get(roomId);
    if (!room) throw new UserError('That room has closed.');
    if (this.roomOfSession.get(sessionId) === roomId) return room;
    this.leave(sessionId);
    let here = this.occupants.get(roomId);
    if (!here) this.occupants.set(roomId, (here = new Map()));
    const already = [...here.values()].some((o) => o.memberId === member.id);
    here.set(sessionId, { sessionId, memberId: member.id, name: member.name, away: null, since: this.now() });
    this.roomOfSession.set(sessionId, roomId);
    if (!already) this.hub.emit('chat:notice', { roomId, memberId: member.id, text: `${member.name} joined.` });
    this.changedOccupancy(roomId);
    return room;
  }

  /** Takes a session out of whatever room it is in. */
  leave(sessionId: number): void {
    const roomId = this.roomOfSession.get(sessionId);
    if (roomId === undefined) return;
    this.roomOfSession.delete(sessionId);
    const here = this.occupants.get(roomId);
    const gone = here?.get(sessionId);
    here?.delete(sessionId);
    if (here && here.size === 0) this.occupants.delete(roomId);
    if (gone && ![...(here?.values() ?? [])].some((o) => o.memberId === gone.memberId)) {
      this.hub.emit('chat:left', { roomId, memberId: gone.memberId });
      this.hub.emit('chat:notice', { roomId, memberId: gone.memberId, text: `${gone.name} left.` });
    }
    this.changedOccupancy(roomId);
  }

  /** The room a session is in, if any. */
  roomOf(sessionId: number): number | undefined {
    return this.roomOfSession.get(sessionId);
  }

  /** Who is in a room: one entry per member, by name. */
  occupantsOf(roomId: number): Occupant[] {
    const cached = this.occupantsCache.get(roomId);
    if (cached) return cached;
    const byMember = new Map<number, Occupant>();
    for (const o of this.occupants.get(roomId)?.values() ?? []) {
      const prev = byMember.get(o.memberId);
      // A member is away only when every one of their sessions is.
      if (!prev || (prev.away !== null && o.away === null)) byMember.set(o.memberId, { ...o });
    }
    const sorted = [...byMember.values()].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
    this.occupantsCache.set(roomId, sorted);
    return sorted;
  }

  /** How many members are in a room. */
  countIn(roomId: number): number {
    const ids = new Set<number>();
    for (const o of this.occupants.get(roomId)?.values() ?? []) ids.add(o.memberId);
    return ids.size;
  }

  /** True when the member has a session in any chat room. */
  isInChat(memberId: number): boolean {
    for (const here of this.occupants.values()) for (const o of here.values()) if (o.memberId === memberId) return true;
    return false;
  }

  /** Marks the session away (with an optional reason), or back when `reason` is null. */
  setAway(sessionId: number, reason: string | null): void {
    const roomId = this.roomOfSession.get(sessionId);
    const o = roomId === undefined ? undefined : this.occupants.get(roomId)?.get(sessionId);
    if (!o || roomId === undefined) throw new UserError('You are not in a room.');
    const clean = reason === null ? null : cleanText(reason, { maxLength: AWAY_MAX, multiline: false }).trim();
    if (o.away === clean) return;
    o.away = clean;
    const text = clean === null ? `${o.name} is back.` : clean ? `${o.name} is away: ${clean}` : `${o.name} is away.`;
    this.hub.emit('chat:notice', { roomId, memberId: o.memberId, text });
    this.changedOccupancy(roomId);
  }

  /** The away reason of a member in chat ('' for none), or null when they are here or not in chat. */
  awayReason(memberId: number): string | null {
    let reason: string | null = null;
    for (const here of this.occupants.values()) {
      for (const o of here.values()) {
        if (o.memberId !== memberId) continue;
        if (o.away === null) return null;
        reason = o.away;
      }
    }
    return reason;
  }

  /** Says a line (or a /me action) in a room: written first, then announced. */
  say(roomId: number, member: Member, text: string, kind: 'say' | 'me' = 'say'): ChatLine {
    const body = this.cleanBody(text);
    if (!this.rooms.get(roomId)) throw new UserError('That room has closed.');
    for (const guard of this.guards) guard(roomId, member);
    const verdict = this.lineGate?.beforeLine(member, roomId, body, kind) ?? {};
    const line = this.write({ roomId, memberId: member.id, name: member.name, kind, text: body, toMemberId: null, toName: null });
    this.lineGate?.afterLine(member, line, verdict.flag);
    return line;
  }

  /** A private line to one member in chat; the sender is told if they are away. */
  whisper(roomId: number, member: Member, toName: string, text: string): { line: ChatLine; away: string | null } {
    const target = this.accounts.findByName(toName.trim());
    if (!target) throw new UserError(`There is no member called "${toName.trim()}".`);
    if (target.id === member.id) throw new UserError('That would be a whisper to yourself.');
    if (!this.isInChat(target.id)) throw new UserError(`${target.name} is not in chat right now.`);
    const body = this.cleanBody(text);
    const verdict = this.lineGate?.beforeLine(member, roomId, body, 'whisper') ?? {};
    // Someone who blocked the sender never sees it; the sender is not told (blocks are silent).
    const line = this.write({ roomId, memberId: member.id, name: member.name, kind: 'whisper', text: body, toMemberId: target.id, toName: target.name });
    this.lineGate?.afterLine(member, line, verdict.flag);
    return { line, away: this.awayReason(target.id) };
  }

  /** A line from the room itself (meeting notices); may hold several paragraphs. */
  system(roomId: number, text: string): ChatLine {
    const body = cleanText(text, { maxLength: SYSTEM_MAX, multiline: true });
    return this.write({ roomId, memberId: null, name: '', kind: 'system', text: body, toMemberId: null, toName: null });
  }

  /** The most recent lines of a room that `viewerId` may read, oldest first, without blocked members. */
  scrollback(roomId: number, viewerId: number, limit = 200): ChatLine[] {
    const blocked = this.blocks.blockedIds(viewerId);
    return this.recent
      .all(roomId, viewerId, viewerId, limit)
      .map(toLine)
      .filter((l) => l.memberId === null || !blocked.has(l.memberId))
      .reverse();
  }

  /** Deletes lines older than the retention time; returns how many went. */
  purgeExpired(at = this.now()): number {
    return this.purge.run(at - this.retentionDays() * DAY_MS).changes;
  }

  /** Purges now and then every hour while the server runs. */
  startRetention(): void {
    this.purgeExpired();
    this.purgeTimer = setInterval(() => {
      this.flood.prune();
      // Locked by another process: the next hour's purge takes these lines too.
      skipIfBusy(() => this.purgeExpired(), 0);
    }, 3_600_000);
    this.purgeTimer.unref();
  }

  stop(): void {
    if (this.purgeTimer) clearInterval(this.purgeTimer);
  }

  /**
   * Pages a member who is online: "alice would like to chat in Lobby". A member who is
   * invisible, offline or not taking pages cannot be paged; one who blocked the pager
   * silently never sees it.
   */
  page(from: Member, toName: string, roomId: number): Member {
    const target = this.accounts.findByName(toName.trim());
    if (!target) throw new UserError(`There is no member called "${toName.trim()}".`);
    if (target.id === from.id) throw new UserError('You cannot page yourself.');
    if (!this.presence.visible().some((m) => m.memberId === target.id)) throw new UserError(`${target.name} is not online.`);
    if (!this.prefs.get(target.id).allowPages) throw new UserError(`${target.name} is not taking pages right now.`);
    const room = this.rooms.get(roomId);
    if (!room) throw new UserError('That room has closed.');
    if (this.occupantsOf(roomId).some((o) => o.memberId === target.id)) throw new UserError(`${target.name} is already in ${room.name}.`);
    const key = `${from.id}:${target.id}`;
    const last = this.lastPage.get(key);
    if (last !== undefined && this.now() - last < PAGE_REPEAT_MS) {
      throw new UserError(`You paged ${target.name} a moment ago; give them a little time to answer.`);
    }
    this.lastPage.set(key, this.now());
    if (this.lastPage.size > 10_000) this.lastPage.clear();
    if (!this.blocks.hasBlocked(target.id, from.id)) {
      this.hub.emit('chat:page', { toMemberId: target.id, fromMemberId: from.id, fromName: from.name, roomId: room.id, roomName: room.name });
    }
    return target;
  }

  private changedOccupancy(roomId: number): void {
    this.occupantsCache.delete(roomId);
    this.hub.emit('chat:occupancy', { roomId });
  }

  private cleanBody(text: string): string {
    const max = this.maxLineChars();
    if (exceedsLength(text, max, false)) {
      throw new UserError(`That line is longer than ${max} characters. Please shorten it or send it in parts.`);
    }
    const body = cleanText(text, { maxLength: max, multiline: false });
    if (!body.trim()) throw new UserError('There is nothing to send.');
    return body;
  }

  private write(line: Omit<ChatLine, 'id' | 'createdAt'>): ChatLine {
    const createdAt = this.now();
    // A chat line is ephemeral (deleted within days) and a room of hundreds waits on it, so
    // it does not wait for an fsync (up to 8 ms here): in WAL mode it still survives the
    // process being killed, and only a power cut could lose the last moments of chat.
    // Posts and mail keep the database's own level, which is restored at once.
    this.syncNormal.run();
    let id: number;
    try {
      id = Number(this.insertLine.run({ ...line, createdAt }).lastInsertRowid);
    } finally {
      this.syncRestore.run();
    }
    const stored: ChatLine = { ...line, id, createdAt };
    this.hub.emit('chat:line', stored);
    return stored;
  }
}
