import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { logIn, signUp, type MemberClient } from '../helpers/client.js';
import { KEY } from '../helpers/screen.js';
import { createLogger } from '../../src/log.js';
import { MAIL_SETTINGS } from '../../src/services/mail.js';

let bbs: TestHaven;
const logLines: string[] = [];

beforeAll(async () => {
  bbs = await startTestHaven({ log: createLogger('debug', (line) => logLines.push(line)) });
  // Members who join in these tests may mail at once, unless a test says otherwise.
  bbs.haven.services.settings.set(MAIL_SETTINGS.newAccountHours.key, 0);
});
afterAll(async () => {
  await bbs.stop();
});

/** From the main menu: opens the mailbox, starts a letter to `to`, and sends it. */
async function sendMail(c: MemberClient, to: string, subject: string, body: string): Promise<void> {
  c.send('C');
  await c.waitFor('Write to which member?');
  c.line(to);
  await c.waitFor('Subject:');
  c.send(subject);
  c.press('tab');
  c.send(body);
  await c.waitFor(body.split('\n').pop()!);
  c.press('ctrlS');
  await c.waitFor(`Sent to ${to}.`);
}

const idOf = (subject: string) =>
  (bbs.haven.db.prepare('SELECT id FROM mail WHERE subject = ?').get(subject) as { id: number } | undefined)?.id;

