import blessed from 'blessed';
import { lengthInWords, parseDuration, REASON_MAX, type Sanction } from '../src/services/sanctions.js';
import { escapeTags, formatClock, formatLongDate, formatWhen, truncateToWidth, wrapText } from '../src/text/index.js';
import type { ScreenContext } from './context.js';
import { askLine } from './widgets/ask-line.js';
import { attempt } from './widgets/attempt.js';
import { bottomBox } from './widgets/bottom-box.js';
import { confirmKey } from './widgets/confirm-key.js';
import { holdQuestion } from './widgets/question.js';

/** Who the staff member is acting on, and where they are when they do. */
export interface SanctionMenuTarget {
  memberId: number;
  memberName: string;
  /** The board the staff member is acting from (a thread, a report): a moderator's warning needs it. */
  boardId?: number;
  /** The chat room the member was seen in: a moderator mutes there, a sysop there or everywhere. */
  roomId?: number;
  /** Gives focus back to the caller's widget, after the menu and after each of its questions. */
  restore(): void;
}

/** The quick reasons offered before the free text; each one may be added to or replaced. */
export const QUICK_REASONS = [
  { key: '1', label: 'harmful or unsafe advice', text: 'Harmful or unsafe advice.' },
  { key: '2', label: 'harassment', text: 'Harassment of another member.' },
  { key: '3', label: 'spam', text: 'Spam.' },
  { key: '4', label: 'other: type', text: '' },
] as const;

export const MUTE_LENGTHS = [
  { key: '1', label: '10 min', minutes: 10 },
  { key: '2', label: '1 hour', minutes: 60 },
  { key: '3', label: '24 hours', minutes: 24 * 60 },
] as const;

export const SUSPEND_DAYS = [1, 3, 7, 30] as const;

interface Choice {
  key: string;
  label: string;
  run(): void;
}

/**
 * Asks for one key in a small box at the foot of the body: `rows` of plain text (wrapped, and
 * cut to the window's height) above a line
 * of `[K]label` choices, which always shows however small the window. Esc or Left cancels;
 * other keys are ignored, so a stray key never sanctions anyone.
 */
function chooseKey(ctx: ScreenContext, opts: { label: string; rows: string[]; choices: Choice[]; restore(): void }): void {
  const inner = Math.max(2, Number(ctx.body.width) - 2);
  const keys = wrapText([...opts.choices.map((c) => `[${c.key}]${c.label}`), '[Esc]'].join(' '), inner);
  const room = Math.max(0, Number(ctx.body.height) - 2 - keys.length);
  // Each row wrapped whole (a reason matters more than a tidy box), as many as the window holds.
  const rows = opts.rows.flatMap((r) => wrapText(r, inner)).slice(0, room).map((r) => escapeTags(r));
  const box = bottomBox(ctx, {
    height: Math.min(Number(ctx.body.height), rows.length + keys.length + 2),
    label: ` ${truncateToWidth(opts.label, Math.max(2, inner - 2))} `,
    tags: true,
    wrap: false,
    keyable: true,
    content: [...rows, ...keys.map((k) => `{bold}${escapeTags(k)}{/bold}`)].join('\n'),
  } as blessed.Widgets.BoxOptions);
  const hold = holdQuestion(ctx, box, () => box, opts.restore);
  box.on('keypress', (ch: string | undefined, key: { name?: string; ctrl?: boolean; meta?: boolean }) => {
    // CR arrives as 'enter' then 'return'; Ctrl-R opens Resources over us and we keep waiting.
    if (!hold.isOpen() || key.ctrl || key.meta) return;
    if (key.name === 'escape' || key.name === 'left') return hold.finish();
    const choice = ch ? opts.choices.find((c) => c.key.toLowerCase() === ch.toLowerCase()) : undefined;
    if (choice) hold.finish(() => choice.run());
  });
  box.setFront();
  box.focus();
  ctx.render();
}

/** One past sanction in a line: "3 Nov muted 1 hour by hazel: Spam. (lifted)". */
function sanctionLine(s: Sanction, timeZone: string): string {
  const length = s.endsAt === null ? 0 : Math.round((s.endsAt - s.createdAt) / 60_000);
  const what = {
    warn: 'warned',
    mute: `muted ${lengthInWords(length)}${s.roomId === null ? ' everywhere' : ''}`,
    suspend: `suspended ${lengthInWords(length)}`,
    ban: 'banned',
  }[s.kind];
  const state = s.liftedAt !== null ? ' (lifted)' : '';
  return `${formatWhen(s.createdAt, timeZone)} ${what} by ${s.byName}${state}: ${s.reason}`;
}

/**
 * The staff's actions on one member, from wherever the member is met (Who's online, a chat
 * room, a post, a report): a compact box over the body that lists the member's recent
 * sanctions and offers only what this staff member may do there — [W]arn, [M]ute in chat
 * (this room, or every room for sysops; 10 min, 1 hour, 24 hours or a typed length),
 * [S]uspend (sysops: 1, 3, 7 or 30 days) and [B]an (sysops, confirmed). Each asks for a
 * reason the member will read (quick picks, then free text). The service checks the role
 * again and its refusal shows in the status line; so does what was done. Esc leaves at any
 * step, and `restore` gives focus back to the caller. Usable at 40x12.
 */
