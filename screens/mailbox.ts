import blessed from 'blessed';
import { isUserError } from '../src/errors.js';
import type { MailSummary } from '../src/services/mail.js';
import { escapeTags, formatWhen, padToWidth, truncateToWidth } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { mailReadScreen } from './mail-read.js';
import { newMailScreen } from './mail-compose.js';
import { askLine } from './widgets/ask-line.js';
import { confirmKey } from './widgets/confirm-key.js';
import { createList, selectedIndex } from './widgets/list.js';
import { createScope } from './widgets/scope.js';
import { questionOpenOver } from './widgets/question-open.js';

type Folder = 'inbox' | 'sent';
const PAGE = 200;

/** Columns of a mailbox line for a body `width` wide: mark, name, date, and the subject takes the rest. */
export function mailboxColumns(width: number): { mark: number; name: number; date: number; subject: number } {
  const mark = 3;
  const name = width >= 60 ? 18 : 12;
  const date = width >= 60 ? 12 : 7;
  return { mark, name, date, subject: Math.max(4, width - mark - name - date) };
}

/**
 * Starts a new message: first says why the member cannot send yet (new account, daily limit),
 * then asks for the name and checks it, so nobody writes a letter to a name that does not exist.
 */
export function startNewMail(ctx: ScreenContext, restore: () => void): void {
  const me = ctx.session.member!;
  const { mail } = ctx.services;
  const why = mail.whyCannotSend(me);
  if (why) {
    ctx.status(why, 'error');
    return;
  }
  askLine(ctx, {
    question: 'Write to which member?',
    maxLength: 32,
    restore,
    onAnswer(name) {
      if (!name.trim()) return;
      try {
        const to = mail.recipientFor(me, name);
        ctx.nav.push(newMailScreen({ to: to.name }));
      } catch (err) {
        if (!isUserError(err)) throw err;
        ctx.status(err.message, 'error');
      }
    },
  });
}

/** The mailbox: Inbox and Sent lists (no message text), reading, writing and deleting. */
export const mailboxScreen: ScreenFactory = (ctx) => buildMailbox(ctx, { folder: 'inbox', limit: PAGE, select: 0 });

/** The mailbox as a hibernating session left it: the folder, how much of it was loaded, the line selected. */
interface MailboxAt {
  folder: Folder;
  limit: number;
  select: number;
}

