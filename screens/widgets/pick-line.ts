import { escapeTags, truncateToWidth } from '../../src/text/index.js';
import type { ScreenContext } from '../context.js';
import { bottomBox } from './bottom-box.js';
import { createList, selectedIndex } from './list.js';
import { holdQuestion, type QuestionHold } from './question.js';

/**
 * Offers a few lines of text in a box at the foot of the body (arrows and Enter pick one,
 * Esc picks none), as tall as the lines or the body allows; the last line starts selected.
 */
export function pickLine(
  ctx: ScreenContext,
  opts: { title: string; lines: string[]; restore(): void; onPick(index: number): void },
): QuestionHold {
  const room = Math.max(1, Number(ctx.body.height) - 2);
  const rows = Math.min(opts.lines.length, room);
  const box = bottomBox(ctx, { height: rows + 2, label: ` ${opts.title} ` });
  const list = createList(ctx, { parent: box, top: 0, width: '100%-2', height: rows });
  const width = Math.max(2, Number(ctx.body.width) - 3);
  list.setItems(opts.lines.map((l) => escapeTags(truncateToWidth(` ${l}`, width))));
  const hold = holdQuestion(ctx, box, () => list, opts.restore);
  list.on('select', () => {
    const i = selectedIndex(list);
    hold.finish(() => opts.onPick(i));
  });
  list.on('keypress', (_ch: string | undefined, key: { name?: string }) => {
    if (hold.isOpen() && (key.name === 'escape' || key.name === 'left')) hold.finish(() => ctx.status('Not reported.'));
  });
  box.setFront();
  list.select(opts.lines.length - 1);
  list.focus();
  ctx.render();
  return hold;
}
