// Chat commands as a table of name, arguments, help and handler. The screen supplies a
// small context (print a line to this member, switch rooms); everything else goes
// through the services, so the rules live here and not in the UI.

import { isUserError, UserError } from '../errors.js';
import type { Member } from './accounts.js';
import type { ChatRoom } from './chat-rooms.js';
import type { FloodVerdict } from './flood.js';
import type { ReportChoice } from './reports.js';
import type { Services } from './index.js';
import { formatDayTime, WEEKDAYS } from './meeting-time.js';
import { lengthInWords, parseDuration } from './sanctions.js';
import { countOf, formatClock, formatLongDate } from '../text/index.js';

/** What a command may do to the member's screen. */
export interface ChatCommandContext {
  services: Services;
  member: Member;
  sessionId: number;
  roomId(): number;
  /** Shows a line to this member alone (not stored). */
  print(text: string): void;
  /** Shows a problem in the status line. */
  problem(text: string): void;
  /** Puts a refused line back in the input, so the member does not lose it. */
  restoreInput(text: string): void;
  joinRoom(room: ChatRoom): void;
  leaveChat(): void;
  /** Asks the member why they report something (the same list everywhere), then calls `then`. */
  chooseReportReason(about: string, then: (choice: ReportChoice) => void): void;
  /** Lets the member pick one of these lines (oldest first), then calls `then` with its index. */
  chooseLine(lines: Array<{ authorName: string; text: string; writtenAt: number }>, then: (index: number) => void): void;
}

export interface ChatCommand {
  name: string;
  args?: string;
  help: string;
  /** Its text reaches others, so it counts against flood control. */
  speaks?: boolean;
  /**
   * For staff only: 'staff' (sysops and moderators) or 'sysop'. Others are not shown it in
   * /help, and a member who is not staff at all gets the usual "unknown command".
   */
  staffOnly?: 'staff' | 'sysop';
  run(cx: ChatCommandContext, args: string): void;
}

const usage = (c: { name: string; args?: string }) => `/${c.name}${c.args ? ' ' + c.args : ''}`;

function firstWord(args: string): [string, string] {
  const m = /^(\S+)\s*([\s\S]*)$/.exec(args.trim());
  return m ? [m[1]!, m[2]!] : ['', ''];
}

function need(value: string, command: ChatCommand): string {
  if (!value.trim()) throw new UserError(`Usage: ${usage(command)}`);
  return value;
}

/** The default length of a mute typed without one. */
export const DEFAULT_MUTE_MINUTES = 10;

/**
 * Reads "/mute NAME [DURATION] REASON": a second word with a unit (10m, 1h, 2d, 1w) is the
 * length; without one the mute lasts ten minutes and every word after the name is the reason.
 * A bare number is not taken as a length, so "/mute ash 3 spam links" cannot mean three days.
 */
export function parseMuteArgs(args: string): { name: string; minutes: number; reason: string } {
  const [name, rest] = firstWord(args);
  const [second, after] = firstWord(rest);
  if (/^\d+\s*(m|min|h|d|w)$/i.test(second)) {
    return { name, minutes: parseDuration(second) / 60_000, reason: after.trim() };
  }
  return { name, minutes: DEFAULT_MUTE_MINUTES, reason: rest.trim() };
}

/** Reads "/suspend NAME DURATION REASON"; the length is required (a bare number is days, as at the console). */
export function parseSuspendArgs(args: string): { name: string; durationMs: number; reason: string } {
  const [name, rest] = firstWord(args);
  const [length, reason] = firstWord(rest);
  return { name, durationMs: parseDuration(length), reason: reason.trim() };
}

function mayUse(cx: ChatCommandContext, c: ChatCommand): boolean {
  if (c.staffOnly === 'sysop') return cx.services.staff.isSysop(cx.member);
  if (c.staffOnly === 'staff') return cx.services.staff.isStaff(cx.member);
  return true;
}

