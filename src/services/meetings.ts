import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import type { Hub } from '../hub.js';
import type { Logger } from '../log.js';
import { cleanText } from '../text/index.js';
import { canonicalTimeZone, type Accounts, type Member } from './accounts.js';
import type { Chat } from './chat.js';
import type { ChatRooms } from './chat-rooms.js';
import { nextOccurrence, parseClock, parseWeekday, type Occurrence, type WeeklySlot } from './meeting-time.js';

/** A room's weekly facilitated meeting. */
export interface MeetingSchedule extends WeeklySlot {
  roomId: number;
  facilitatorId: number | null;
  facilitatorName: string | null;
  /** The sysop's text shown when the meeting starts: guidelines, disclaimer. */
  opening: string;
}

/** A meeting as the room sees it now. */
export interface MeetingState {
  inProgress: boolean;
  floor: { memberId: number; name: string } | null;
  hands: Array<{ memberId: number; name: string }>;
}

export const OPENING_MAX = 2000;

interface ScheduleRow {
  room_id: number;
  weekday: number;
  start_time: string;
  time_zone: string;
  minutes: number;
  facilitator_id: number | null;
  facilitator_name: string | null;
  opening: string;
}

function toSchedule(r: ScheduleRow): MeetingSchedule {
  return {
    roomId: r.room_id,
    weekday: r.weekday,
    startTime: r.start_time,
    timeZone: r.time_zone,
    minutes: r.minutes,
    facilitatorId: r.facilitator_id,
    facilitatorName: r.facilitator_name,
    opening: r.opening,
  };
}

const HOUR_MS = 3_600_000;

/**
 * Facilitated meetings: a weekly schedule per room, the opening statement shown when a
 * meeting starts, and while one is in progress, the floor and a queue of raised hands.
 * The state is in memory: a meeting is something happening now, not a record.
 */
export class Meetings {
  private readonly states = new Map<number, MeetingState>();
  /** The occurrence (its start) whose opening statement each room has shown. */
  private readonly openedFor = new Map<number, number>();
  private readonly getOne;
  private readonly getAll;
  private readonly upsert;
  private readonly remove;
  private readonly systemSince;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private log: Logger | undefined;
  /** Rooms whose scheduled time is now, so the end of it can be announced too. */
  private readonly inSlot = new Set<number>();
  /** When each meeting opened during its weekly slot closes by itself: at the slot's end. */
  private readonly closesAt = new Map<number, number>();

  constructor(
    db: Db,
    private readonly hub: Hub,
    private readonly chat: Chat,
    private readonly rooms: ChatRooms,
    private readonly accounts: Accounts,
    private readonly now: () => number = Date.now,
  ) {
    const select = `SELECT s.*, m.name AS facilitator_name FROM chat_meetings s
      JOIN chat_rooms r ON r.id = s.room_id AND r.closed_at IS NULL
      LEFT JOIN members m ON m.id = s.facilitator_id`;
    this.getOne = db.prepare<[number], ScheduleRow>(`${select} WHERE s.room_id = ?`);
    this.getAll = db.prepare<[], ScheduleRow>(select);
    this.upsert = db.prepare(
      `INSERT INTO chat_meetings (room_id, weekday, start_time, time_zone, minutes, facilitator_id, opening)
       VALUES (@roomId, @weekday, @startTime, @timeZone, @minutes, @facilitatorId, @opening)
       ON CONFLICT (room_id) DO UPDATE SET weekday = excluded.weekday, start_time = excluded.start_time,
         time_zone = excluded.time_zone, minutes = excluded.minutes, facilitator_id = excluded.facilitator_id,
         opening = excluded.opening`,
    );
    this.remove = db.prepare('DELETE FROM chat_meetings WHERE room_id = ?');
    this.systemSince = db.prepare<[number, number], { x: number }>(
      "SELECT 1 AS x FROM chat_lines WHERE room_id = ? AND kind = 'system' AND created_at >= ? LIMIT 1",
    );
    chat.addSpeakGuard((roomId, member) => this.checkMaySpeak(roomId, member));
    hub.on('chat:left', ({ roomId, memberId }) => this.dropMember(roomId, memberId));
    hub.on('chat:room-closed', ({ roomId }) => this.states.delete(roomId));
  }

