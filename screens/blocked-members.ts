import blessed from 'blessed';
import { isUserError } from '../src/errors.js';
import { escapeTags } from '../src/text/index.js';
import type { ScreenFactory, ScreenView } from './context.js';
import { askLine } from './widgets/ask-line.js';
import { createList, selectedIndex } from './widgets/list.js';
import { createScope } from './widgets/scope.js';

/** The member's block list: block someone by name, unblock with U. */
export const blockedMembersScreen: ScreenFactory = (ctx): ScreenView => {
  const me = ctx.session.member!;
  const { blocks } = ctx.services;
  const scope = createScope(ctx);
  scope.widget(blessed.box({
    parent: ctx.body,
    top: 0,
    left: 1,
    width: '100%-2',
    height: 2,
    content: 'Blocked members cannot mail you; their posts are folded and their chat lines hidden. They are not told.',
  }));
  const list = scope.widget(createList(ctx, { top: 2, height: '100%-2', plainItems: true }));
  let rows = blocks.list(me.id);
  const fill = () => {
    rows = blocks.list(me.id);
    list.setItems((rows.length ? rows.map((r) => ' ' + escapeTags(r.name)) : [' (nobody blocked)']));
    ctx.screen.render();
  };
  fill();
  list.on('keypress', (ch: string | undefined, key: { name?: string }) => {
    if (key.name === 'escape' || key.name === 'left') return ctx.nav.pop();
    if (ch === 'a' || ch === 'A' || ch === 'b' || ch === 'B') {
      askLine(ctx, {
        question: 'Block which member?',
        maxLength: 32,
        restore: () => list.focus(),
        onAnswer(name) {
          try {
            const blocked = blocks.blockByName(me.id, name);
            ctx.status(`${blocked.name} is blocked.`);
          } catch (err) {
            if (!isUserError(err)) throw err;
            ctx.status(err.message, 'error');
          }
          fill();
        },
      });
    } else if (ch === 'u' || ch === 'U') {
      const row = rows[selectedIndex(list)];
      if (!row) return;
      blocks.unblock(me.id, row.id);
      ctx.status(`${row.name} is unblocked.`);
      fill();
    }
  });
  return {
    title: 'Blocked members',
    place: 'Settings',
    hints: [
      { key: 'A', label: 'dd' },
      { key: 'U', label: 'nblock' },
      { key: 'Esc', label: ' Back' },
    ],
    focus: () => list.focus(),
    dispose: () => scope.dispose(),
  };
};