// Roles are the services' to check: these only read what was typed and say what happened.
const STAFF_COMMANDS: ChatCommand[] = [
  {
    name: 'mute',
    args: 'name [10m|1h|24h] reason',
    help: `Staff: stop a member speaking in this room (${DEFAULT_MUTE_MINUTES} minutes unless you say)`,
    staffOnly: 'staff',
    run(cx, args) {
      const { name, minutes, reason } = parseMuteArgs(args);
      need(name && reason, this);
      const mute = cx.services.sanctions.mute(cx.member, name, { roomId: cx.roomId(), minutes, reason });
      const target = cx.services.accounts.findById(mute.memberId)!;
      cx.print(`${target.name} is muted in this room until ${formatClock(mute.endsAt!, cx.member.timeZone)}. /unmute ${target.name} to lift it.`);
    },
  },
  {
    name: 'unmute',
    args: 'name',
    help: 'Staff: let a muted member speak here again',
    staffOnly: 'staff',
    run(cx, args) {
      const target = cx.services.accounts.findByName(need(args, this).trim());
      if (!target) throw new UserError(`There is no member called "${args.trim()}".`);
      const mute = cx.services.sanctions.activeMute(target.id, cx.roomId());
      if (!mute) throw new UserError(`${target.name} is not muted here.`);
      cx.services.sanctions.lift(cx.member, mute.id);
      cx.print(`${target.name} may speak here again.`);
    },
  },
  {
    name: 'warn',
    args: 'name reason',
    help: 'Staff: send a member a warning they must acknowledge',
    staffOnly: 'staff',
    run(cx, args) {
      const [name, reason] = firstWord(args);
      need(name && reason, this);
      const boardId = cx.services.staff.boardOfRoom(cx.roomId());
      const warning = cx.services.sanctions.warn(cx.member, name, reason, boardId === null ? {} : { boardId });
      const target = cx.services.accounts.findById(warning.memberId)!;
      cx.print(`${target.name} has been warned. They see it at once, or when they next log in.`);
    },
  },
  {
    name: 'kick',
    args: 'name [reason]',
    help: 'Sysop: end a member\'s session (they may log in again)',
    staffOnly: 'sysop',
    run(cx, args) {
      const [name, reason] = firstWord(args);
      need(name, this);
      cx.services.sanctions.disconnect(cx.member, name, reason);
      cx.print(`${name}'s session has been ended.`);
    },
  },
  {
    name: 'suspend',
    args: 'name 1d|3d|7d|30d reason',
    help: 'Sysop: keep a member out for a while, with the reason they will read',
    staffOnly: 'sysop',
    run(cx, args) {
      const [name, rest] = firstWord(args);
      need(name && rest, this);
      const { durationMs, reason } = parseSuspendArgs(args);
      need(reason, this);
      const s = cx.services.sanctions.suspend(cx.member, name, { durationMs, reason });
      const target = cx.services.accounts.findById(s.memberId)!;
      cx.print(`${target.name} is suspended until ${formatClock(s.endsAt!, cx.member.timeZone)} on ${formatLongDate(s.endsAt!, cx.member.timeZone)}. Their session has ended.`);
    },
  },
];

