import blessed from 'blessed';
import { isUserError } from '../src/errors.js';
import { BREAK_PERIODS, MUTED_WORD_MAX } from '../src/services/member-safety.js';
import { escapeTags, formatDateTime } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import type { SettingItem } from './settings.js';
import { askKey } from './widgets/ask-key.js';
import { askLine } from './widgets/ask-line.js';
import { createList, selectedIndex } from './widgets/list.js';
import { createScope } from './widgets/scope.js';

/** The settings lines about looking after oneself: muted words, muted boards, a break. */
export function safetySettingItems(ctx: ScreenContext): SettingItem[] {
  const member = ctx.session.member!;
  const { safety } = ctx.services;
  return [
    {
      key: 'W',
      label: 'Muted words',
      value: () => String(safety.mutedWords(member.id).length),
      change: () => ctx.nav.push(mutedWordsScreen),
    },
    {
      key: 'B',
      label: 'Muted boards',
      value: () => String(safety.mutedBoardIds(member.id).size),
      change: () => ctx.nav.push(mutedBoardsScreen),
    },
    {
      key: 'R',
      label: 'Take a break',
      value: () => {
        const b = safety.currentBreak(member.id);
        return b ? `until ${formatDateTime(b.endsAt, member.timeZone)}` : 'off';
      },
      change: () => ctx.nav.push(takeBreakScreen),
    },
  ];
}

const guard = (ctx: ScreenContext, work: () => void) => {
  try {
    work();
  } catch (err) {
    if (!isUserError(err)) throw err;
    ctx.status(err.message, 'error');
  }
};

/** The member's muted words: A adds one, D removes the one selected. */
export const mutedWordsScreen: ScreenFactory = (ctx): ScreenView => {
  const me = ctx.session.member!;
  const { safety } = ctx.services;
  const scope = createScope(ctx);
  scope.widget(blessed.box({
    parent: ctx.body, top: 0, left: 1, width: '100%-2', height: 2,
    content: 'Posts with a muted word fold; so do chat lines. Nobody is told.',
  }));
  const list = scope.widget(createList(ctx, { top: 2, height: '100%-2', plainItems: true }));
  let words: string[] = [];
  const fill = () => {
    words = safety.mutedWords(me.id);
    list.setItems(words.length ? words.map((w) => ' ' + escapeTags(w)) : [' (no muted words)']);
    ctx.screen.render();
  };
  fill();
  list.on('keypress', (ch: string | undefined, key: { name?: string }) => {
    if (key.name === 'escape' || key.name === 'left') return ctx.nav.pop();
    const c = ch?.toLowerCase();
    if (c === 'a') {
      askLine(ctx, {
        question: 'Mute which word or phrase?',
        maxLength: MUTED_WORD_MAX,
        restore: () => list.focus(),
        onAnswer(word) {
          guard(ctx, () => ctx.status(`"${safety.muteWord(me.id, word)}" is muted.`));
          fill();
        },
      });
    } else if (c === 'd' || key.name === 'delete') {
      const word = words[selectedIndex(list)];
      if (!word) return;
      safety.unmuteWord(me.id, word);
      ctx.status(`"${word}" is no longer muted.`);
      fill();
    }
  });
  return {
    title: 'Muted words',
    place: 'Settings',
    hints: [
      { key: 'A', label: 'dd' },
      { key: 'D', label: 'elete' },
      { key: 'Esc', label: ' Back' },
    ],
    focus: () => list.focus(),
    dispose: () => scope.dispose(),
  };
};

