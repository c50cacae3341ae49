import type { Db } from '../../db/open.js';
import { UserError } from '../errors.js';
import type { Hub } from '../hub.js';
import type { Logger } from '../log.js';
import { cleanLine, cleanText, exceedsLength, formatDateTime } from '../text/index.js';
import type { Accounts, Member } from './accounts.js';
import type { BbsSettings } from './bbs-settings.js';
import type { Blocks } from './blocks.js';
import { skipIfBusy } from './database-busy.js';
import type { Report, ReportChoice, Reports } from './reports.js';

export const SUBJECT_MAX = 100;
export const BODY_MAX = 10_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The sysop-configurable limits on mail (settings table keys, defaults, what they mean). */
export const MAIL_SETTINGS = {
  newAccountHours: {
    key: 'mail.new_account_hours',
    fallback: 24,
    min: 0,
    max: 8760,
    describe: 'Hours after joining before a new member may start a conversation by mail (0: at once)',
  },
  newAccountPosts: {
    key: 'mail.new_account_posts',
    fallback: 3,
    min: 0,
    max: 1000,
    describe: 'Posts that also unlock mail for a new member before those hours have passed',
  },
  dailyLimit: {
    key: 'mail.daily_limit',
    fallback: 20,
    min: 0,
    max: 10_000,
    describe: 'Messages a member may send in any 24 hours (0: no limit)',
  },
} as const;

/** A message as one of its two members sees it. */
export interface MailMessage {
  id: number;
  threadId: number;
  inReplyTo: number | null;
  senderId: number;
  senderName: string;
  recipientId: number;
  recipientName: string;
  subject: string;
  body: string;
  sentAt: number;
  /** True when the viewer wrote it. */
  mine: boolean;
  /** True when it was sent to the viewer and they had not opened it. */
  unread: boolean;
}

/** A line of the inbox or the sent list: who is on the other side, never the body. */
export interface MailSummary {
  id: number;
  threadId: number;
  otherId: number;
  otherName: string;
  subject: string;
  sentAt: number;
  unread: boolean;
}

interface MailRow {
  id: number;
  thread_id: number;
  in_reply_to: number | null;
  sender_id: number;
  sender_name: string;
  recipient_id: number;
  recipient_name: string;
  subject: string;
  body: string;
  sent_at: number;
  read_at: number | null;
  sender_deleted: number;
  recipient_deleted: number;
}

interface SummaryRow {
  id: number;
  thread_id: number;
  other_id: number;
  other_name: string;
  subject: string;
  sent_at: number;
  read_at: number | null;
}

export interface MailDeps {
  accounts: Accounts;
  blocks: Blocks;
  settings: BbsSettings;
  reports: Reports;
  hub: Hub;
  /** How many posts a member has written (the boards service knows); unlocks mail for new members. */
  countPosts: (memberId: number) => number;
  /** The BBS's name (`--name`), as members know it. */
  bbsName: string;
  log?: Logger;
  now?: () => number;
}

// "Visible to viewer" in one place: a member sees what they sent and have not deleted, and
// what was sent to them and they have not deleted (held-back mail is marked deleted for them).
const VISIBLE = `((m.sender_id = @viewer AND m.sender_deleted = 0) OR (m.recipient_id = @viewer AND m.recipient_deleted = 0))`;
const WITH_NAMES = `SELECT m.*, s.name AS sender_name, r.name AS recipient_name FROM mail m
  JOIN members s ON s.id = m.sender_id JOIN members r ON r.id = m.recipient_id`;

/**
 * Private mail between two members. Only the sender and the recipient can read a message;
 * each deletes it from their own view, and it leaves the database when both have.
 */
