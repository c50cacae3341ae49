import { isUserError } from '../src/errors.js';
import type { MailMessage } from '../src/services/mail.js';
import { attempt as attemptIn } from './widgets/attempt.js';
import { escapeTags, formatDateTime, wrapText } from '../src/text/index.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { replyMailScreen } from './mail-compose.js';
import { pickReportReason } from './widgets/report-picker.js';
import { confirmKey } from './widgets/confirm-key.js';
import { createScope } from './widgets/scope.js';
import { createTextView } from './widgets/text-view.js';

/**
 * Lays a conversation out as tagged lines for a view `width` columns wide; the current
 * message's header is inverse. Returns the line each message starts on.
 */
export function layoutThread(
  messages: MailMessage[],
  current: number,
  width: number,
  timeZone: string,
): { content: string; starts: number[] } {
  const inner = Math.max(2, width);
  const lines: string[] = [];
  const starts: number[] = [];
  messages.forEach((m, i) => {
    if (i > 0) lines.push('');
    starts.push(lines.length);
    const header = `${m.mine ? 'You' : m.senderName} to ${m.mine ? m.recipientName : 'you'}, ${formatDateTime(m.sentAt, timeZone)}${m.unread ? ' (new)' : ''}`;
    const marker = i === current ? '>' : ' ';
    for (const [j, line] of wrapText(`${marker} ${header}`, inner).entries()) {
      lines.push(i === current && j === 0 ? `{inverse}${escapeTags(line)}{/inverse}` : `{bold}${escapeTags(line)}{/bold}`);
    }
    for (const line of wrapText(`  Subject: ${m.subject}`, inner)) lines.push(`{bold}${escapeTags(line)}{/bold}`);
    lines.push('');
    for (const line of wrapText(m.body, inner)) lines.push(escapeTags(line));
  });
  return { content: lines.join('\n'), starts };
}

/**
 * Reads a message with the rest of its conversation. N and P move between messages; the
 * keys act on the marked one: reply, reply with a quote, delete, block its sender, report.
 */
