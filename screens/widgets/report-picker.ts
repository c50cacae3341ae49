import { REASON_MAX, REPORT_REASONS, type ReportChoice } from '../../src/services/reports.js';
import { displayWidth, escapeTags, truncateToWidth } from '../../src/text/index.js';
import type { ScreenContext } from '../context.js';
import { askLine } from './ask-line.js';
import { bottomBox } from './bottom-box.js';
import { createList, selectedIndex } from './list.js';
import { holdQuestion, type QuestionHold } from './question.js';

/**
 * Asks why a member reports something, the same on every surface: a reason from the short
 * list (its number, or arrows and Enter; Esc to not report), then a few words of their own,
 * needed only for "Something else". Seven rows, so it fits a 40x12 window.
 */
export function pickReportReason(
  ctx: ScreenContext,
  opts: { about: string; restore(): void; onPicked(choice: ReportChoice): void },
): QuestionHold {
  const title = ` Why report ${opts.about}? `;
  const width = Math.max(10, Number(ctx.body.width));
  const box = bottomBox(ctx, {
    height: REPORT_REASONS.length + 2,
    ...(displayWidth(title) + 4 <= width ? { label: title } : { label: ' Why report it? ' }),
  });
  const list = createList(ctx, { parent: box, top: 0, width: '100%-2', height: REPORT_REASONS.length });
  list.setItems(REPORT_REASONS.map((r, i) => escapeTags(truncateToWidth(` ${i + 1} ${r.label}`, Math.max(2, width - 2)))));
  const hold = holdQuestion(ctx, box, () => list, opts.restore);

  const choose = (index: number) => {
    const reason = REPORT_REASONS[index];
    if (!reason) return;
    hold.finish(() => {
      const other = reason.category === 'other';
      askLine(ctx, {
        question: other ? 'What is wrong? A few words for the moderators' : 'Anything to add? (Enter to skip)',
        maxLength: REASON_MAX,
        restore: opts.restore,
        onAnswer: (words) => {
          if (other && !words.trim()) return ctx.status('Not reported: please say in a few words what is wrong.', 'error');
          opts.onPicked({ category: reason.category, reason: words });
        },
      });
    });
  };
  list.on('select', () => choose(selectedIndex(list)));
  list.on('keypress', (ch: string | undefined, key: { name?: string; ctrl?: boolean }) => {
    if (!hold.isOpen() || key.ctrl) return;
    if (key.name === 'escape' || key.name === 'left') return hold.finish(() => ctx.status('Not reported.'));
    const n = ch ? Number.parseInt(ch, 10) : NaN;
    if (n >= 1 && n <= REPORT_REASONS.length) choose(n - 1);
  });
  box.setFront();
  list.select(0);
  list.focus();
  ctx.render();
  return hold;
}