/** Boards to leave out of New posts: Enter or Space mutes or unmutes the one selected. */
export const mutedBoardsScreen: ScreenFactory = (ctx): ScreenView => {
  const me = ctx.session.member!;
  const { safety, boards } = ctx.services;
  const scope = createScope(ctx);
  scope.widget(blessed.box({
    parent: ctx.body, top: 0, left: 1, width: '100%-2', height: 2,
    content: 'Muted boards are left out of New posts, their unread counts hidden.',
  }));
  const list = scope.widget(createList(ctx, { top: 2, height: '100%-2', plainItems: true }));
  let rows = boards.list(me);
  const fill = () => {
    rows = boards.list(me);
    const muted = safety.mutedBoardIds(me.id);
    const at = selectedIndex(list);
    list.setItems(rows.map((b) => escapeTags(` [${muted.has(b.id) ? 'x' : ' '}] ${b.name}`)));
    list.select(Math.max(0, Math.min(at, rows.length - 1)));
    ctx.screen.render();
  };
  fill();
  const toggle = () => {
    const board = rows[selectedIndex(list)];
    if (!board) return;
    const muted = !safety.mutedBoardIds(me.id).has(board.id);
    safety.setBoardMuted(me.id, board.id, muted);
    ctx.status(muted ? `${board.name} is muted: it is left out of New posts.` : `${board.name} is back in New posts.`);
    fill();
  };
  list.on('select', toggle);
  list.on('keypress', (_ch: string | undefined, key: { name?: string }) => {
    if (key.name === 'escape' || key.name === 'left') return ctx.nav.pop();
    if (key.name === 'space') toggle();
  });
  return {
    title: 'Muted boards',
    place: 'Settings',
    hints: [
      { key: 'Enter', label: ' Mute/unmute' },
      { key: 'Esc', label: ' Back' },
    ],
    focus: () => list.focus(),
    dispose: () => scope.dispose(),
  };
};

/** Choosing a break: how long, or ending the one under way. */
export const takeBreakScreen: ScreenFactory = (ctx): ScreenView => {
  const me = ctx.session.member!;
  const { safety } = ctx.services;
  const scope = createScope(ctx);
  const intro = scope.widget(blessed.box({ parent: ctx.body, top: 0, left: 1, width: '100%-2', height: 3 }));
  const list = scope.widget(createList(ctx, { top: 3, height: '100%-3', plainItems: true }));
  type Choice = { label: string; act(): void };
  let choices: Choice[] = [];
  const fill = () => {
    const current = safety.currentBreak(me.id);
    intro.setContent(
      current
        ? `You are on a break until ${formatDateTime(current.endsAt, me.timeZone)}. You can end it now, or choose a new length.`
        : 'Time away can help. Until your break ends, log-in reminds you of it and asks once more before going on.',
    );
    choices = [
      ...(current ? [{ label: 'End my break now', act: endBreak }] : []),
      ...BREAK_PERIODS.map((p) => ({ label: `A break of ${p.label}`, act: () => startBreak(p.days) })),
    ];
    list.setItems(choices.map((c) => escapeTags(` ${c.label}`)));
    ctx.screen.render();
  };
  const endBreak = () => {
    safety.endBreak(me.id);
    ctx.status('Your break has ended. Welcome back.');
    fill();
  };
  const startBreak = (days: number) => {
    const b = safety.startBreak(me.id, days);
    fill();
    askKey(ctx, {
      parent: ctx.body,
      question: `Your break has begun, until ${formatDateTime(b.endsAt, me.timeZone)}. Take good care. Log off now?`,
      restore: () => list.focus(),
      onAnswer: (yes) => (yes ? ctx.nav.goodbye() : undefined),
    });
  };
  fill();
  list.on('select', () => guard(ctx, () => choices[selectedIndex(list)]?.act()));
  list.on('keypress', (_ch: string | undefined, key: { name?: string }) => {
    if (key.name === 'escape' || key.name === 'left') return ctx.nav.pop();
  });
  return {
    title: 'Take a break',
    place: 'Settings',
    hints: [
      { key: 'Enter', label: ' Choose' },
      { key: 'Esc', label: ' Back' },
    ],
    focus: () => list.focus(),
    dispose: () => scope.dispose(),
  };
};
