import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { MemberClient, signUp } from '../helpers/client.js';
import { openBoard, startThread } from '../helpers/boards.js';
import { KEY } from '../helpers/screen.js';
import { MAIL_SETTINGS } from '../../src/services/mail.js';

// A session that ends while the member is writing, other than by a restart: the draft is
// kept the same way and offered at the next log-in.

let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
  bbs.haven.services.settings.set(MAIL_SETTINGS.newAccountHours.key, 0);
});
afterAll(async () => {
  await bbs.stop();
});

const memberId = (name: string) => bbs.haven.services.accounts.findByName(name)!.id;
const draftsOf = (name: string) => bbs.haven.services.drafts.list(memberId(name));

/** Waits (without fixed sleeps) until `check` holds. */
async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const connect = (name: string) => MemberClient.connect({ port: bbs.port, username: name, password: 'correct horse' });

describe('drafts kept when a session ends mid-writing', () => {
  it('a dropped connection mid-letter keeps it; L keeps it for later; R resumes it to the same member, and sending removes it', async () => {
    (await signUp(bbs.port, 'birch')).end();
    const amber = await signUp(bbs.port, 'amber');
    amber.send('M');
    await amber.waitFor('No mail yet');
    amber.send('C');
    await amber.waitFor('Write to which member?');
    amber.line('birch');
    await amber.waitFor('Subject:');
    amber.send('Thinking of you');
    amber.press('tab');
    amber.send('How did it go?\rI hope well 🌷');
    await amber.waitFor('I hope well');
    amber.end();
    await until(() => draftsOf('amber').length === 1, 'the draft is kept');
    expect(draftsOf('amber')[0]).toMatchObject({ target: { kind: 'mail', to: 'birch' }, subject: 'Thinking of you', body: 'How did it go?\nI hope well 🌷' });

    const again = await connect('amber');
    await again.waitFor('You have an unfinished letter to birch, "Thinking of you"');
    expect(again.text()).toContain('I hope well 🌷');
    again.send('l');
    await again.waitFor('Kept: it is offered again at your next log-in.');
    await again.waitFor('Main menu');
    again.end();

    const third = await connect('amber');
    await third.waitFor('You have an unfinished letter to birch');
    third.send('r');
    await third.waitFor('Write mail');
    expect(third.text()).toContain('birch');
    expect(third.text()).toContain('Thinking of you');
    expect(third.text()).toContain('How did it go?');
    third.press('ctrlS');
    await third.waitFor('Sent to birch.');
    expect(draftsOf('amber')).toEqual([]);
    const inbox = bbs.haven.services.mail.inbox(memberId('birch'));
    expect(inbox.map((m) => m.subject)).toEqual(['Thinking of you']);
    third.end();
  });

  it('a reply to a thread locked meanwhile: the member is told, the words stay readable, and D discards them', async () => {
    const cedar = await signUp(bbs.port, 'cedar');
    await openBoard(cedar, 'Introductions', 1);
    await startThread(cedar, 'New here', 'Hello everyone');
    cedar.send('R');
    await cedar.waitFor('Reply: New here');
    cedar.send('Adding one more thing');
    await cedar.waitFor('Adding one more thing');
    cedar.end();
    await until(() => draftsOf('cedar').length === 1, 'the draft is kept');
    const threadId = (draftsOf('cedar')[0]!.target as { threadId: number }).threadId;
    bbs.haven.db.prepare('UPDATE threads SET locked_at = ? WHERE id = ?').run(Date.now(), threadId);

    const back = await connect('cedar');
    await back.waitFor('You have an unfinished reply to "New here"');
    back.send('r');
    await back.waitFor('That thread is locked now');
    expect(back.text()).toContain('Adding one more thing');
    back.send('d');
    await back.waitFor('Draft discarded.');
    await back.waitFor('Main menu');
    expect(draftsOf('cedar')).toEqual([]);
    back.send(KEY.escape);
    back.end();
  });
});
