import { reasonLabel, type MyReport, type ReportState } from '../src/services/reports.js';
import { escapeTags, formatDateTime, wrapText } from '../src/text/index.js';
import type { ScreenFactory, ScreenView } from './context.js';
import { createScope } from './widgets/scope.js';
import { createTextView } from './widgets/text-view.js';

const STATE: Record<ReportState, string> = {
  open: 'Open: waiting for a moderator',
  acted: 'Acted on: a moderator dealt with it',
  dismissed: 'Dismissed: a moderator looked and left it',
};

/** The member's own reports as tagged lines for a view `width` columns wide, newest first. */
export function myReportsText(reports: MyReport[], width: number, timeZone: string): string {
  const w = Math.max(2, width);
  if (reports.length === 0) {
    return wrapText('You have not reported anything. To report a post, press ! while reading it; in chat, type /report and a name; in mail, press ! on the message.', w)
      .map(escapeTags)
      .join('\n');
  }
  const lines: string[] = [];
  for (const r of reports) {
    if (lines.length) lines.push('');
    for (const l of wrapText(STATE[r.state], w)) lines.push(`{bold}${escapeTags(l)}{/bold}`);
    for (const l of wrapText(`${reasonLabel(r.category)}: ${r.what}, reported ${formatDateTime(r.createdAt, timeZone)}`, w)) lines.push(escapeTags(l));
    for (const l of wrapText(`"${r.excerpt}"`, w).slice(0, 2)) lines.push(escapeTags(l));
  }
  return lines.join('\n');
}

/**
 * What the member reported and how each ended: open, acted on, dismissed. Who handled it
 * and what they did stay with staff; the member learns that someone looked.
 */
export const myReportsScreen: ScreenFactory = (ctx): ScreenView => {
  const me = ctx.session.member!;
  const scope = createScope(ctx);
  const view = scope.widget(createTextView({ parent: ctx.body, top: 0, height: '100%', content: '' }));
  const draw = () => {
    view.setContent(myReportsText(ctx.services.reports.mine(me), Number(view.width) - 2, me.timeZone));
    ctx.screen.render();
  };
  view.on('keypress', (_ch: string | undefined, key: { name?: string }) => {
    if (key.name === 'escape' || key.name === 'left') ctx.nav.pop();
  });
  // A moderator handling one of them (here or at the console) shows at once.
  scope.onHub('staff:action', (e) => {
    if (e.action === 'report.act' || e.action === 'report.dismiss') draw();
  });
  scope.onScreen('resize', () => draw());
  draw();
  return {
    title: 'My reports',
    place: 'Settings',
    hints: [
      { key: 'Space', label: ' More' },
      { key: 'Esc', label: ' Back' },
    ],
    focus() {
      draw();
      view.focus();
    },
    dispose: () => scope.dispose(),
  };
};