export class Mail {
  private readonly insertMail;
  private readonly setThread;
  private readonly insertSend;
  private readonly pruneSends;
  private readonly countSends;
  private readonly nthSend;
  private readonly visibleById;
  private readonly threadRows;
  private readonly markThreadRead;
  private readonly inboxRows;
  private readonly sentRows;
  private readonly unread;
  private readonly hideForSender;
  private readonly hideForRecipient;
  private readonly purge;
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    private readonly deps: MailDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.insertMail = db.prepare(
      `INSERT INTO mail (thread_id, in_reply_to, sender_id, recipient_id, subject, body, sent_at, recipient_deleted, suppressed)
       VALUES (@threadId, @inReplyTo, @senderId, @recipientId, @subject, @body, @now, @suppressed, @suppressed)`,
    );
    this.setThread = db.prepare('UPDATE mail SET thread_id = id WHERE id = ?');
    this.insertSend = db.prepare('INSERT INTO mail_sends (member_id, sent_at) VALUES (?, ?)');
    this.pruneSends = db.prepare('DELETE FROM mail_sends WHERE member_id = ? AND sent_at <= ?');
    this.countSends = db.prepare<[number, number], { n: number }>('SELECT count(*) AS n FROM mail_sends WHERE member_id = ? AND sent_at > ?');
    this.nthSend = db.prepare<[number, number, number], { sent_at: number }>(
      'SELECT sent_at FROM mail_sends WHERE member_id = ? AND sent_at > ? ORDER BY sent_at LIMIT 1 OFFSET ?',
    );
    this.visibleById = db.prepare<{ viewer: number; id: number }, MailRow>(`${WITH_NAMES} WHERE m.id = @id AND ${VISIBLE}`);
    this.threadRows = db.prepare<{ viewer: number; thread: number }, MailRow>(
      `${WITH_NAMES} WHERE m.thread_id = @thread AND ${VISIBLE} ORDER BY m.sent_at, m.id`,
    );
    this.markThreadRead = db.prepare(
      'UPDATE mail SET read_at = ? WHERE thread_id = ? AND recipient_id = ? AND recipient_deleted = 0 AND read_at IS NULL',
    );
    this.inboxRows = db.prepare<[number, number], SummaryRow>(
      `SELECT m.id, m.thread_id, m.sender_id AS other_id, s.name AS other_name, m.subject, m.sent_at, m.read_at
       FROM mail m JOIN members s ON s.id = m.sender_id
       WHERE m.recipient_id = ? AND m.recipient_deleted = 0 ORDER BY m.sent_at DESC, m.id DESC LIMIT ?`,
    );
    this.sentRows = db.prepare<[number, number], SummaryRow>(
      // The sender never learns whether it was read: no read receipts, and so nothing that
      // could tell a blocked sender their mail was held back.
      `SELECT m.id, m.thread_id, m.recipient_id AS other_id, r.name AS other_name, m.subject, m.sent_at, m.sent_at AS read_at
       FROM mail m JOIN members r ON r.id = m.recipient_id
       WHERE m.sender_id = ? AND m.sender_deleted = 0 ORDER BY m.sent_at DESC, m.id DESC LIMIT ?`,
    );
    this.unread = db.prepare<[number], { n: number }>(
      'SELECT count(*) AS n FROM mail WHERE recipient_id = ? AND recipient_deleted = 0 AND read_at IS NULL',
    );
    this.hideForSender = db.prepare('UPDATE mail SET sender_deleted = 1 WHERE id = ? AND sender_id = ?');
    this.hideForRecipient = db.prepare(
      'UPDATE mail SET recipient_deleted = 1, read_at = coalesce(read_at, ?) WHERE id = ? AND recipient_id = ?',
    );
    this.purge = db.prepare('DELETE FROM mail WHERE id = ? AND sender_deleted = 1 AND recipient_deleted = 1');
  }

  /** The member a message to `name` would go to; a clear UserError for an unknown name or oneself. */
  recipientFor(sender: Member, name: string): Member {
    const wanted = cleanLine(name, 64);
    if (!wanted) throw new UserError('Who is it for? Type a member name.');
    const to = this.deps.accounts.findByName(wanted);
    if (!to) throw new UserError(`There is no member called "${wanted}". Check the spelling.`);
    if (to.id === sender.id) throw new UserError('That is you: mail goes to another member.');
    return to;
  }

  /**
   * Why this member cannot start a conversation now (new account, daily limit), with when they
   * can; null when they can. A reply to mail they received skips the new-account wait.
   */
  whyCannotSend(sender: Member, opts: { reply?: boolean } = {}): string | null {
    if (sender.role === 'sysop') return null;
    const now = this.now();
    const { settings } = this.deps;
    if (!opts.reply) {
      const hours = settings.number(MAIL_SETTINGS.newAccountHours.key, MAIL_SETTINGS.newAccountHours.fallback);
      const posts = settings.number(MAIL_SETTINGS.newAccountPosts.key, MAIL_SETTINGS.newAccountPosts.fallback);
      const from = sender.createdAt + hours * HOUR;
      if (now < from) {
        const written = this.deps.countPosts(sender.id);
        if (written < posts) {
          const more = posts - written;
          return (
            `To keep ${this.deps.bbsName} free of spam, new members can send mail ${plural(hours, 'hour')} after joining ` +
            `or once they have written ${plural(posts, 'post')}. You can send mail from ${formatDateTime(from, sender.timeZone)}` +
            `, or after ${plural(more, 'more post')}.`
          );
        }
      }
    }
    const limit = settings.number(MAIL_SETTINGS.dailyLimit.key, MAIL_SETTINGS.dailyLimit.fallback);
    if (limit > 0) {
      const since = now - DAY;
      const sent = this.countSends.get(sender.id, since)!.n;
      if (sent >= limit) {
        // The moment enough of the last day's sends have aged out to be under the limit again.
        const oldest = this.nthSend.get(sender.id, since, sent - limit)!.sent_at;
        return (
          `You have sent ${plural(sent, 'message')} in the last 24 hours, the most ${this.deps.bbsName} allows. ` +
          `You can send again from ${formatDateTime(oldest + DAY, sender.timeZone)}.`
        );
      }
    }
    return null;
  }

  /** Starts a conversation with the member called `to`. */
  send(sender: Member, input: { to: string; subject: string; body: string }): MailMessage {
    const recipient = this.recipientFor(sender, input.to);
    const why = this.whyCannotSend(sender);
    if (why) throw new UserError(why);
    const subject = cleanLine(input.subject, SUBJECT_MAX) || '(no subject)';
    return this.deliver(sender, recipient, subject, input.body, null);
  }

  /** Answers a message the member can see; it goes to the other member of the conversation. */
  reply(sender: Member, messageId: number, input: { subject?: string; body: string }): MailMessage {
    const original = this.visible(sender.id, messageId);
    const otherId = original.sender_id === sender.id ? original.recipient_id : original.sender_id;
    const recipient = this.deps.accounts.findById(otherId);
    if (!recipient) throw new UserError('That member is no longer here.');
    const why = this.whyCannotSend(sender, { reply: original.recipient_id === sender.id });
    if (why) throw new UserError(why);
    const subject = cleanLine(input.subject ?? '', SUBJECT_MAX) || replySubject(original.subject);
    return this.deliver(sender, recipient, subject, input.body, original);
  }

  /** The member's inbox, newest first (no bodies). */
  inbox(memberId: number, limit = 500): MailSummary[] {
    return this.inboxRows.all(memberId, limit).map(toSummary);
  }

  /** What the member sent and kept, newest first (no bodies, no read receipts). */
  sent(memberId: number, limit = 500): MailSummary[] {
    return this.sentRows.all(memberId, limit).map(toSummary);
  }

  unreadCount(memberId: number): number {
    return this.unread.get(memberId)!.n;
  }

  /**
   * Opens a message with its whole conversation (as far as the reader still has it), and marks
   * what was sent to the reader in it as read (or, while another process holds the database,
   * leaves it unread until next time). Throws for a message the reader cannot see.
   */
  read(memberId: number, messageId: number): MailMessage[] {
    const opened = this.visible(memberId, messageId);
    const rows = this.threadRows.all({ viewer: memberId, thread: opened.thread_id });
    const changed = skipIfBusy(() => this.markThreadRead.run(this.now(), opened.thread_id, memberId).changes, 0);
    if (changed > 0) this.deps.hub.emit('mail:changed', { memberId });
    return rows.map((r) => toMessage(r, memberId));
  }

  /** One message if this member can see it. */
  message(memberId: number, messageId: number): MailMessage | undefined {
    const row = this.visibleById.get({ viewer: memberId, id: messageId });
    return row ? toMessage(row, memberId) : undefined;
  }

  /** Removes a message from this member's view; the other member keeps theirs. */
  delete(memberId: number, messageId: number): void {
    const row = this.visible(memberId, messageId);
    this.db.transaction(() => {
      if (row.sender_id === memberId) this.hideForSender.run(messageId, memberId);
      else this.hideForRecipient.run(this.now(), messageId, memberId);
      this.purge.run(messageId);
    })();
    this.deps.hub.emit('mail:changed', { memberId });
  }

  /** Reports a message the member received to the sysop; the report carries a copy of that message alone. */
  report(member: Member, messageId: number, choice: ReportChoice): Report {
    const row = this.visible(member.id, messageId);
    if (row.recipient_id !== member.id) throw new UserError('You can report mail sent to you, not mail you sent.');
    return this.deps.reports.file({
      kind: 'mail',
      targetId: row.id,
      reporterId: member.id,
      authorId: row.sender_id,
      authorName: row.sender_name,
      title: row.subject,
      text: row.body,
      writtenAt: row.sent_at,
      ...choice,
    });
  }

  private deliver(sender: Member, recipient: Member, subject: string, rawBody: string, original: MailRow | null): MailMessage {
    if (exceedsLength(rawBody, BODY_MAX)) throw new UserError(`A message can be at most ${BODY_MAX} characters long.`);
    const body = cleanText(rawBody, { maxLength: BODY_MAX, multiline: true });
    if (!body) throw new UserError('The message is empty: write something first.');
    // Mail to someone who blocked the sender is kept for the sender's Sent view alone; the
    // sender sees no difference, and it is never shown to the recipient, even after an unblock.
    const suppressed = this.deps.blocks.hasBlocked(recipient.id, sender.id);
    const now = this.now();
    const id = this.db.transaction(() => {
      const newId = Number(
        this.insertMail.run({
          threadId: original?.thread_id ?? 0,
          inReplyTo: original?.id ?? null,
          senderId: sender.id,
          recipientId: recipient.id,
          subject,
          body,
          now,
          suppressed: suppressed ? 1 : 0,
        }).lastInsertRowid,
      );
      if (!original) this.setThread.run(newId);
      this.pruneSends.run(sender.id, now - DAY);
      this.insertSend.run(sender.id, now);
      return newId;
    })();
    this.deps.log?.info('mail sent', { messageId: id });
    if (!suppressed) this.deps.hub.emit('mail:new', { recipientId: recipient.id, messageId: id, senderName: sender.name });
    this.deps.hub.emit('mail:changed', { memberId: sender.id });
    return this.message(sender.id, id)!;
  }

  private visible(viewer: number, id: number): MailRow {
    const row = Number.isSafeInteger(id) ? this.visibleById.get({ viewer, id }) : undefined;
    // The same answer for a message that does not exist and for someone else's.
    if (!row) throw new UserError('That message is not in your mailbox.');
    return row;
  }
}

