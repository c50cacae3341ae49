import blessed from 'blessed';
import { isUserError } from '../src/errors.js';
import { runChatInput, type ChatCommandContext } from '../src/services/chat-commands.js';
import type { ChatRoom } from '../src/services/chat-rooms.js';
import type { ChatLine } from '../src/services/chat.js';
import { formatDayTime } from '../src/services/meeting-time.js';
import { displayWidth, formatClock, truncateToWidth } from '../src/text/index.js';
import { chatStyles, formatChatLine, formatFoldedChatLine, formatLocal, formatNotice } from './chat-format.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { createChatLog, type LogEntry } from './widgets/chat-log.js';
import { createLineInput } from './widgets/line-input.js';
import { throttle } from './widgets/throttle.js';
import { attempt } from './widgets/attempt.js';
import { pickReportReason } from './widgets/report-picker.js';
import { pickLine } from './widgets/pick-line.js';
import { offerResourcesIfNeeded } from './crisis-prompt.js';

/** Lines loaded from the database when a member enters a room. */
const SCROLLBACK = 200;
/** A pasted line may be longer than the limit: the service then says so rather than the field cutting it silently. */
const INPUT_MAX = 2000;

interface RoomController {
  switchTo(roomId: number): void;
}

// The open chat room of each session, so a page accepted while chatting moves the member
// instead of stacking a second room on the first.
const openRooms = new WeakMap<ScreenContext['session'], RoomController>();

/** Takes the member to a chat room: the one they are in moves, or a room screen opens. */
export function openChatRoom(ctx: ScreenContext, roomId: number): void {
  const open = openRooms.get(ctx.session);
  if (open) open.switchTo(roomId);
  else ctx.nav.push(chatRoomScreen(roomId));
}

/**
 * A live chat room: the room's people on the top line, the meeting (if any) below it, the
 * scrollback, and the input line at the bottom. Lines from others are drawn while the
 * member types, without touching the input or the cursor.
 */