export function openSanctionMenu(ctx: ScreenContext, target: SanctionMenuTarget): void {
  const { staff, sanctions, chatRooms } = ctx.services;
  const me = ctx.session.member;
  const name = target.memberName;
  const zone = me?.timeZone ?? 'UTC';
  if (!me) return;
  if (me.id === target.memberId) {
    ctx.status('That is you: staff actions are for other members.', 'error');
    return;
  }
  let recent: Sanction[] = [];
  let allowed = false;
  attempt(ctx, () => {
    recent = sanctions.recentFor(me, target.memberId, 5);
    allowed = true;
  });
  if (!allowed) return;

  const boardId = target.boardId ?? (target.roomId !== undefined ? staff.boardOfRoom(target.roomId) : null);
  const mayWarn = staff.moderatesBoard(me, boardId);
  const mayMuteHere = target.roomId !== undefined && staff.moderatesRoom(me, target.roomId);
  const isSysop = staff.isSysop(me);
  const restore = () => target.restore();
  const done = (message: string) => ctx.status(message);

  const askReason = (what: string, act: (reason: string) => void) =>
    chooseKey(ctx, {
      label: `Why ${what} ${name}?`,
      rows: [],
      restore,
      choices: QUICK_REASONS.map((r) => ({
        key: r.key,
        label: r.label,
        run: () =>
          askLine(ctx, {
            question: `Reason (${name} reads it)`,
            value: r.text ? `${r.text} ` : '',
            maxLength: REASON_MAX,
            restore,
            onAnswer: (reason) => {
              if (!reason.trim()) return ctx.status(`Nothing done: ${name} needs a reason.`, 'error');
              attempt(ctx, () => act(reason));
            },
          }),
      })),
    });

  const mute = (roomId: number | null, minutes: number) =>
    askReason('mute', (reason) => {
      const m = sanctions.mute(me, target.memberId, { roomId, minutes, reason });
      const where = roomId === null ? 'in every room' : `in ${chatRooms.get(roomId)?.name ?? 'that room'}`;
      done(`${name} is muted ${where} for ${lengthInWords(minutes)}, until ${formatClock(m.endsAt!, zone)}.`);
    });

  const muteLength = (roomId: number | null) =>
    chooseKey(ctx, {
      label: `Mute ${name} for how long?`,
      rows: [],
      restore,
      choices: [
        ...MUTE_LENGTHS.map((l) => ({ key: l.key, label: l.label, run: () => mute(roomId, l.minutes) })),
        {
          key: '4',
          label: 'type it',
          run: () =>
            askLine(ctx, {
              question: 'How long? e.g. 30m, 2h, 3d',
              maxLength: 12,
              restore,
              onAnswer: (text) => attempt(ctx, () => mute(roomId, parseDuration(text) / 60_000)),
            }),
        },
      ],
    });

  const muteWhere = () => {
    if (mayMuteHere && isSysop) {
      const here = chatRooms.get(target.roomId!)?.name ?? 'this room';
      return chooseKey(ctx, {
        label: `Mute ${name} where?`,
        rows: [],
        restore,
        choices: [
          { key: 'R', label: `oom: ${here}`, run: () => muteLength(target.roomId!) },
          { key: 'E', label: 'very room', run: () => muteLength(null) },
        ],
      });
    }
    muteLength(mayMuteHere ? target.roomId! : null);
  };

  const suspend = () =>
    chooseKey(ctx, {
      label: `Suspend ${name} for how long?`,
      rows: [],
      restore,
      choices: SUSPEND_DAYS.map((days, i) => ({
        key: String(i + 1),
        label: lengthInWords(days * 24 * 60),
        run: () =>
          askReason('suspend', (reason) => {
            const s = sanctions.suspend(me, target.memberId, { days, reason });
            done(`${name} is suspended until ${formatLongDate(s.endsAt!, zone)}.`);
          }),
      })),
    });

  const ban = () =>
    askReason('ban', (reason) =>
      confirmKey(ctx, {
        question: `Ban ${name}? They cannot log in until a sysop lifts it.`,
        restore,
        onYes: () =>
          attempt(ctx, () => {
            sanctions.ban(me, target.memberId, reason);
            done(`${name} is banned.`);
          }),
      }),
    );

  const choices: Choice[] = [];
  if (mayWarn) {
    choices.push({
      key: 'W',
      label: 'arn',
      run: () =>
        askReason('warn', (reason) => {
          sanctions.warn(me, target.memberId, reason, boardId === null ? {} : { boardId });
          done(`${name} has been warned.`);
        }),
    });
  }
  if (mayMuteHere || isSysop) choices.push({ key: 'M', label: 'ute', run: muteWhere });
  if (isSysop) {
    choices.push({ key: 'S', label: 'uspend', run: suspend });
    choices.push({ key: 'B', label: 'an', run: ban });
  }

  const rows = recent.length ? recent.map((s) => sanctionLine(s, zone)) : ['No sanctions before.'];
  if (choices.length === 0) rows.push(`Nothing you can do here: act on ${name} from your board's rooms and threads.`);
  chooseKey(ctx, { label: `Moderate ${name}`, rows, choices, restore });
}