/** "Re: subject", without piling up "Re: Re:". */
export function replySubject(subject: string): string {
  return /^re:/i.test(subject) ? subject : `Re: ${subject}`;
}

/** The body of a message quoted for a reply: "name wrote:" and each line after "> ". */
export function quoteForReply(message: Pick<MailMessage, 'senderName' | 'body'>, maxLength = BODY_MAX / 2): string {
  const lines = message.body.split('\n').map((l) => (l.startsWith('>') ? `>${l}` : `> ${l}`));
  let quoted = '';
  for (const line of lines) {
    if (quoted.length + line.length + 1 > maxLength) {
      quoted += '> [...]\n';
      break;
    }
    quoted += line + '\n';
  }
  return `${message.senderName} wrote:\n${quoted}\n`;
}

function toMessage(r: MailRow, viewer: number): MailMessage {
  return {
    id: r.id,
    threadId: r.thread_id,
    inReplyTo: r.in_reply_to,
    senderId: r.sender_id,
    senderName: r.sender_name,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    subject: r.subject,
    body: r.body,
    sentAt: r.sent_at,
    mine: r.sender_id === viewer,
    unread: r.recipient_id === viewer && r.read_at === null,
  };
}

function toSummary(r: SummaryRow): MailSummary {
  return {
    id: r.id,
    threadId: r.thread_id,
    otherId: r.other_id,
    otherName: r.other_name,
    subject: r.subject,
    sentAt: r.sent_at,
    unread: r.read_at === null,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