function buildMailbox(ctx: ScreenContext, at: MailboxAt): ScreenView {
  const me = ctx.session.member!;
  const { mail } = ctx.services;
  let folder: Folder = at.folder;
  let rows: MailSummary[] = [];
  // Lists load a page at a time; moving past the last line loads the next page.
  let limit = at.limit;

  const scope = createScope(ctx);
  const tabs = scope.widget(blessed.box({ parent: ctx.body, top: 0, left: 0, width: '100%', height: 1, tags: true, wrap: false }));
  const heading = scope.widget(blessed.box({ parent: ctx.body, top: 1, left: 0, width: '100%', height: 1, tags: true, wrap: false }));
  const list = scope.widget(createList(ctx, { top: 2, height: '100%-2' }));
  const selected = () => selectedIndex(list);

  /** What an empty folder says: "no mail yet" only to a member who has none in either folder. */
  const emptyText = (): string => {
    if (folder === 'sent') return ' Nothing sent yet. Press C to write.';
    if (mail.sent(me.id, 1).length > 0) return ' Your inbox is empty. Press S for the mail you sent, C to write.';
    return ' No mail yet. Press C to write to a member.';
  };

  const draw = () => {
    const width = Math.max(20, Number(list.width));
    const unread = mail.unreadCount(me.id);
    const tab = (name: Folder, label: string) => (folder === name ? `{inverse} ${label} {/inverse}` : ` ${label} `);
    tabs.setContent(
      ' ' + tab('inbox', `[I]nbox${unread ? ` (${unread} new)` : ''}`) + ' ' + tab('sent', '[S]ent') + ' {bold}[C]{/bold} Write',
    );
    const cols = mailboxColumns(width);
    const who = folder === 'inbox' ? 'From' : 'To';
    heading.setContent(`{bold}${escapeTags(padToWidth('', cols.mark) + padToWidth(who, cols.name) + padToWidth('Subject', cols.subject) + 'Date')}{/bold}`);
    if (rows.length === 0) {
      list.setItems([emptyText()]);
      return;
    }
    list.setItems(
      rows.map((r) => {
        const line =
          padToWidth(r.unread && folder === 'inbox' ? ' * ' : '', cols.mark) +
          padToWidth(truncateToWidth(r.otherName, cols.name - 1), cols.name) +
          padToWidth(truncateToWidth(r.subject, cols.subject - 1), cols.subject) +
          truncateToWidth(formatWhen(r.sentAt, me.timeZone), cols.date);
        return r.unread && folder === 'inbox' ? `{bold}${escapeTags(line)}{/bold}` : escapeTags(line);
      }),
    );
  };

  /** Reloads the folder, keeping the same message selected when it is still there. */
  const fill = () => {
    const keep = rows[selected()]?.id;
    rows = folder === 'inbox' ? mail.inbox(me.id, limit) : mail.sent(me.id, limit);
    draw();
    const at = keep === undefined ? -1 : rows.findIndex((r) => r.id === keep);
    list.select(at >= 0 ? at : Math.min(selected(), Math.max(0, rows.length - 1)));
  };

  const show = (next: Folder) => {
    folder = next;
    rows = [];
    limit = PAGE;
    fill();
    list.select(0);
    ctx.screen.render();
  };

  const restore = () => list.focus();

  list.on('select', () => {
    const row = rows[selected()];
    if (row) ctx.nav.push(mailReadScreen(row.id));
  });
  list.on('keypress', (ch: string | undefined, key: { name?: string; ctrl?: boolean; meta?: boolean }) => {
    if (key.name === 'escape' || key.name === 'left') return ctx.nav.pop();
    if (key.name === 'tab') return show(folder === 'inbox' ? 'sent' : 'inbox');
    if ((key.name === 'down' || key.name === 'j' || key.name === 'pagedown') && rows.length === limit && selected() >= rows.length - 1) {
      limit += PAGE;
      fill();
      list.select(Math.min(rows.length - 1, selected() + 1));
      ctx.screen.render();
      return;
    }
    if (!ch || key.ctrl || key.meta) return;
    switch (ch.toLowerCase()) {
      case 'i':
        return show('inbox');
      case 's':
        return show('sent');
      case 'c':
      case 'w':
        return startNewMail(ctx, restore);
      case 'd': {
        const row = rows[selected()];
        if (!row) return;
        confirmKey(ctx, {
          question: `Delete "${truncateToWidth(row.subject, 30)}" from your mailbox?`,
          restore,
          onYes() {
            try {
              mail.delete(me.id, row.id);
              ctx.status(folder === 'inbox' ? 'Deleted from your inbox.' : 'Deleted from your sent mail.');
            } catch (err) {
              if (!isUserError(err)) throw err;
              ctx.status(err.message, 'error');
            }
            fill();
          },
        });
      }
    }
  });

  // Mail arriving, or read or deleted in another of the member's sessions, shows at once.
  const refresh = () => {
    fill();
    ctx.screen.render();
  };
  scope.onHub('mail:new', (e) => e.recipientId === me.id && refresh());
  scope.onHub('mail:changed', (e) => e.memberId === me.id && refresh());
  scope.onScreen('resize', () => draw());
  fill();
  list.select(Math.min(at.select, Math.max(0, rows.length - 1)));

  return {
    title: 'Mail',
    place: 'Mail',
    hints: [
      { key: 'Enter', label: ' Read' },
      { key: 'D', label: 'elete' },
      { key: 'Esc', label: ' Back' },
      { key: 'C', label: ' Write' },
      { key: 'I', label: 'nbox' },
      { key: 'S', label: 'ent' },
    ],
    focus() {
      // Coming back from a message: it is read now, and may have been deleted or answered.
      fill();
      list.focus();
    },
    // Mail that arrives while it sleeps wakes it; a question open over it cannot be rebuilt.
    resume: () => (questionOpenOver(ctx, list) ? undefined : (c) => buildMailbox(c, { folder, limit, select: selected() })),
    dispose: () => scope.dispose(),
  };
}
