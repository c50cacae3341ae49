import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import type { ChatRoom, ChatRooms } from '../services/chat-rooms.js';
import { WEEKDAYS } from '../services/meeting-time.js';
import type { Meetings } from '../services/meetings.js';
import type { Boards } from '../services/boards.js';
import { withServices } from './data-dir.js';
import { printJson, type Output } from './output.js';

// The sysop's chat commands work on the data directory, also while the server runs: the
// server notices the change within a couple of seconds (src/services/db-watch.ts).

interface ChatTools {
  rooms: ChatRooms;
  meetings: Meetings;
  boards: Boards;
}

function withChat(opts: { dataDir: string; out: Output }, work: (tools: ChatTools) => void): number {
  return withServices(opts, ({ chatRooms, meetings, boards }) => {
    work({ rooms: chatRooms, meetings, boards });
    return 0;
  });
}

function roomNamed(rooms: ChatRooms, name: string): ChatRoom {
  const room = rooms.findByName(name);
  if (!room) throw new UserError(`There is no open room called "${name}". See: haven sysop room list`);
  return room;
}

/** `haven sysop room list`: the open rooms, their topics and meetings. */
export function roomListCommand(opts: { dataDir: string; out: Output; json?: boolean }): number {
  return withChat(opts, ({ rooms, meetings, boards }) => {
    if (opts.json) {
      const slugs = new Map(boards.adminList('console', { all: true }).map((b) => [b.id, b.slug]));
      printJson(
        opts.out,
        rooms.list().map((room) => {
          const s = meetings.schedule(room.id);
          return {
            name: room.name,
            topic: room.topic,
            alwaysOpen: room.permanent,
            board: room.boardId === null ? null : (slugs.get(room.boardId) ?? null),
            meeting: s ? { day: WEEKDAYS[s.weekday], start: s.startTime, timeZone: s.timeZone, minutes: s.minutes, facilitator: s.facilitatorName ?? null } : null,
          };
        }),
      );
      return;
    }
    for (const room of rooms.list()) {
      const s = meetings.schedule(room.id);
      const meeting = s
        ? `${WEEKDAYS[s.weekday]}s ${s.startTime} ${s.timeZone}, ${s.minutes} min${s.facilitatorName ? `, facilitator ${s.facilitatorName}` : ''}`
        : '';
      opts.out.out(`${room.name.padEnd(34)}${(room.permanent ? '(always open) ' : '') + room.topic}${meeting ? `\n${''.padEnd(34)}meets ${meeting}` : ''}\n`);
    }
  });
}

/** `haven sysop room add`: opens a room, optionally for a support group. */
export function roomAddCommand(opts: { dataDir: string; out: Output; name: string; topic?: string; board?: string }): number {
  return withChat(opts, ({ rooms }) => {
    const room = rooms.create({ name: opts.name, topic: opts.topic, boardSlug: opts.board });
    opts.out.out(`Opened the room ${room.name}.\n`);
  });
}

/** `haven sysop room rename`. */
export function roomRenameCommand(opts: { dataDir: string; out: Output; name: string; newName: string }): number {
  return withChat(opts, ({ rooms }) => {
    const room = rooms.rename(roomNamed(rooms, opts.name).id, opts.newName);
    opts.out.out(`Renamed to ${room.name}.\n`);
  });
}

/** `haven sysop room close`: members inside move to the Lobby. */
export function roomCloseCommand(opts: { dataDir: string; out: Output; name: string }): number {
  return withChat(opts, ({ rooms }) => {
    const room = roomNamed(rooms, opts.name);
    rooms.close(room.id);
    opts.out.out(`Closed ${room.name}; anyone inside is moved to the Lobby.\n`);
  });
}

/** `haven sysop room schedule`: sets or clears a room's weekly meeting. */
export function roomScheduleCommand(opts: {
  dataDir: string;
  out: Output;
  name: string;
  clear?: boolean;
  day?: string;
  time?: string;
  zone?: string;
  minutes?: number;
  facilitator?: string;
  opening?: string;
  openingFile?: string;
}): number {
  return withChat(opts, ({ rooms, meetings }) => {
    const room = roomNamed(rooms, opts.name);
    if (opts.clear) {
      meetings.clearSchedule(room.id);
      opts.out.out(`${room.name} has no weekly meeting now.\n`);
      return;
    }
    if (!opts.day || !opts.time || !opts.zone) throw new UserError('Give --day, --time and --zone (and --minutes, --facilitator, --opening).');
    const opening = opts.openingFile ? readFileSync(opts.openingFile, 'utf8') : opts.opening;
    const s = meetings.setSchedule(room.id, {
      weekday: opts.day,
      start: opts.time,
      timeZone: opts.zone,
      minutes: opts.minutes ?? 60,
      facilitator: opts.facilitator,
      opening,
    });
    opts.out.out(`${room.name} meets every ${WEEKDAYS[s.weekday]} at ${s.startTime} ${s.timeZone} for ${s.minutes} minutes.\n`);
  });
}