export const CHAT_COMMANDS: ChatCommand[] = [
  {
    name: 'me',
    args: 'action',
    help: 'Describe what you do: "/me waves" shows "* you waves"',
    speaks: true,
    run(cx, args) {
      cx.services.chat.say(cx.roomId(), cx.member, need(args, this), 'me');
    },
  },
  {
    name: 'msg',
    args: 'name text',
    help: 'Whisper to one member in chat; nobody else sees it',
    speaks: true,
    run(cx, args) {
      const [name, text] = firstWord(args);
      need(name && text, this);
      const { away } = cx.services.chat.whisper(cx.roomId(), cx.member, name, text);
      if (away !== null) cx.print(`${name} is away${away ? ': ' + away : ''}. They will see it when they are back.`);
    },
  },
  {
    name: 'who',
    help: 'Who is in this room',
    run(cx) {
      const here = cx.services.chat.occupantsOf(cx.roomId());
      const names = here.map((o) => (o.away === null ? o.name : `${o.name} (away${o.away ? ': ' + o.away : ''})`));
      cx.print(`Here (${here.length}): ${names.join(', ')}`);
    },
  },
  {
    name: 'away',
    args: '[reason]',
    help: 'Say you are away for a while; /away again when you are back',
    run(cx, args) {
      const reason = args.trim();
      const mine = cx.services.chat.occupantsOf(cx.roomId()).find((o) => o.memberId === cx.member.id);
      if (!reason && mine?.away !== null && mine !== undefined) cx.services.chat.setAway(cx.sessionId, null);
      else cx.services.chat.setAway(cx.sessionId, reason);
    },
  },
  {
    name: 'back',
    help: 'You are back from /away',
    run(cx) {
      cx.services.chat.setAway(cx.sessionId, null);
    },
  },
  {
    name: 'ignore',
    args: 'name',
    help: "Stop seeing someone's lines (the same as blocking them)",
    run(cx, args) {
      const blocked = cx.services.blocks.blockByName(cx.member.id, need(args, this));
      cx.print(`You will not see ${blocked.name}'s lines, mail or pages. They are not told. To undo: /unignore ${blocked.name}`);
    },
  },
  {
    name: 'unignore',
    args: 'name',
    help: 'See their lines again',
    run(cx, args) {
      const target = cx.services.accounts.findByName(need(args, this).trim());
      if (!target) throw new UserError(`There is no member called "${args.trim()}".`);
      cx.services.blocks.unblock(cx.member.id, target.id);
      cx.print(`You will see ${target.name}'s lines again.`);
    },
  },
  {
    name: 'report',
    args: '[name]',
    help: "Report what someone said here (their last line, or pick one) to the room's moderators",
    run(cx, args) {
      const roomId = cx.roomId();
      const { reports } = cx.services;
      const fileReport = (line: { lineId: number; authorName: string }) =>
        cx.chooseReportReason(`${line.authorName}'s line`, (choice) => {
          try {
            cx.print(reports.thankYou(reports.reportChatLine(cx.member, line.lineId, choice)));
          } catch (err) {
            if (!isUserError(err)) throw err;
            cx.problem(err.message);
          }
        });
      const [name] = firstWord(args);
      if (!name) {
        const lines = reports.reportableLines(cx.member, roomId);
        if (lines.length === 0) throw new UserError('Nobody else has said anything here that you could report.');
        cx.chooseLine(lines, (i) => fileReport(lines[i]!));
        return;
      }
      const line = reports.findChatLine(cx.member, roomId, name);
      cx.print(`Reporting ${line.authorName}'s line: ${line.text}`);
      fileReport(line);
    },
  },
  {
    name: 'page',
    args: 'name',
    help: 'Invite a member who is online to come to this room',
    run(cx, args) {
      const target = cx.services.chat.page(cx.member, need(args, this), cx.roomId());
      cx.print(`${target.name} has been paged. They can join you here or carry on with what they are doing.`);
    },
  },
  {
    name: 'join',
    args: 'room',
    help: 'Go to another room',
    run(cx, args) {
      if (!args.trim()) {
        cx.print(`Rooms: ${cx.services.chatRooms.list().map((r) => r.name).join(', ')}`);
        return;
      }
      const room = cx.services.chatRooms.findByName(args);
      if (!room) throw new UserError(`There is no room called "${args.trim()}". Type /join to list the rooms.`);
      cx.joinRoom(room);
    },
  },
  {
    name: 'leave',
    help: 'Leave the room (back to the list of rooms)',
    run(cx) {
      cx.leaveChat();
    },
  },
  {
    name: 'hand',
    help: 'In a meeting: raise your hand to speak (again to lower it)',
    run(cx) {
      const raised = cx.services.meetings.toggleHand(cx.roomId(), cx.member);
      if (raised) cx.print('Your hand is up. The facilitator will give you the floor in turn.');
    },
  },
  {
    name: 'yield',
    help: 'In a meeting: give back the floor when you have finished',
    run(cx) {
      cx.services.meetings.yieldFloor(cx.roomId(), cx.member);
    },
  },
  {
    name: 'next',
    help: 'Facilitator: give the floor to the next raised hand',
    run(cx) {
      cx.services.meetings.next(cx.roomId(), cx.member);
    },
  },
  {
    name: 'meeting',
    args: '[start|end]',
    help: 'The weekly meeting; the facilitator starts and ends it',
    run(cx, args) {
      const { meetings } = cx.services;
      const what = args.trim().toLowerCase();
      if (what === 'start') return meetings.start(cx.roomId(), cx.member);
      if (what === 'end' || what === 'close') return meetings.end(cx.roomId(), cx.member);
      if (what) throw new UserError(`Usage: ${usage(this)}`);
      const s = meetings.schedule(cx.roomId());
      if (!s) {
        cx.print('This room has no weekly meeting.');
        return;
      }
      const occ = meetings.occurrence(cx.roomId())!;
      const zone = cx.member.timeZone;
      const who = s.facilitatorName ? `, facilitated by ${s.facilitatorName}` : '';
      cx.print(
        `Every ${WEEKDAYS[s.weekday]} at ${s.startTime} (${s.timeZone}) for ${s.minutes} minutes${who}. ` +
          (occ.running ? 'It is meeting time now.' : `Next: ${formatDayTime(occ.start, zone)} your time (${zone}).`),
      );
    },
  },
  ...STAFF_COMMANDS,
  {
    name: 'help',
    help: 'This list',
    run(cx) {
      cx.print('Type a line and press Enter to say it. Commands:');
      for (const c of CHAT_COMMANDS) if (mayUse(cx, c)) cx.print(`${usage(c)}: ${c.help}`);
      cx.print('//text: Say a line that starts with "/"');
    },
  },
];

