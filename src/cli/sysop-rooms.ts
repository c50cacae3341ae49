import { readFileSync } from 'node:fs';
import { openDataDir } from '../app.js';
import { isUserError, UserError } from '../errors.js';
import { Hub } from '../hub.js';
import { Accounts } from '../services/accounts.js';
import { BbsSettings } from '../services/bbs-settings.js';
import { Blocks } from '../services/blocks.js';
import { Chat } from '../services/chat.js';
import { ChatRooms, type ChatRoom } from '../services/chat-rooms.js';
import { WEEKDAYS } from '../services/meeting-time.js';
import { Meetings } from '../services/meetings.js';
import { MemberPrefs } from '../services/member-prefs.js';
import { PasswordHasher } from '../services/password-hasher.js';
import { Presence } from '../services/presence.js';

// The sysop's chat commands work on the data directory, also while the server runs: the
// server notices the change within a couple of seconds (src/services/db-watch.ts).

interface ChatTools {
  rooms: ChatRooms;
  meetings: Meetings;
  settings: BbsSettings;
}

function withChat(dataDir: string, work: (tools: ChatTools) => void): number {
  const { db } = openDataDir(dataDir);
  try {
    const hub = new Hub();
    const accounts = new Accounts(db, new PasswordHasher());
    const settings = new BbsSettings(db);
    const rooms = new ChatRooms(db, hub);
    const chat = new Chat(db, hub, rooms, settings, accounts, new Blocks(db, accounts, hub), new Presence(hub), new MemberPrefs(db));
    work({ rooms, meetings: new Meetings(db, hub, chat, rooms, accounts), settings });
    return 0;
  } catch (err) {
    if (!isUserError(err)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  } finally {
    db.close();
  }
}

function roomNamed(rooms: ChatRooms, name: string): ChatRoom {
  const room = rooms.findByName(name);
  if (!room) throw new UserError(`There is no open room called "${name}". See: haven sysop room list`);
  return room;
}

/** `haven sysop room list`: the open rooms, their topics and meetings. */
export function roomListCommand(opts: { dataDir: string }): number {
  return withChat(opts.dataDir, ({ rooms, meetings }) => {
    for (const room of rooms.list()) {
      const s = meetings.schedule(room.id);
      const meeting = s
        ? `${WEEKDAYS[s.weekday]}s ${s.startTime} ${s.timeZone}, ${s.minutes} min${s.facilitatorName ? `, facilitator ${s.facilitatorName}` : ''}`
        : '';
      process.stdout.write(`${room.name.padEnd(34)}${(room.permanent ? '(always open) ' : '') + room.topic}${meeting ? `\n${''.padEnd(34)}meets ${meeting}` : ''}\n`);
    }
  });
}

/** `haven sysop room add`: opens a room, optionally for a support group. */
export function roomAddCommand(opts: { dataDir: string; name: string; topic?: string; board?: string }): number {
  return withChat(opts.dataDir, ({ rooms }) => {
    const room = rooms.create({ name: opts.name, topic: opts.topic, boardSlug: opts.board });
    process.stdout.write(`Opened the room ${room.name}.\n`);
  });
}

/** `haven sysop room rename`. */
export function roomRenameCommand(opts: { dataDir: string; name: string; newName: string }): number {
  return withChat(opts.dataDir, ({ rooms }) => {
    const room = rooms.rename(roomNamed(rooms, opts.name).id, opts.newName);
    process.stdout.write(`Renamed to ${room.name}.\n`);
  });
}

/** `haven sysop room close`: members inside move to the Lobby. */
export function roomCloseCommand(opts: { dataDir: string; name: string }): number {
  return withChat(opts.dataDir, ({ rooms }) => {
    const room = roomNamed(rooms, opts.name);
    rooms.close(room.id);
    process.stdout.write(`Closed ${room.name}; anyone inside is moved to the Lobby.\n`);
  });
}

/** `haven sysop room schedule`: sets or clears a room's weekly meeting. */
export function roomScheduleCommand(opts: {
  dataDir: string;
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
  return withChat(opts.dataDir, ({ rooms, meetings }) => {
    const room = roomNamed(rooms, opts.name);
    if (opts.clear) {
      meetings.clearSchedule(room.id);
      process.stdout.write(`${room.name} has no weekly meeting now.\n`);
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
    process.stdout.write(`${room.name} meets every ${WEEKDAYS[s.weekday]} at ${s.startTime} ${s.timeZone} for ${s.minutes} minutes.\n`);
  });
}

const CHAT_SETTINGS = {
  'retention-days': { key: 'chat.retention_days', fallback: 7, min: 0.01, max: 3650, help: 'days a line is kept' },
  'flood-lines': { key: 'chat.flood_lines', fallback: 5, min: 1, max: 1000, help: 'lines allowed in the window' },
  'flood-seconds': { key: 'chat.flood_seconds', fallback: 5, min: 1, max: 3600, help: 'length of the window' },
  'mute-seconds': { key: 'chat.mute_seconds', fallback: 60, min: 1, max: 86_400, help: 'how long a mute lasts' },
  'max-line-chars': { key: 'chat.max_line_chars', fallback: 500, min: 20, max: 4000, help: 'longest line' },
} as const;

export type ChatSettingName = keyof typeof CHAT_SETTINGS;
export const CHAT_SETTING_NAMES = Object.keys(CHAT_SETTINGS) as ChatSettingName[];

/** `haven sysop chat`: shows the chat settings, changing those given. */
export function chatSettingsCommand(opts: { dataDir: string; values: Partial<Record<ChatSettingName, number>> }): number {
  return withChat(opts.dataDir, ({ settings }) => {
    for (const name of CHAT_SETTING_NAMES) {
      const value = opts.values[name];
      if (value === undefined) continue;
      const spec = CHAT_SETTINGS[name];
      if (!Number.isFinite(value) || value < spec.min || value > spec.max) throw new UserError(`--${name} is ${spec.min} to ${spec.max}.`);
      settings.set(spec.key, value);
    }
    for (const name of CHAT_SETTING_NAMES) {
      const spec = CHAT_SETTINGS[name];
      process.stdout.write(`${name.padEnd(16)}${String(settings.number(spec.key, spec.fallback)).padEnd(8)}${spec.help}\n`);
    }
  });
}
