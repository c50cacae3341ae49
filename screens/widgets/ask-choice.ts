import blessed from 'blessed';
import { escapeTags, padToWidth, truncateToWidth } from '../../src/text/index.js';
import type { Box, ScreenContext } from '../context.js';
import { createList, selectedIndex } from './list.js';
import { holdQuestion, type QuestionHold } from './question.js';

export interface Choice {
  /** One character, typed to choose (any case). */
  key: string;
  label: string;
}

/**
 * A short menu at the foot of `parent`: a title line and one line per choice, answered by a
 * single key (Esc or Left closes it unanswered; other keys are ignored). Compact enough for
 * 40x12: a title (and subtitle), a row per choice, and Esc.
 */
export function askChoice(
  ctx: ScreenContext,
  opts: { parent: Box; title: string; subtitle?: string; choices: Choice[]; onChoose(key: string): void; restore(): void },
): QuestionHold {
  const room = Math.max(1, Number(opts.parent.height));
  const width = Math.max(2, Number(opts.parent.width));
  const rows = [
    `{inverse}${escapeTags(padToWidth(truncateToWidth(` ${opts.title}`, width), width))}{/inverse}`,
    ...(opts.subtitle ? [`{${ctx.theme.dimTag}}${escapeTags(truncateToWidth(` ${opts.subtitle}`, width))}{/${ctx.theme.dimTag}}`] : []),
    ...opts.choices.map((c) => escapeTags(truncateToWidth(` [${c.key}] ${c.label}`, width))),
    escapeTags(truncateToWidth(' [Esc] Close', width)),
  ].slice(0, room);
  const box = blessed.box({
    parent: opts.parent,
    bottom: 0,
    left: 0,
    width: '100%',
    height: rows.length,
    tags: true,
    wrap: false,
    keyable: true,
    style: ctx.theme.body,
    content: rows.join('\n'),
  } as blessed.Widgets.BoxOptions);
  const hold = holdQuestion(ctx, box, () => box, opts.restore);
  box.on('keypress', (ch: string | undefined, key: { name?: string; ctrl?: boolean; meta?: boolean }) => {
    if (!hold.isOpen() || key.ctrl || key.meta) return;
    if (key.name === 'escape' || key.name === 'left') return hold.finish();
    const choice = ch ? opts.choices.find((c) => c.key.toLowerCase() === ch.toLowerCase()) : undefined;
    if (choice) hold.finish(() => opts.onChoose(choice.key));
  });
  box.setFront();
  box.focus();
  ctx.render();
  return hold;
}

/**
 * A list to pick one line from, over the whole of `parent` (a title, then the lines):
 * arrows or j/k move, Enter picks, Esc closes it unanswered.
 */
export function askPick(
  ctx: ScreenContext,
  opts: { parent: Box; title: string; items: string[]; onPick(index: number): void; restore(): void },
): QuestionHold {
  const box = blessed.box({ parent: opts.parent, top: 0, left: 0, width: '100%', height: '100%', style: ctx.theme.body } as blessed.Widgets.BoxOptions);
  const width = Math.max(2, Number(opts.parent.width));
  blessed.box({
    parent: box, top: 0, left: 0, width: '100%', height: 1, tags: true, wrap: false,
    content: `{inverse}${escapeTags(padToWidth(truncateToWidth(` ${opts.title}`, width), width))}{/inverse}`,
  });
  const list = createList(ctx, { parent: box, top: 1, height: '100%-1' });
  list.setItems(opts.items.map((i) => escapeTags(truncateToWidth(` ${i}`, width))));
  const hold = holdQuestion(ctx, box, () => list, opts.restore);
  list.on('select', () => {
    const i = selectedIndex(list);
    hold.finish(() => opts.onPick(i));
  });
  list.on('keypress', (_ch: unknown, key: { name?: string }) => {
    if (key.name === 'escape' || key.name === 'left') hold.finish();
  });
  box.setFront();
  list.focus();
  ctx.render();
  return hold;
}
