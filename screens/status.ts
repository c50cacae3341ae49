import type { ScreenFactory, ScreenView } from './context.js';
import type { Services } from '../src/services/index.js';
import { activityTotal, HOUR_MS } from '../src/services/activity.js';
import { escapeTags, truncateToWidth } from '../src/text/index.js';
import { createScope } from './widgets/scope.js';
import { createTextView } from './widgets/text-view.js';
import { barChart } from './widgets/bar-chart.js';

/** How often the status screen looks again. */
export const STATUS_REFRESH_MS = 3000;

const mb = (bytes: number | undefined) => (bytes === undefined ? '?' : `${(bytes / 1_048_576).toFixed(1)} MB`);

/**
 * The figures as lines for a window `width` columns wide: who is online and where, today's
 * counts, the server's connections and memory, then the charts of the last 24 hours and 30 days.
 */
export function statusLines(services: Services, width: number, unicode: boolean, opts: { now?: number; height?: number } = {}): string[] {
  const now = opts.now ?? Date.now();
  const snap = services.stats.snapshot();
  const sessions = services.stats.onlineNow();
  const dayStart = Math.floor(now / 86_400_000) * 86_400_000;
  const today = services.activity.since(dayStart);
  const thisHour = services.activity.since(Math.floor(now / HOUR_MS) * HOUR_MS);
  const hours = services.activity.hours(24);
  const day = hours.reduce((sum, h) => sum + h.counts.logIns, 0);
  const server = services.serverFigures();
  const p = snap.online.places;
  const cut = (s: string) => truncateToWidth(s, width);
  // A short window keeps the counts and both charts, and leaves out who is where.
  const named = (opts.height ?? Infinity) >= 20 ? sessions : [];
  const lines = [
    `Online: ${snap.online.members} member${snap.online.members === 1 ? '' : 's'}, ${snap.online.sessions} session${snap.online.sessions === 1 ? '' : 's'}`,
    `  boards ${p.boards}  chat ${p.chat}  mail ${p.mail}  menu ${p.menu}  other ${p.elsewhere}`,
    ...named.slice(0, 3).map((s) => `  ${s.name}: ${s.place}${s.invisible ? ' (invisible)' : ''}`),
    ...(named.length > 3 ? [`  and ${named.length - 3} more`] : []),
    `Log-ins: ${thisHour.logIns} this hour, ${day} in 24 h`,
    `Today: ${snap.posts.today} posts, ${snap.mailToday} mail, ${snap.chatLinesToday} chat lines`,
    `Failed log-ins today: ${today.failedLogIns}; sign-ups ${today.signUps}`,
    server
      ? `Penalised sources: ${server.penalised} (${server.refusing} refused)`
      : 'Penalised sources: no running server',
    `Database ${mb(snap.databaseBytes)}${server ? `; memory ${mb(server.rssBytes)}, heap ${mb(server.heapBytes)}` : ''}`,
    ...barChart('Last 24 hours', hours.map((h) => activityTotal(h.counts)), width, unicode, 'h'),
    ...barChart('Last 30 days', services.activity.days(30).map((d) => activityTotal(d.counts)), width, unicode, 'days'),
  ];
  return lines.map(cut);
}

/**
 * S on the staff desk, for sysops: the BBS's figures, looked at again every few seconds; only
 * a change is painted. Counts and names only, never what anyone wrote.
 */
export const statusScreen: ScreenFactory = (ctx): ScreenView => {
  const scope = createScope(ctx);
  // Scrolls (arrows, Space) where a short window cannot hold it all.
  const view = scope.widget(createTextView({ parent: ctx.body, top: 0, height: '100%', content: '' }));
  let shown = '';
  const fill = () => {
    const width = Math.max(2, Number(ctx.body.width) - 2);
    const height = Number(ctx.body.height);
    const text = statusLines(ctx.services, width, ctx.session.terminal.profile.unicode, { height }).map(escapeTags).join('\n');
    if (text === shown) return;
    shown = text;
    view.setContent(text);
    ctx.render();
  };
  fill();
  const timer = setInterval(fill, STATUS_REFRESH_MS);
  timer.unref();
  scope.onScreen('resize', () => {
    shown = '';
    fill();
  });
  view.key(['escape', 'q'], () => ctx.nav.pop());
  return {
    title: 'Status',
    place: 'Staff desk',
    hints: [{ key: '↑↓', label: ' Scroll' }, { key: 'Esc', label: ' Back' }],
    focus: () => view.focus(),
    dispose: () => {
      clearInterval(timer);
      scope.dispose();
    },
  };
};
