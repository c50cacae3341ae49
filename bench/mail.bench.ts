// Mail on a real database file (WAL, synchronous=FULL): how fast a message is sent, and how
// long the queries behind the mailbox, the header count and a conversation take once a
// member's mailbox is large.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_WAIT_MS, openDatabase } from '../db/open.js';
import { buildServices } from '../src/app.js';
import { createLogger } from '../src/log.js';
import type { Member } from '../src/services/accounts.js';
import { MAIL_SETTINGS } from '../src/services/mail.js';
import { Texts } from '../src/services/texts.js';

const MEMBERS = 1000;
const BULK_MESSAGES = 100_000;
const TIMED_SENDS = 300;

function timeEach(n: number, work: (i: number) => void): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) work(i);
  return Number(process.hrtime.bigint() - started) / 1e6 / n;
}

export default async function mailBench(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'haven-mail-bench-'));
  const db = openDatabase(join(dir, 'haven.db'), { lockWaitMs: LOCK_WAIT_MS.console });
  try {
    const { accounts, settings, mail } = buildServices(db, new Texts(dir), { log: createLogger('silent') });
    settings.set(MAIL_SETTINGS.dailyLimit.key, 0);

    // Members and a bulk of old mail go in directly: argon2 and one fsync per row would make
    // the setup, not the thing measured, take the time.
    const addMember = db.prepare("INSERT INTO members (name, name_key, password_hash, created_at, guidelines_accepted_at) VALUES (?, ?, 'x', 0, 0)");
    const addMail = db.prepare(
      'INSERT INTO mail (thread_id, sender_id, recipient_id, subject, body, sent_at, read_at) VALUES (0, ?, ?, ?, ?, ?, ?)',
    );
    db.transaction(() => {
      for (let i = 1; i <= MEMBERS; i++) addMember.run(`member${i}`, `member${i}`);
      const body = 'A message of ordinary length, a few sentences about how the week went. '.repeat(6);
      for (let i = 0; i < BULK_MESSAGES; i++) {
        // Member 1 is the busy one: a tenth of all mail is to them.
        const to = i % 10 === 0 ? 1 : 2 + (i % (MEMBERS - 1));
        const from = 2 + ((i * 7) % (MEMBERS - 1));
        addMail.run(from === to ? 3 : from, to, `Subject ${i}`, body, i * 1000, i % 50 === 0 ? null : i * 1000);
      }
      db.exec('UPDATE mail SET thread_id = id');
    })();
    const busy = accounts.findById(1)!;
    const senders: Member[] = [2, 3, 4, 5].map((id) => accounts.findById(id)!);

    const sendMs = timeEach(TIMED_SENDS, (i) =>
      mail.send(senders[i % senders.length], { to: busy.name, subject: `Timed ${i}`, body: 'Thinking of you today.' }),
    );
    const inbox = mail.inbox(busy.id);
    const inboxMs = timeEach(50, () => mail.inbox(busy.id));
    const unreadMs = timeEach(500, () => mail.unreadCount(busy.id));
    const first = mail.send(senders[0], { to: busy.name, subject: 'Thread', body: 'first' });
    let last = first;
    for (let i = 0; i < 20; i++) last = mail.reply(i % 2 ? senders[0] : busy, last.id, { body: `reply ${i}` });
    const threadMs = timeEach(200, () => mail.read(busy.id, first.id));

    return {
      'members': MEMBERS,
      'messages in the database': BULK_MESSAGES + TIMED_SENDS + 21,
      'messages in the busy member\'s inbox': BULK_MESSAGES / 10 + TIMED_SENDS + 11,
      'send one message, ms (synchronous=FULL, one fsync)': sendMs,
      'inbox list (newest 500 of ~10k), ms': inboxMs,
      'rows in an inbox list': inbox.length,
      'unread count for the header, ms': unreadMs,
      'open a 21-message conversation, ms': threadMs,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
