import blessed from 'blessed';
import { actionWords, describeAuditEntry, type AuditEntry } from '../src/services/audit.js';
import { escapeTags, formatDateTime, formatWhen, padToWidth, truncateToWidth } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { textPage } from './text-page.js';
import { createList, selectedIndex } from './widgets/list.js';
import { createScope } from './widgets/scope.js';

/** One entry in full, as plain paragraphs for a text page. */
export function auditEntryText(e: AuditEntry, timeZone: string): string {
  const lines = [
    describeAuditEntry(e),
    '',
    `When: ${formatDateTime(e.at, timeZone)}`,
    `By: ${e.actorName}${e.origin === 'console' ? ' (at the server console)' : ''}`,
  ];
  if (e.targetKind) lines.push(`Concerning: ${e.targetKind}${e.targetId !== null ? ` ${e.targetId}` : ''}`);
  for (const [key, value] of Object.entries(e.detail)) lines.push(`${key}: ${String(value)}`);
  if (e.beforeText !== null) lines.push('', 'BEFORE THE CHANGE', e.beforeText);
  return lines.join('\n');
}

/**
 * The staff's audit log: every action, newest first, read-only. Sysops see all of it; a
 * moderator sees what concerns their boards and what they did themselves.
 */
export const auditLogScreen: ScreenFactory = (ctx: ScreenContext): ScreenView => {
  const me = ctx.session.member!;
  let rows: AuditEntry[] = [];
  const scope = createScope(ctx);
  const heading = scope.widget(blessed.box({ parent: ctx.body, top: 0, left: 0, width: '100%', height: 1, tags: true, wrap: false }));
  const list = scope.widget(createList(ctx, { top: 1, height: '100%-1' }));

  const fill = () => {
    rows = ctx.services.audit.list(me, { limit: 500 });
    const width = Math.max(20, Number(list.width));
    const whenW = width >= 60 ? 12 : 7;
    const whoW = width >= 60 ? 14 : 9;
    const whatW = Math.max(4, width - whenW - whoW - 1);
    heading.setContent(`{bold}${escapeTags(padToWidth(' When', whenW) + padToWidth('Who', whoW) + 'What')}{/bold}`);
    list.setItems(
      rows.length
        ? rows.map((e) => {
            const what = `${actionWords(e.action)}${e.targetLabel ? `: ${e.targetLabel}` : ''}`;
            return escapeTags(
              padToWidth(` ${formatWhen(e.at, me.timeZone)}`, whenW) + padToWidth(truncateToWidth(e.actorName, whoW - 1), whoW) + truncateToWidth(what, whatW),
            );
          })
        : [' Nothing yet: every staff action will be listed here.'],
    );
  };

  list.on('select', () => {
    const e = rows[selectedIndex(list)];
    if (e) ctx.nav.push(textPage(`Audit entry ${e.id}`, 'Staff desk', () => auditEntryText(e, me.timeZone)));
  });
  list.on('keypress', (_ch: string | undefined, key: { name?: string }) => {
    if (key.name === 'escape' || key.name === 'left') ctx.nav.pop();
  });
  scope.onHub('staff:action', () => {
    fill();
    ctx.render();
  });
  scope.onScreen('resize', () => fill());
  fill();

  return {
    title: 'Audit log',
    place: 'Staff desk',
    hints: [
      { key: 'Enter', label: ' Read' },
      { key: 'Esc', label: ' Back' },
    ],
    focus() {
      fill();
      list.focus();
    },
    dispose: () => scope.dispose(),
  };
};
