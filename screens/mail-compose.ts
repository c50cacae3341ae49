import { BODY_MAX, SUBJECT_MAX, quoteForReply, replySubject, type MailMessage } from '../src/services/mail.js';
import { NAME_MAX } from '../src/services/accounts.js';
import type { Draft } from '../src/services/drafts.js';
import type { ScreenFactory } from './context.js';
import { composeScreen } from './compose.js';

// True to the letter: reporting a message gives moderators a copy of it (see README, "What Haven stores").
const PRIVATE = 'Only you two can read this; reporting it shares a copy with moderators.';

/** Writing a new message: To and Subject, then the text; Ctrl-S sends. `resume`: a kept draft to carry on with. */
export function newMailScreen(opts: { to?: string; resume?: Draft } = {}): ScreenFactory {
  return (ctx) => {
    const me = ctx.session.member!;
    const { resume } = opts;
    let sentTo = '';
    return composeScreen({
      title: 'Write mail',
      place: 'Mail',
      intro: PRIVATE,
      fields: [
        { name: 'to', label: 'To:', value: (resume?.target.kind === 'mail' ? resume.target.to : opts.to) || undefined, maxLength: NAME_MAX + 16, placeholder: 'a member name' },
        { name: 'subject', label: 'Subject:', value: resume?.subject || undefined, maxLength: SUBJECT_MAX },
      ],
      body: resume?.body,
      bodyMaxLength: BODY_MAX,
      crisisCheck: 'mail',
      draft: { target: (values) => ({ kind: 'mail', to: values.to ?? '' }), resumed: resume?.id },
      // The name is checked again here: it may have been changed after it was first checked.
      onSend(values, body) {
        sentTo = ctx.services.mail.send(me, { to: values.to ?? '', subject: values.subject ?? '', body }).recipientName;
      },
      onSent() {
        ctx.nav.pop();
        ctx.status(`Sent to ${sentTo}.`);
      },
    })(ctx);
  };
}

/** Answering a message (with its text quoted when `quote`): it goes to the other member of the conversation. */
export function replyMailScreen(message: MailMessage, opts: { quote: boolean }): ScreenFactory {
  return (ctx) => {
    const me = ctx.session.member!;
    const other = message.mine ? message.recipientName : message.senderName;
    return composeScreen({
      title: `Reply to ${other}`,
      place: 'Mail',
      intro: PRIVATE,
      fields: [{ name: 'subject', label: 'Subject:', value: replySubject(message.subject), maxLength: SUBJECT_MAX }],
      body: opts.quote ? quoteForReply(message) : '',
      bodyMaxLength: BODY_MAX,
      crisisCheck: 'mail',
      // Kept as a letter to the same member: resumed, it goes as new mail with this subject.
      draft: { target: () => ({ kind: 'mail', to: other }) },
      onSend(values, body) {
        ctx.services.mail.reply(me, message.id, { subject: values.subject, body });
      },
      onSent() {
        ctx.nav.pop();
        ctx.status(`Reply sent to ${other}.`);
      },
    })(ctx);
  };
}