describe('private mail', () => {
  it('three members: mail, live notice, reply with quote, privacy, blocking, deleting, reporting', async () => {
    const keeper = await bbs.haven.services.accounts.register({ name: 'keeper', password: 'correct horse', acceptedGuidelines: true, role: 'sysop' });
    const amber = await signUp(bbs.port, 'amber');
    const birch = await signUp(bbs.port, 'birch');
    const cedar = await signUp(bbs.port, 'cedar');
    const sysop = await logIn(bbs.port, keeper.name);

    // Only staff have a Staff desk entry.
    expect(amber.text()).not.toContain('Staff');
    expect(sysop.text()).toContain('[!] Staff');

    // Amber writes to a name that does not exist, and is told before writing anything.
    amber.send('M');
    await amber.waitFor('No mail yet');
    amber.send('C');
    await amber.waitFor('Write to which member?');
    amber.line('nobody_here');
    await amber.waitFor('There is no member called "nobody_here"');
    expect(amber.text()).not.toContain('Subject:');

    // A name changed in the To field is checked again on sending; what was written stays.
    amber.send('C');
    await amber.waitFor('Write to which member?');
    amber.line('cedar');
    await amber.waitFor('Subject:');
    amber.send('\x1b[Z'); // Shift-Tab: from Subject up to To
    amber.send('\x15nobody_either');
    await amber.waitFor('nobody_either');
    amber.press('tab');
    amber.send('Draft');
    await amber.waitFor('Draft');
    amber.press('tab');
    amber.send('Words worth keeping');
    await amber.waitFor('Words worth keeping');
    amber.press('ctrlS');
    await amber.waitFor('There is no member called "nobody_either"');
    expect(amber.text()).toContain('Words worth keeping');
    expect(idOf('Draft')).toBeUndefined();
    amber.press('escape');
    await amber.waitFor('Discard what you wrote?');
    amber.send('y');
    await amber.waitFor('[C] Write');

    await sendMail(amber, 'birch', 'Thinking of you', 'How did the appointment go?');
    amber.send('S');
    await amber.waitFor(/birch\s+Thinking of you/);

    // Birch, at the main menu, hears at once and sees the count in the header.
    await birch.waitFor('New mail from amber');
    expect(birch.screen.lines()[0]).toMatch(/1 new mail, \d+ online/);
    birch.send('M');
    await birch.waitFor(/\* amber\s+Thinking of you/);
    birch.press('enter');
    await birch.waitFor('How did the appointment go?');
    expect(birch.text()).toContain('amber to you');
    await birch.screen.waitForGone('new mail');

    // Reply with a quote.
    birch.send('Q');
    await birch.waitFor('Reply to amber');
    await birch.waitFor('> How did the appointment go?');
    expect(birch.text()).toContain('amber wrote:');
    birch.send('It went well, thank you.');
    await birch.waitFor('It went well, thank you.');
    birch.press('ctrlS');
    await birch.waitFor('Reply sent to amber.');
    await birch.waitFor('You to amber');

    // Amber, in her mailbox, sees the reply arrive there and reads the conversation.
    await amber.waitFor(/\[I\]nbox \(1 new\)/);
    expect(amber.text()).not.toContain('Press M on the main menu');
    amber.send('I');
    await amber.waitFor(/\* birch\s+Re: Thinking of you/);
    amber.press('enter');
    await amber.waitFor('It went well, thank you.');
    expect(amber.text()).toContain('How did the appointment go?');
    expect(amber.text()).toMatch(/You to birch/);
    expect(amber.text()).toMatch(/> How did the appointment go\?/);

    // Cedar cannot see either message: not in the mailbox, not by id through the service.
    cedar.send('M');
    await cedar.waitFor('No mail yet');
    cedar.send('S');
    await cedar.waitFor('Nothing sent yet');
    const { mail } = bbs.haven.services;
    const cedarId = bbs.haven.services.accounts.findByName('cedar')!.id;
    for (const id of [idOf('Thinking of you')!, idOf('Re: Thinking of you')!]) {
      expect(() => mail.read(cedarId, id)).toThrow('not in your mailbox');
      expect(mail.message(cedarId, id)).toBeUndefined();
    }

    // Birch blocks Amber from the message.
    birch.send('X');
    await birch.waitFor('Block amber?');
    birch.send('y');
    await birch.waitFor('amber is blocked');

    // Amber's next mail is not delivered, and Amber sees no difference.
    amber.press('escape');
    await amber.waitFor('[C] Write');
    await sendMail(amber, 'birch', 'Are you there', 'Hello again?');
    amber.send('S');
    await amber.waitFor(/birch\s+Are you there/);
    expect(amber.text()).toMatch(/birch\s+Thinking of you/);
    birch.press('escape');
    await birch.waitFor('Thinking of you');
    birch.send('I');
    await birch.waitFor(/amber\s+Thinking of you/);
    expect(birch.text()).not.toContain('Are you there');
    expect(birch.text()).not.toContain('New mail');
    expect(birch.screen.lines()[0]).not.toContain('new mail');

    // Amber deletes the first message from her Sent mail; Birch keeps his copy.
    amber.press('down');
    amber.send('D');
    await amber.waitFor('Delete "Thinking of you"');
    amber.send('y');
    await amber.waitFor('Deleted from your sent mail.');
    await amber.screen.waitForGone(/birch\s+Thinking of you/);
    birch.send('I');
    await birch.waitFor(/amber\s+Thinking of you/);

    // Birch reports the first message; the online sysop hears of it and reads the copy.
    birch.press('enter');
    await birch.waitFor('How did the appointment go?');
    birch.send('!');
    await birch.waitFor('Why report this message?');
    birch.send('2');
    await birch.waitFor('Anything to add?');
    birch.line('Unwanted contact');
    await birch.waitFor('The sysop will look at it');
    await sysop.waitFor('A member reported a message');
    sysop.send('!');
    await sysop.waitFor('Audit log');
    sysop.send('R');
    await sysop.waitFor(/mail\s+.*Unwanted contact/);
    sysop.press('enter');
    await sysop.waitFor('The reported message (a copy), by amber');
    expect(sysop.text()).toContain('How did the appointment go?');
    expect(sysop.text()).not.toContain('It went well');
    const [report] = bbs.haven.services.reports.list('console');
    expect(report).toMatchObject({ kind: 'mail', category: 'harassment', reporterName: 'birch', authorName: 'amber', copyTitle: 'Thinking of you', copyText: 'How did the appointment go?' });
    sysop.send('C');
    await sysop.waitFor('Acted on: 1 report of the same item.');
    expect(bbs.haven.services.reports.get('console', report.id)).toMatchObject({ outcome: 'acted', handledByName: 'keeper' });

    // The server log knows mail was sent, and nothing of what it said.
    const log = logLines.join('');
    expect(log).toContain('mail sent');
    for (const secret of ['Thinking of you', 'appointment', 'went well', 'Are you there', 'Hello again', 'Unwanted contact']) {
      expect(log).not.toContain(secret);
    }
    expect(log).not.toContain('"level":"error"');
    for (const c of [amber, birch, cedar, sysop]) c.end();
  });

  it('new mail appears in the open mailbox without a detour message; an emptied inbox points to the sent mail', async () => {
    const mira = await signUp(bbs.port, 'mira');
    const noel = await signUp(bbs.port, 'noel');
    noel.send('M');
    await noel.waitFor('No mail yet');
    await sendMail(noel, 'mira', 'Hello mira', 'How are you?');
    mira.send('M');
    await mira.waitFor('Hello mira');
    await sendMail(mira, 'noel', 'Fine thanks', 'And you?');
    await noel.waitFor('Fine thanks');
    await noel.waitFor(/1 new mail/);
    expect(noel.text()).not.toContain('Press M on the main menu');
    noel.send('d');
    await noel.waitFor('Delete "Fine thanks"');
    noel.send('y');
    await noel.waitFor('Deleted from your inbox.');
    await noel.waitFor('Your inbox is empty. Press S for the mail you sent, C to write.');
    expect(noel.text()).not.toContain('No mail yet');
    noel.send('s');
    await noel.waitFor('Hello mira');
    // Elsewhere, new mail still says where to find it.
    noel.press('escape');
    await noel.waitFor('Main menu');
    mira.send('C');
    await mira.waitFor('Write to which member?');
    mira.line('noel');
    await mira.waitFor('Subject:');
    mira.send('Again');
    mira.press('tab');
    mira.send('Me again.');
    await mira.waitFor('Me again.');
    mira.press('ctrlS');
    await noel.waitFor('New mail from mira. Press M on the main menu to read it.');
    mira.end();
    noel.end();
  });

  it('a member who logs in is told how much unread mail waits', async () => {
    const sender = await signUp(bbs.port, 'sender1');
    await (await signUp(bbs.port, 'away1')).end();
    sender.send('M');
    await sender.waitFor('No mail yet');
    await sendMail(sender, 'away1', 'While you were out', 'Hope you are well.');
    await sendMail(sender, 'away1', 'One more', 'And another thing.');
    sender.end();
    const back = await logIn(bbs.port, 'away1');
    await back.waitFor('You have 2 unread messages.');
    expect(back.screen.lines()[0]).toMatch(/2 new mail/);
    back.end();
  });

  it('a new account is told why it cannot send yet, and from when', async () => {
    bbs.haven.services.settings.set(MAIL_SETTINGS.newAccountHours.key, 24);
    try {
      const fresh = await signUp(bbs.port, 'newcomer');
      fresh.send('M');
      await fresh.waitFor('No mail yet');
      fresh.send('C');
      await fresh.waitFor('new members can send mail 24 hours after joining');
      expect(fresh.text()).not.toContain('Write to which member?');
      fresh.end();
    } finally {
      bbs.haven.services.settings.set(MAIL_SETTINGS.newAccountHours.key, 0);
    }
  });

  it('the mailbox and a conversation fit a 40x12 window', async () => {
    const small = await signUp(bbs.port, 'pocket');
    small.resize(40, 12);
    await small.waitFor(/^ Haven - Main menu {1,20}\d+ online/m);
    const big = await signUp(bbs.port, 'desk');
    big.send('M');
    await big.waitFor('No mail yet');
    await sendMail(big, 'pocket', 'A rather long subject line for a small screen', 'Line {bold}one{/bold} of the body.\nLine two of the body.');
    await small.waitFor('New mail from desk');
    small.send('M');
    await small.waitFor(/\* desk\s+A rather/);
    for (const line of small.screen.lines()) expect(line.length).toBeLessThanOrEqual(40);
    small.press('enter');
    await small.waitFor('Line two of the body.');
    // Member text is drawn as typed: braces are not markup.
    expect(small.text()).toContain('Line {bold}one{/bold} of');
    expect(small.screen.lines()[11]).toContain('[R]eply');
    small.end();
    big.end();
  });
});

