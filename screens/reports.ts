import blessed from 'blessed';
import { isUserError } from '../src/errors.js';
import type { Actor } from '../src/services/staff.js';
import type { Reports } from '../src/services/reports.js';
import { describeReport, reasonLabel, type Report } from '../src/services/reports.js';
import { escapeTags, formatDateTime, formatWhen, padToWidth, truncateToWidth, wrapText } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { createList, selectedIndex } from './widgets/list.js';
import { createScope } from './widgets/scope.js';
import { createTextView } from './widgets/text-view.js';

/** One report in full, wrapped to `width` and escaped for a tagged view. */
export function reportText(r: Report, width: number, timeZone: string): string {
  const w = Math.max(2, width);
  return describeReport(r, (t) => formatDateTime(t, timeZone))
    .flatMap(({ text, heading }) => wrapText(text, w).map((l) => (heading ? `{bold}${escapeTags(l)}{/bold}` : escapeTags(l))))
    .join('\n');
}

/** Closes every open report of the item report `id` is about, as acted on (C) or dismissed (D). */
function handle(ctx: ScreenContext, reports: Reports, me: Actor, id: number, outcome: 'acted' | 'dismissed'): void {
  try {
    const done = outcome === 'acted' ? reports.markActed(me, id) : reports.dismiss(me, id);
    const n = done.reportIds.length;
    ctx.status(`${outcome === 'acted' ? 'Acted on' : 'Dismissed'}: ${n} report${n === 1 ? '' : 's'} of the same item.`);
  } catch (err) {
    if (!isUserError(err)) throw err;
    ctx.status(err.message, 'error');
  }
}

function reportView(id: number): ScreenFactory {
  return (ctx: ScreenContext): ScreenView => {
    const me = ctx.session.member!;
    const { reports } = ctx.services;
    const scope = createScope(ctx);
    const view = scope.widget(createTextView({ parent: ctx.body, top: 0, height: '100%', content: '' }));
    const draw = () => {
      const r = reports.get(me, id);
      const note = r?.category === 'at-risk' && r.status === 'open' ? `\n\n${escapeTags(wrapText(reports.atRiskNote(), Math.max(2, Number(view.width) - 2)).join('\n'))}` : '';
      view.setContent(r ? reportText(r, Number(view.width) - 2, me.timeZone) + note : 'This report is gone.');
    };
    view.on('keypress', (ch: string | undefined, key: { name?: string }) => {
      if (key.name === 'escape' || key.name === 'left') return ctx.nav.pop();
      if (ch === 'c' || ch === 'C' || ch === 'd' || ch === 'D') {
        handle(ctx, reports, me, id, ch.toLowerCase() === 'c' ? 'acted' : 'dismissed');
        draw();
        ctx.screen.render();
      }
    });
    scope.onScreen('resize', () => draw());
    draw();
    return {
      title: `Report ${id}`,
      place: 'Sysop desk',
      hints: [
        { key: 'C', label: 'lose: acted on' },
        { key: 'D', label: 'ismiss' },
        { key: 'Space', label: ' More' },
        { key: 'Esc', label: ' Back' },
      ],
      focus: () => view.focus(),
      dispose: () => scope.dispose(),
    };
  };
}

/**
 * Reports for staff, one per line: open ones newest first (A shows closed ones too). Sysops
 * see every report, a board's moderators their boards' (the service decides).
 */
export const reportsScreen: ScreenFactory = (ctx): ScreenView => {
  const me = ctx.session.member!;
  const { reports } = ctx.services;
  let showAll = false;
  let rows: Report[] = [];
  const scope = createScope(ctx);
  const heading = scope.widget(blessed.box({ parent: ctx.body, top: 0, left: 0, width: '100%', height: 1, tags: true, wrap: false }));
  const list = scope.widget(createList(ctx, { top: 1, height: '100%-1' }));
  const selected = () => selectedIndex(list);

  const fill = () => {
    rows = reports.list(me, { status: showAll ? 'all' : 'open' });
    const width = Math.max(20, Number(list.width));
    const idW = 6;
    const kindW = 6;
    const whenW = width >= 60 ? 8 : 0;
    const reasonW = Math.max(4, width - idW - kindW - whenW);
    heading.setContent(
      `{bold}${escapeTags(padToWidth(' No.', idW) + padToWidth('Kind', kindW) + (whenW ? padToWidth('Filed', whenW) : '') + (showAll ? 'Reason (all reports)' : 'Reason (open reports)'))}{/bold}`,
    );
    list.setItems(
      (rows.length
        ? rows.map((r) =>
            escapeTags(
              padToWidth(` ${r.id}${r.status === 'closed' ? 'x' : ''}`, idW) +
                padToWidth(r.kind, kindW) +
                (whenW ? padToWidth(formatWhen(r.createdAt, me.timeZone), whenW) : '') +
                truncateToWidth(`${reasonLabel(r.category)}${r.reason ? `: ${r.reason}` : ''}`, reasonW - 1),
            ),
          )
        : [showAll ? ' No reports at all.' : ' No open reports. Press A to see closed ones.']),
    );
  };

  list.on('select', () => {
    const r = rows[selected()];
    if (r) ctx.nav.push(reportView(r.id));
  });
  list.on('keypress', (ch: string | undefined, key: { name?: string }) => {
    if (key.name === 'escape' || key.name === 'left') return ctx.nav.pop();
    if (ch === 'a' || ch === 'A') {
      showAll = !showAll;
      fill();
      ctx.screen.render();
    } else if (ch === 'c' || ch === 'C' || ch === 'd' || ch === 'D') {
      const r = rows[selected()];
      if (!r) return;
      handle(ctx, reports, me, r.id, ch.toLowerCase() === 'c' ? 'acted' : 'dismissed');
      fill();
      ctx.screen.render();
    }
  });
  scope.onHub('report:filed', () => {
    fill();
    ctx.screen.render();
  });
  scope.onScreen('resize', () => fill());
  fill();

  return {
    title: 'Reports',
    place: 'Sysop desk',
    hints: [
      { key: 'Enter', label: ' Read' },
      { key: 'C', label: 'lose' },
      { key: 'D', label: 'ismiss' },
      { key: 'A', label: 'll / open' },
      { key: 'Esc', label: ' Back' },
    ],
    focus() {
      fill();
      list.focus();
    },
    dispose: () => scope.dispose(),
  };
};