export function chatRoomScreen(firstRoomId: number): ScreenFactory {
  return (ctx): ScreenView => {
    const { services } = ctx;
    const { chat, chatRooms, meetings, hub } = services;
    const me = ctx.session.member!;
    const sessionId = ctx.session.presenceId!;
    const zone = () => me.timeZone;
    // A middle dot where the terminal draws Unicode, a plain dash where it does not.
    const dot = ctx.session.terminal.profile.unicode ? ' · ' : ' - ';

    let room: ChatRoom = chat.enter(firstRoomId, sessionId, me);
    let blocked = services.blocks.blockedIds(me.id);
    // A line holding a word this member muted is folded for them: its author and time show, not its words.
    const mutedWords = services.safety.mutedWordMatcher(me.id);
    const folds = (line: ChatLine) =>
      mutedWords.size > 0 && line.memberId !== me.id && line.kind !== 'system' && mutedWords.find(line.text) !== undefined;
    let disposed = false;
    /** A meeting is on: a member who listens without typing is not idle. */
    let inMeeting = false;

    const bar = blessed.box({ parent: ctx.body, top: 0, left: 0, width: '100%', height: 1, tags: false, wrap: false, style: { bold: true } });
    const meetingBar = blessed.box({ parent: ctx.body, top: 1, left: 0, width: '100%', height: 1, tags: false, wrap: false, hidden: true, style: ctx.theme.monochrome ? { underline: true } : { fg: 'yellow' } });
    const log = createChatLog({
      parent: ctx.body,
      screen: ctx.screen,
      top: 1,
      bottom: 1,
      styles: chatStyles(ctx.theme),
      canWrite: () => !ctx.session.terminal.congested(),
      requestRender: () => ctx.render(),
    });
    const prompt = blessed.box({ parent: ctx.body, bottom: 0, left: 0, width: 2, height: 1, tags: false, content: '> ' });
    let promptWidth = 2;

    const pending: string[] = [];
    let flushQueued = false;
    const input = createLineInput({
      parent: ctx.body,
      screen: ctx.screen,
      top: '100%-1',
      left: promptWidth,
      width: `100%-${promptWidth}`,
      maxLength: INPUT_MAX,
      style: {},
      onSubmit(value) {
        if (!value.trim()) return;
        pending.push(value);
        input.setValue('');
        // A paste arrives as many Enters in one tick: take them together, so flood control sees a paste.
        if (!flushQueued) {
          flushQueued = true;
          setImmediate(flush);
        }
      },
      onCancel: () => ctx.nav.pop(),
    });

    // What this member was shown here that is not stored (command output, passing notices):
    // rebuilding the log from the database (after an /ignore) must not lose it.
    let shownHere: Array<{ at: number; memberId: number | null; entry: LogEntry }> = [];
    const keepShown = (memberId: number | null, entry: LogEntry) => {
      shownHere.push({ at: Date.now(), memberId, entry });
      if (shownHere.length > SCROLLBACK) shownHere.shift();
    };

    const cx: ChatCommandContext = {
      services,
      member: me,
      sessionId,
      roomId: () => room.id,
      print: (text) => {
        if (disposed) return;
        const entry = formatLocal(text);
        keepShown(null, entry);
        log.append(entry);
      },
      problem: (text) => {
        ctx.status(text, 'error');
        // The status line is one row: what does not fit there goes in the log as well.
        if (!disposed && displayWidth(text) + 1 > Number(ctx.screen.width)) {
          const entry = formatLocal(text);
          keepShown(null, entry);
          log.append(entry);
        }
      },
      restoreInput: (text) => input.setValue(text),
      joinRoom: (r) => switchTo(r.id),
      leaveChat: () => ctx.nav.pop(),
      chooseReportReason: (about, then) =>
        pickReportReason(ctx, { about, restore: () => input.focus(), onPicked: (choice) => attempt(ctx, () => then(choice)) }),
      chooseLine: (lines, then) =>
        pickLine(ctx, {
          title: 'Report which line?',
          lines: lines.map((l) => `${formatClock(l.writtenAt, zone())} ${l.authorName}: ${mutedWords.size > 0 && mutedWords.find(l.text) !== undefined ? '(folded: a word you muted)' : l.text}`),
          restore: () => input.focus(),
          onPick: (i) => attempt(ctx, () => then(i)),
        }),
    };

    // The crisis prompt is offered once per visit to chat: a member who chose to send anyway
    // is not asked again at every line.
    let crisisOffered = false;
    const said = (line: string) => !line.startsWith('/') || /^\/(me|msg)\s/i.test(line);

    function flush(): void {
      flushQueued = false;
      if (disposed) return;
      const lines = pending.splice(0);
      if (!crisisOffered) {
        const offered = offerResourcesIfNeeded(ctx, lines.filter(said).join('\n'), {
          where: 'chat',
          place: `Chat: ${room.name}`,
          onSend: () => sendLines(lines),
          onBack: () => input.setValue(lines.join(' ')),
        });
        if (offered) {
          crisisOffered = true;
          return;
        }
      }
      sendLines(lines);
    }

    function sendLines(lines: string[]): void {
      if (disposed) return;
      log.toBottom();
      attempt(ctx, () => runChatInput(cx, lines), {
        // A busy database that outlasted the wait: the words go back into the line, before anything typed since.
        onGaveUp: () => {
          if (disposed) return 'Your line was not sent.';
          input.setValue([lines.join(' '), input.value()].filter(Boolean).join(' '));
          return 'Your words are back in the line: press Enter to send them again.';
        },
      });
      if (!disposed) attempt(ctx, showMute);
    }

    // While muted, the prompt counts down: "muted 42s> ".
    let muteTimer: NodeJS.Timeout | undefined;
    function showMute(): void {
      const until = chat.flood.mutedUntil(me.id);
      const text = until ? `muted ${Math.ceil((until - Date.now()) / 1000)}s> ` : '> ';
      if (prompt.getContent() !== text) {
        prompt.setContent(text);
        promptWidth = text.length;
        prompt.width = promptWidth;
        input.box.left = promptWidth;
        input.box.width = `100%-${promptWidth}`;
        input.box.emit('resize');
        ctx.render();
      }
      if (until && !muteTimer) {
        muteTimer = setInterval(() => {
          if (!chat.flood.mutedUntil(me.id)) {
            clearInterval(muteTimer);
            muteTimer = undefined;
          }
          attempt(ctx, showMute);
        }, 1000);
        muteTimer.unref();
      }
    }

    const drawBar = () => {
      const width = Math.max(2, Number(ctx.screen.width));
      const here = chat.occupantsOf(room.id);
      // Names only as far as the line goes: a room of hundreds must not cost hundreds of names.
      let text = ` ${room.name}${dot}${here.length} here:`;
      let used = displayWidth(text);
      for (const [i, o] of here.entries()) {
        const name = ` ${o.name}${o.away === null ? '' : ' (away)'}${i < here.length - 1 ? ',' : ''}`;
        used += displayWidth(name);
        if (used > width) break;
        text += name;
      }
      bar.setContent(truncateToWidth(text, width));
    };
    const onOccupancy = throttle(() => {
      if (disposed) return;
      attempt(ctx, drawBar);
      ctx.render();
    }, 1000);

    const meetingText = (): string => {
      const state = meetings.state(room.id);
      if (state.inProgress) {
        const hands = state.hands.length ? `${dot}hands up: ${state.hands.map((h) => h.name).join(', ')}` : '';
        return ` Meeting in progress${dot}${state.floor ? `${state.floor.name} has the floor` : 'the floor is open'}${hands}`;
      }
      const s = meetings.schedule(room.id);
      if (!s) return '';
      const occ = meetings.occurrence(room.id)!;
      const by = s.facilitatorName ? ` with ${s.facilitatorName}` : '';
      return occ.running
        ? ` Meeting time now, until ${formatClock(occ.end, zone())}${by}`
        : ` Weekly meeting${by}: next ${formatDayTime(occ.start, zone())} your time`;
    };
    const drawMeeting = () => {
      const text = meetingText();
      meetingBar.setContent(truncateToWidth(text, Math.max(2, Number(ctx.screen.width))));
      inMeeting = meetings.state(room.id).inProgress || meetings.occurrence(room.id)?.running === true;
      const show = text !== '';
      if (show === !meetingBar.hidden) return;
      meetingBar.hidden = !show;
      log.setTop(show ? 2 : 1);
    };

    /** Fills the log from the database, with what was shown here meanwhile in its place in time. */
    const loadScrollback = () => {
      const stored = chat.scrollback(room.id, me.id, SCROLLBACK);
      const shown = shownHere.filter((s) => s.memberId === null || !blocked.has(s.memberId));
      const entries: LogEntry[] = [];
      let i = 0;
      for (const line of stored) {
        while (i < shown.length && shown[i]!.at < line.createdAt) entries.push(shown[i++]!.entry);
        entries.push(folds(line) ? formatFoldedChatLine(line, zone()) : formatChatLine(line, me.id, zone()));
      }
      while (i < shown.length) entries.push(shown[i++]!.entry);
      log.setEntries(entries);
    };

    function switchTo(roomId: number): void {
      if (roomId === room.id) return;
      try {
        room = chat.enter(roomId, sessionId, me);
      } catch (err) {
        if (!isUserError(err)) throw err;
        ctx.status(err.message, 'error');
        return;
      }
      services.presence.setPlace(sessionId, `Chat: ${room.name}`);
      shownHere = [];
      loadScrollback();
      drawBar();
      drawMeeting();
      ctx.refreshFrame();
    }

    // A fault here must not reach whoever emitted the event: another member's line.
    const guard =
      <T,>(fn: (payload: T) => void) =>
      (payload: T) =>
        attempt(ctx, () => fn(payload));
    const offs = [
      hub.on('chat:line', guard((line) => {
        if (line.kind === 'whisper') {
          if (line.toMemberId !== me.id && !(line.memberId === me.id && line.roomId === room.id)) return;
        } else if (line.roomId !== room.id) return;
        if (line.memberId !== null && line.memberId !== me.id && blocked.has(line.memberId)) return;
        if (inMeeting) ctx.keepAlive();
        if (folds(line)) {
          log.append(formatFoldedChatLine(line, zone()));
          return;
        }
        // Everyone in the room sees the same line alike (whispers aside): wrap it once for all.
        log.append(() => formatChatLine(line, me.id, zone()), line.kind === 'whisper' ? undefined : { by: line, key: zone() });
      })),
      hub.on('chat:notice', guard((n) => {
        if (n.roomId !== room.id || (n.memberId !== null && blocked.has(n.memberId))) return;
        const entry = formatNotice(n.text, Date.now(), zone());
        keepShown(n.memberId, entry);
        log.append(entry, { by: n, key: zone() });
      })),
      hub.on('chat:occupancy', guard(({ roomId }) => {
        if (roomId === room.id) onOccupancy();
      })),
      hub.on('chat:meeting', guard(({ roomId }) => {
        if (roomId !== room.id) return;
        drawMeeting();
        ctx.render();
      })),
      hub.on('chat:rooms-changed', guard(() => {
        const fresh = chatRooms.get(room.id);
        if (!fresh) {
          // Closed from the sysop's console: this process heard of it only as a change.
          switchTo(chatRooms.lobby().id);
          cx.print('The sysop closed that room, so you are in the Lobby now.');
          return;
        }
        if (fresh.name !== room.name) services.presence.setPlace(sessionId, `Chat: ${fresh.name}`);
        room = fresh;
        drawBar();
        drawMeeting();
        ctx.refreshFrame();
      })),
      hub.on('chat:room-closed', guard(({ roomId, lobbyId }) => {
        if (roomId !== room.id) return;
        switchTo(lobbyId);
        cx.print('The sysop closed that room, so you are in the Lobby now.');
      })),
      hub.on('blocks:changed', guard(({ memberId }) => {
        if (memberId !== me.id) return;
        blocked = services.blocks.blockedIds(me.id);
        loadScrollback();
        ctx.render();
      })),
    ];

    input.box.on('keypress', (_ch: unknown, key: { name?: string }) =>
      attempt(ctx, () => {
        if (key.name === 'pageup' && log.page(-1)) ctx.status('Reading earlier lines: PgDn to come back.');
        else if (key.name === 'pagedown') log.page(1);
      }),
    );
    const onResize = () =>
      attempt(ctx, () => {
        drawBar();
        drawMeeting();
      });
    ctx.screen.on('resize', onResize);

    loadScrollback();
    drawBar();
    drawMeeting();
    showMute();
    openRooms.set(ctx.session, { switchTo });

    return {
      get title() {
        return `Chat: ${room.name}`;
      },
      get place() {
        return `Chat: ${room.name}`;
      },
      hints: [
        { key: 'Enter', label: ' Say' },
        { key: '/help', label: ' Commands' },
        { key: 'PgUp', label: ' Earlier' },
        { key: 'Esc', label: ' Leave' },
      ],
      focus: () => input.focus(),
      dispose() {
        disposed = true;
        if (openRooms.get(ctx.session)?.switchTo === switchTo) openRooms.delete(ctx.session);
        for (const off of offs) off();
        onOccupancy.cancel();
        if (muteTimer) clearInterval(muteTimer);
        ctx.screen.removeListener('resize', onResize);
        chat.leave(sessionId);
        input.destroy();
        prompt.destroy();
        log.destroy();
        meetingBar.destroy();
        bar.destroy();
      },
    };
  };
}
