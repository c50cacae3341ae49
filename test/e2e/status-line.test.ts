import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { MemberClient, answerTimeZone, signUp, skipTimeZone } from '../helpers/client.js';
import { KEY } from '../helpers/screen.js';
import { MAIL_SETTINGS } from '../../src/services/mail.js';

let bbs: TestHaven;

beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

/** The screen as one run of words: a message wrapped over several lines reads as it was written. */
const flat = (c: MemberClient) => c.screen.lines().map((l) => l.trim()).join(' ').replace(/\s+/g, ' ');

/** Waits until the whole of `message` can be read on the screen, wrapped or not. */
async function waitForWhole(c: MemberClient, message: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!flat(c).includes(message)) {
    if (Date.now() > deadline) throw new Error(`"${message}" was not shown whole. The screen shows:\n${c.text()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function waitUntil(ok: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** No line of the screen is wider than the window. */
function fitsWidth(c: MemberClient, cols: number): void {
  for (const line of c.screen.lines()) expect(line.length).toBeLessThanOrEqual(cols);
}

const SIZES = [
  { cols: 80, rows: 24 },
  { cols: 40, rows: 12 },
] as const;

describe('a status message is read whole at every width', () => {
  for (const { cols, rows } of SIZES) {
    it(`a new member reads the whole mail wait, with when sending opens, at ${cols}x${rows}`, async () => {
      const { settings, accounts, mail } = bbs.haven.services;
      settings.set(MAIL_SETTINGS.newAccountHours.key, 24);
      try {
        const fresh = await signUp(bbs.port, `waiting${cols}`, 'correct horse', { cols, rows });
        fresh.send('M');
        await fresh.waitFor('No mail yet', 15_000);
        fresh.send('C');
        const why = mail.whyCannotSend(accounts.findByName(`waiting${cols}`)!)!;
        expect(why).toMatch(/You can send mail from .+, or after/);
        await waitForWhole(fresh, why);
        fitsWidth(fresh, cols);
        // Any key clears it, and the status line is one line again: the footer's row above is free.
        fresh.send('j');
        await waitUntil(() => !flat(fresh).includes('new members can send mail'));
        // The rows the message took over show the body again (blank under an empty mailbox).
        expect(fresh.screen.lines().slice(rows - 7, rows - 1).every((l) => l.trim() === '')).toBe(true);
        fresh.end();
      } finally {
        settings.set(MAIL_SETTINGS.newAccountHours.key, 0);
      }
    });

    it(`a member at the daily mail limit reads when sending is allowed again, at ${cols}x${rows}`, async () => {
      const { settings, accounts, mail } = bbs.haven.services;
      settings.set(MAIL_SETTINGS.newAccountHours.key, 0);
      settings.set(MAIL_SETTINGS.dailyLimit.key, 1);
      try {
        await accounts.register({ name: `friend${cols}`, password: 'correct horse', acceptedGuidelines: true });
        const busy = await signUp(bbs.port, `busy${cols}`, 'correct horse', { cols, rows });
        mail.send(accounts.findByName(`busy${cols}`)!, { to: `friend${cols}`, subject: 'Hello', body: 'A first note.' });
        busy.send('M');
        await busy.waitFor('Your inbox is empty', 15_000);
        busy.send('C');
        const why = mail.whyCannotSend(accounts.findByName(`busy${cols}`)!)!;
        expect(why).toMatch(/You can send again from .+\.$/);
        await waitForWhole(busy, why);
        fitsWidth(busy, cols);
        busy.end();
      } finally {
        settings.set(MAIL_SETTINGS.dailyLimit.key, MAIL_SETTINGS.dailyLimit.fallback);
      }
    });
  }

  it('a newcomer who declines the guidelines reads the whole refusal at 80x24', async () => {
    const c = await MemberClient.connect({ port: bbs.port, username: 'decliner', cols: 80, rows: 24 });
    await c.waitFor('Choose a name', 15_000);
    c.send(KEY.enter);
    await c.waitFor('Choose a password', 15_000);
    c.line('correct horse');
    await c.waitFor('Type the password again', 15_000);
    c.line('correct horse');
    await skipTimeZone(c, 15_000);
    await c.waitFor('Do you accept the guidelines', 15_000);
    c.send('n');
    await waitForWhole(c, 'Joining needs the guidelines accepted. Press Y when you are ready, or Esc to go back.');
    fitsWidth(c, 80);
    c.end();
  });

  it('a newcomer choosing a name with a space reads the whole refusal at 40x12', async () => {
    const c = await MemberClient.connect({ port: bbs.port, username: 'spacey', cols: 40, rows: 12 });
    await c.waitFor('Choose a name', 15_000);
    c.send('\x15'); // Ctrl-U empties the suggested name
    c.line('two words');
    await waitForWhole(c, 'A name uses letters, digits and _ - . only, and starts with a letter or digit.');
    fitsWidth(c, 40);
    c.end();
  });

  it('in Settings at 40x12, the time-zone error and the log-in key message are read whole', async () => {
    const c = await signUp(bbs.port, 'settler', 'correct horse', { cols: 40, rows: 12 });
    c.send('S');
    await c.waitFor('Time zone', 15_000);
    await answerTimeZone(c, 'Middle/Earth');
    await waitForWhole(c, '"Middle/Earth" is not a time zone I know. Try a name like Europe/London or America/Chicago.');
    fitsWidth(c, 40);
    c.send('j');
    await waitUntil(() => !flat(c).includes('Middle/Earth'));
    c.send('K');
    await c.waitFor('Keys that log you in', 15_000);
    c.send('A');
    await waitForWhole(c, 'Your ssh client offered no key on this connection. Log off, connect with: ssh -i ~/.ssh/id_ed25519 -p ');
    await waitForWhole(c, 'settler@127.0.0.1 (no key yet? ssh-keygen -t ed25519 makes one), type your password as usual, then come back here and press A.');
    fitsWidth(c, 40);
    c.end();
  });
});