describe('a long mailbox', () => {
  it('loads the next page when the member moves past the last line', async () => {
    const reader = await signUp(bbs.port, 'popular');
    const { mail, accounts, settings } = bbs.haven.services;
    const writer = await accounts.register({ name: 'prolific', password: 'correct horse', acceptedGuidelines: true });
    settings.set(MAIL_SETTINGS.dailyLimit.key, 0);
    try {
      for (let i = 1; i <= 205; i++) mail.send(writer, { to: 'popular', subject: `Note number ${i}`, body: 'hello' });
    } finally {
      settings.set(MAIL_SETTINGS.dailyLimit.key, MAIL_SETTINGS.dailyLimit.fallback);
    }
    reader.send('M');
    await reader.waitFor('Note number 205');
    reader.send('G'); // vi: to the last line loaded
    await reader.waitFor('Note number 6 ');
    expect(reader.text()).not.toContain('Note number 5 ');
    reader.press('down');
    await reader.waitFor('Note number 5 ');

    // Resources opened during a question leaves the question waiting: back from it, the
    // question still holds the keyboard, and its answer keys still show.
    reader.send('D');
    await reader.waitFor('[Y]es [N]o');
    reader.press('ctrlR');
    await reader.waitFor('IF YOU ARE IN DANGER');
    reader.press('escape');
    await reader.waitFor('Delete "Note number 5" from your mailbox?');
    reader.send('n');
    await reader.waitForGone('[Y]es [N]o');
    await reader.waitFor('Note number 5 ');
    // The next key reaches the mailbox, not a question left behind.
    reader.send('S');
    await reader.waitFor('Nothing sent yet');
    expect(mail.inbox(accounts.findByName('popular')!.id, 1000)).toHaveLength(205);
    reader.end();
  });
});