  /** Sets (or replaces) a room's weekly meeting. */
  setSchedule(
    roomId: number,
    input: { weekday: string | number; start: string; timeZone: string; minutes: number; facilitator?: string; opening?: string },
  ): MeetingSchedule {
    if (!this.rooms.get(roomId)) throw new UserError('That room is closed or does not exist.');
    const weekday = parseWeekday(input.weekday);
    if (weekday === undefined) throw new UserError(`"${input.weekday}" is not a day of the week.`);
    const startTime = parseClock(input.start);
    if (!startTime) throw new UserError(`"${input.start}" is not a time of day (use 24-hour HH:MM, e.g. 19:30).`);
    const timeZone = canonicalTimeZone(input.timeZone.trim());
    if (!timeZone) throw new UserError(`"${input.timeZone}" is not a time zone I know.`);
    if (!Number.isInteger(input.minutes) || input.minutes < 5 || input.minutes > 480) {
      throw new UserError('A meeting lasts 5 to 480 minutes.');
    }
    let facilitatorId: number | null = null;
    if (input.facilitator?.trim()) {
      const f = this.accounts.findByName(input.facilitator.trim());
      if (!f) throw new UserError(`There is no member called "${input.facilitator.trim()}".`);
      facilitatorId = f.id;
    }
    const opening = cleanText(input.opening ?? '', { maxLength: OPENING_MAX, multiline: true });
    this.upsert.run({ roomId, weekday, startTime, timeZone, minutes: input.minutes, facilitatorId, opening });
    this.hub.emit('chat:rooms-changed', {});
    this.rearm();
    return this.schedule(roomId)!;
  }

  /** Removes a room's weekly meeting. */
  clearSchedule(roomId: number): void {
    this.remove.run(roomId);
    this.hub.emit('chat:rooms-changed', {});
    this.rearm();
  }

  schedule(roomId: number): MeetingSchedule | undefined {
    const row = this.getOne.get(roomId);
    return row ? toSchedule(row) : undefined;
  }

  /** The room's meeting running now or coming next. */
  occurrence(roomId: number, at = this.now()): Occurrence | undefined {
    const s = this.schedule(roomId);
    return s ? nextOccurrence(s, at) : undefined;
  }

  state(roomId: number): MeetingState {
    return this.states.get(roomId) ?? { inProgress: false, floor: null, hands: [] };
  }

  /** True when the member may run the room's meeting: its facilitator, or a sysop. */
  canFacilitate(roomId: number, member: Member): boolean {
    return member.role === 'sysop' || (this.schedule(roomId)?.facilitatorId ?? -1) === member.id;
  }

  /** Sets the room to "meeting in progress"; shows the opening statement if this meeting has not yet. */
  start(roomId: number, member: Member): void {
    this.mustFacilitate(roomId, member);
    const state = this.stateFor(roomId);
    if (state.inProgress) throw new UserError('The meeting is already in progress.');
    state.inProgress = true;
    state.floor = null;
    state.hands = [];
    this.chat.system(roomId, `${member.name} opened the meeting. To speak, raise your hand with /hand.`);
    const occ = this.occurrence(roomId);
    if (occ?.running) this.closesAt.set(roomId, occ.end);
    else this.closesAt.delete(roomId);
    if (!occ?.running || this.openedFor.get(roomId) !== occ.start) this.showOpening(roomId, occ?.running ? occ.start : this.now());
    this.hub.emit('chat:meeting', { roomId });
  }

  /** Closes the meeting: the floor is open to all again. */
  end(roomId: number, member: Member): void {
    this.mustFacilitate(roomId, member);
    if (!this.state(roomId).inProgress) throw new UserError('There is no meeting in progress.');
    this.states.delete(roomId);
    this.closesAt.delete(roomId);
    this.chat.system(roomId, 'The meeting has ended. Thank you all for being here.');
    this.hub.emit('chat:meeting', { roomId });
  }

  /** Raises the member's hand, or lowers it if raised; returns true when now raised. */
  toggleHand(roomId: number, member: Member): boolean {
    const state = this.states.get(roomId);
    if (!state?.inProgress) throw new UserError('Hands are raised during a meeting; anyone may speak now.');
    if (state.floor?.memberId === member.id) throw new UserError('You have the floor. Type /yield when you are done.');
    const i = state.hands.findIndex((h) => h.memberId === member.id);
    if (i >= 0) state.hands.splice(i, 1);
    else state.hands.push({ memberId: member.id, name: member.name });
    this.hub.emit('chat:notice', { roomId, memberId: member.id, text: i >= 0 ? `${member.name} lowered their hand.` : `${member.name} raised their hand.` });
    this.hub.emit('chat:meeting', { roomId });
    return i < 0;
  }

  /** Gives the floor to the first raised hand; returns who has it, or null when no hand is up. */
  next(roomId: number, member: Member): { memberId: number; name: string } | null {
    this.mustFacilitate(roomId, member);
    const state = this.states.get(roomId);
    if (!state?.inProgress) throw new UserError('Start the meeting first with /meeting start.');
    const next = state.hands.shift() ?? null;
    state.floor = next;
    this.chat.system(roomId, next ? `${next.name} has the floor.` : 'The floor is open: nobody has a hand up.');
    this.hub.emit('chat:meeting', { roomId });
    return next;
  }