export function mailReadScreen(messageId: number): ScreenFactory {
  return (ctx: ScreenContext): ScreenView => {
    const me = ctx.session.member!;
    const { mail, blocks } = ctx.services;
    let messages = mail.read(me.id, messageId);
    let current = Math.max(0, messages.findIndex((m) => m.id === messageId));

    const scope = createScope(ctx);
    const view = scope.widget(createTextView({ parent: ctx.body, top: 0, height: '100%', content: '' }));
    const draw = (scrollToCurrent: boolean) => {
      // The view has one column of padding each side.
      const { content, starts } = layoutThread(messages, current, Number(view.width) - 2, me.timeZone);
      view.setContent(content);
      // With alwaysScroll, scrollTo puts that line at the top of the view.
      if (scrollToCurrent) view.scrollTo(starts[current] ?? 0);
    };

    /** Re-reads the conversation (marking new replies read), keeping the same message marked. */
    const reload = (focusId?: number) => {
      const keep = focusId ?? messages[current]?.id;
      try {
        messages = mail.read(me.id, keep ?? messageId);
      } catch (err) {
        // The marked message was deleted elsewhere: fall back to any message still here.
        const other = messages.find((m) => m.id !== keep && mail.message(me.id, m.id));
        if (!isUserError(err) || !other) {
          messages = [];
          return;
        }
        messages = mail.read(me.id, other.id);
      }
      current = Math.max(0, messages.findIndex((m) => m.id === keep));
    };

    const restore = () => view.focus();
    const attempt = (work: () => void) => attemptIn(ctx, work);
    const marked = () => messages[current];
    const otherOf = (m: MailMessage) => (m.mine ? { id: m.recipientId, name: m.recipientName } : { id: m.senderId, name: m.senderName });

    const move = (by: number) => {
      const next = current + by;
      if (next < 0 || next >= messages.length) return;
      current = next;
      draw(true);
      ctx.screen.render();
    };

    view.on('keypress', (ch: string | undefined, key: { name?: string; ctrl?: boolean; meta?: boolean; shift?: boolean }) => {
      if (key.name === 'escape' || key.name === 'left') return ctx.nav.pop();
      if (key.name === 'tab') return move(key.shift ? -1 : 1);
      if (!ch || key.ctrl || key.meta) return;
      const m = marked();
      if (!m) return;
      switch (ch) {
        case 'n':
        case 'N':
          return move(1);
        case 'p':
        case 'P':
          return move(-1);
        case 'r':
        case 'R':
        case 'q':
        case 'Q': {
          const why = mail.whyCannotSend(me, { reply: !m.mine });
          if (why) return ctx.status(why, 'error');
          return ctx.nav.push(replyMailScreen(m, { quote: ch.toLowerCase() === 'q' }));
        }
        case 'd':
        case 'D':
          return confirmKey(ctx, {
            question: 'Delete this message from your mailbox? The other member keeps theirs.',
            restore,
            onYes: () =>
              attempt(() => {
                mail.delete(me.id, m.id);
                messages.splice(current, 1);
                if (messages.length === 0) {
                  ctx.nav.pop();
                  ctx.status('Message deleted.');
                  return;
                }
                current = Math.min(current, messages.length - 1);
                draw(true);
                ctx.status('Message deleted.');
              }),
          });
        case 'x':
        case 'X': {
          const other = otherOf(m);
          if (blocks.hasBlocked(me.id, other.id)) {
            return ctx.status(`${other.name} is already blocked. Settings (S, then X) to unblock.`);
          }
          return confirmKey(ctx, {
            question: `Block ${other.name}? Their mail stops reaching you; they are not told.`,
            restore,
            onYes: () =>
              attempt(() => {
                blocks.block(me.id, other.id);
                ctx.status(`${other.name} is blocked. You can unblock them in Settings (S, then X).`);
              }),
          });
        }
        case '!':
          if (m.mine) return ctx.status('You can report mail sent to you, not mail you sent.', 'error');
          return pickReportReason(ctx, {
            about: 'this message',
            restore,
            onPicked: (choice) =>
              attempt(() => {
                const report = mail.report(me, m.id, choice);
                ctx.status(`${ctx.services.reports.thankYou(report)} The sysop gets a copy of this message only.`);
              }),
          });
      }
    });

    // A reply arriving in this conversation while it is open shows at once.
    scope.onHub('mail:new', (e) => {
      if (e.recipientId !== me.id) return;
      const arrived = mail.message(me.id, e.messageId);
      if (!arrived || arrived.threadId !== messages[0]?.threadId) return;
      // Reading marks it read: not while the member is elsewhere (writing, Resources). focus() reloads on return.
      if (ctx.screen.focused !== view) return;
      reload();
      draw(false);
      ctx.screen.render();
    });
    scope.onScreen('resize', () => draw(true));
    draw(true);
    let firstFocus = true;

    return {
      title: 'Reading mail',
      place: 'Mail',
      // Most needed first: a narrow footer drops hints from the end.
      hints: [
        { key: 'R', label: 'eply' },
        { key: 'Q', label: 'uote' },
        { key: 'D', label: 'elete' },
        { key: 'X', label: ' Block' },
        { key: '!', label: ' Report' },
        { key: 'N', label: 'ext' },
        { key: 'P', label: 'rev' },
        { key: 'Esc', label: ' Back' },
      ],
      focus() {
        // The first time, keep the "(new)" marks of what was just opened.
        if (firstFocus) {
          firstFocus = false;
          view.focus();
          return;
        }
        // Back from writing a reply: it belongs in the conversation now.
        const before = messages.length;
        reload();
        if (messages.length === 0) {
          setImmediate(() => ctx.nav.pop());
          return;
        }
        if (messages.length > before) current = messages.length - 1;
        draw(true);
        view.focus();
      },
      dispose: () => scope.dispose(),
    };
  };
}