const BY_NAME = new Map(CHAT_COMMANDS.map((c) => [c.name, c]));

interface Entry {
  raw: string;
  speaks: boolean;
  run(): void;
}

function parse(cx: ChatCommandContext, raw: string): Entry {
  const say = (text: string): Entry => ({ raw, speaks: true, run: () => void cx.services.chat.say(cx.roomId(), cx.member, text) });
  if (!raw.startsWith('/')) return say(raw);
  if (raw.startsWith('//')) return say(raw.slice(1));
  const m = /^\/(\S*)\s*([\s\S]*)$/.exec(raw)!;
  const command = BY_NAME.get(m[1]!.toLowerCase());
  // Staff commands do not exist for members: a sysop's command typed by a moderator is
  // refused by the service in plain words instead.
  if (!command || (command.staffOnly && !cx.services.staff.isStaff(cx.member))) {
    return { raw, speaks: false, run: () => { throw new UserError(`Unknown command /${m[1]}. Type /help for the list.`); } };
  }
  return { raw, speaks: command.speaks === true, run: () => command.run(cx, m[2]!) };
}

/**
 * Runs what the member entered: one line, or several at once when they pasted. Lines that
 * reach others pass flood control first; a paste goes out up to the limit and the rest is
 * refused with a message, never dropped silently.
 */
export function runChatInput(cx: ChatCommandContext, lines: string[]): FloodVerdict {
  const entries = lines.filter((l) => l.trim()).map((l) => parse(cx, l));
  const verdict = cx.services.chat.flood.admit(cx.member.id, entries.filter((e) => e.speaks).length);
  let budget = verdict.allowed;
  const refused: string[] = [];
  for (const entry of entries) {
    if (entry.speaks && budget-- <= 0) {
      refused.push(entry.raw);
      continue;
    }
    try {
      entry.run();
    } catch (err) {
      if (!isUserError(err)) throw err;
      cx.problem(err.message);
      // A refused line goes back in the input to be changed; a mistyped command does not linger.
      if (entries.length === 1 && entry.speaks) cx.restoreInput(entry.raw);
    }
  }
  const { lines: max, seconds, muteSeconds } = cx.services.chat.floodLimits();
  switch (verdict.outcome) {
    case 'warned':
      cx.problem(`Slow down: at most ${countOf(max, 'line')} in ${seconds} s, or you are muted for ${muteSeconds} s.`);
      break;
    case 'muted':
      cx.problem(`You are muted for ${countOf(muteSeconds, 'second')}: too many lines too fast.`);
      break;
    case 'still-muted':
      cx.problem(`You are muted for ${countOf(verdict.mutedSeconds ?? muteSeconds, 'more second')}.`);
      break;
    case 'paste-cut': {
      const total = verdict.allowed + verdict.refused;
      cx.problem(
        `Sent ${verdict.allowed} of your ${total} pasted lines; ${verdict.refused} ${verdict.refused === 1 ? 'was' : 'were'} not (limit: ${countOf(max, 'line')} in ${seconds} s).`,
      );
      break;
    }
    default:
      break;
  }
  // Lines held back by flood control are shown to the member, not put back in the input:
  // there, whatever they typed next would be glued onto them and sent as one line.
  for (const raw of refused) cx.print(`Not sent: ${raw}`);
  return verdict;
}