  /** The member with the floor gives it back. */
  yieldFloor(roomId: number, member: Member): void {
    const state = this.states.get(roomId);
    if (!state?.inProgress || state.floor?.memberId !== member.id) throw new UserError('You do not have the floor.');
    state.floor = null;
    this.chat.system(roomId, `${member.name} has finished.`);
    this.hub.emit('chat:meeting', { roomId });
  }

  /** While someone has the floor, only they and the facilitator speak. */
  checkMaySpeak(roomId: number, member: Member): void {
    const state = this.states.get(roomId);
    if (!state?.inProgress || !state.floor || state.floor.memberId === member.id) return;
    if (this.canFacilitate(roomId, member)) return;
    throw new UserError(`${state.floor.name} has the floor. Type /hand to ask to speak.`);
  }

  /** Shows the opening statement of every meeting that has started, and wakes at the next start. */
  startTimer(log?: Logger): void {
    this.running = true;
    this.log = log;
    this.rearm();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Re-reads the schedules (after a change, here or from the sysop's console) and re-arms the timer. */
  rearm(): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    const now = this.now();
    let wake = now + HOUR_MS;
    const slotNow = new Set<number>();
    for (const row of this.getAll.all()) {
      const s = toSchedule(row);
      const occ = nextOccurrence(s, now);
      if (occ.running) {
        slotNow.add(s.roomId);
        this.ensureOpening(s.roomId, occ.start);
        wake = Math.min(wake, occ.end);
      } else {
        wake = Math.min(wake, occ.start);
      }
    }
    // A meeting still open when its time is over closes by itself: otherwise whoever had
    // the floor keeps it, and the room stays silenced, after the meeting has ended.
    for (const [roomId, at] of this.closesAt) {
      if (at > now) continue;
      this.closesAt.delete(roomId);
      if (!this.states.get(roomId)?.inProgress) continue;
      this.states.delete(roomId);
      this.chat.system(roomId, 'The meeting time is over. The floor is open to everyone again.');
      this.hub.emit('chat:meeting', { roomId });
    }
    for (const roomId of this.inSlot) if (!slotNow.has(roomId)) this.hub.emit('chat:meeting', { roomId });
    this.inSlot.clear();
    for (const roomId of slotNow) this.inSlot.add(roomId);
    this.timer = setTimeout(() => {
      try {
        this.rearm();
      } catch (err) {
        // A timer has nobody to throw to: log it and look again in a minute.
        this.log?.error('meeting timer failed', { err: err instanceof Error ? err.stack : String(err) });
        if (this.running) this.timer = setTimeout(() => this.rearm(), 60_000).unref();
      }
    }, Math.max(50, wake - now + 50));
    this.timer.unref();
  }

  private ensureOpening(roomId: number, occurrenceStart: number): void {
    if (this.openedFor.get(roomId) === occurrenceStart) return;
    // After a restart: the statement may already be in the room.
    if (this.systemSince.get(roomId, occurrenceStart)) {
      this.openedFor.set(roomId, occurrenceStart);
      return;
    }
    const s = this.schedule(roomId);
    if (!s) return;
    const by = s.facilitatorName ? `, facilitated by ${s.facilitatorName}` : '';
    this.chat.system(roomId, `It is time for this room's weekly meeting (${s.minutes} minutes${by}).`);
    this.showOpening(roomId, occurrenceStart);
    this.hub.emit('chat:meeting', { roomId });
  }

  private showOpening(roomId: number, occurrenceStart: number): void {
    this.openedFor.set(roomId, occurrenceStart);
    const opening = this.schedule(roomId)?.opening;
    if (opening) this.chat.system(roomId, opening);
  }

  private stateFor(roomId: number): MeetingState {
    let s = this.states.get(roomId);
    if (!s) this.states.set(roomId, (s = { inProgress: false, floor: null, hands: [] }));
    return s;
  }

  private mustFacilitate(roomId: number, member: Member): void {
    if (!this.canFacilitate(roomId, member)) throw new UserError("Only the meeting's facilitator can do that.");
  }

  private dropMember(roomId: number, memberId: number): void {
    const state = this.states.get(roomId);
    if (!state) return;
    const before = state.hands.length;
    state.hands = state.hands.filter((h) => h.memberId !== memberId);
    const hadFloor = state.floor?.memberId === memberId;
    if (hadFloor) state.floor = null;
    if (hadFloor || before !== state.hands.length) this.hub.emit('chat:meeting', { roomId });
  }
}
