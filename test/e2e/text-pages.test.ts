import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { MemberClient, logIn, skipTimeZone } from '../helpers/client.js';
import { KEY } from '../helpers/screen.js';
import { DEFAULT_TEXTS } from '../../src/services/texts.js';
import { MAIL_SETTINGS } from '../../src/services/mail.js';

let bbs: TestHaven;

beforeAll(async () => {
  bbs = await startTestHaven({ bbsName: 'Quiet Harbour' });
  await bbs.haven.services.accounts.register({ name: 'helpreader', password: 'correct horse', acceptedGuidelines: true });
});
afterAll(async () => {
  await bbs.stop();
});

const WAIT = 15_000;

/** The screen as one run of words. */
const flat = (c: MemberClient) => c.screen.lines().map((l) => l.trim()).join(' ').replace(/\s+/g, ' ');

async function waitUntil(c: MemberClient, ok: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. The screen shows:\n${c.text()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The body rows of the screen (between header and the status line above the footer). */
const bodyLines = (c: MemberClient) => c.screen.lines().slice(1, -2);

/** Every word on the body rows is a whole word of `source`: nothing is parted from its punctuation. */
function wordsAreWhole(c: MemberClient, source: string): void {
  const words = new Set(source.split(/\s+/));
  for (const line of bodyLines(c)) {
    for (const word of line.trim().split(/\s+/).filter(Boolean)) {
      expect(words.has(word), `"${word}" in the line "${line}" is not a word of the text`).toBe(true);
    }
  }
}

/** In the paragraph starting with `start`, no line could have taken the next line's first word: nothing is pre-wrapped. */
function flowsAsOneParagraph(c: MemberClient, start: string, cols: number): void {
  const lines = bodyLines(c).map((l) => l.trim());
  const first = lines.findIndex((l) => l.startsWith(start));
  expect(first, `no line starts with "${start}"`).toBeGreaterThanOrEqual(0);
  const para: string[] = [];
  for (let i = first; i < lines.length && lines[i] !== ''; i++) para.push(lines[i]!);
  expect(para.length).toBeGreaterThan(1);
  for (let i = 0; i + 1 < para.length; i++) {
    const nextWord = para[i + 1]!.split(' ')[0]!;
    // One column of padding each side of the page.
    expect(para[i]!.length + 1 + nextWord.length, `"${para[i]}" stops short before "${nextWord}"`).toBeGreaterThan(cols - 2);
  }
}

describe('long texts page at every size', () => {
  it('at 40x12 a newcomer pages the guidelines to the end and back, and accepts them', async () => {
    const c = await MemberClient.connect({ port: bbs.port, username: 'pocketjoin', cols: 40, rows: 12 });
    await c.waitFor('Choose a name', WAIT);
    c.send(KEY.enter);
    await c.waitFor('Choose a password', WAIT);
    c.line('correct horse');
    await c.waitFor('Type the password again', WAIT);
    c.line('correct horse');
    await skipTimeZone(c, WAIT);
    await c.waitFor('Do you accept the guidelines', WAIT);
    // The keys that page are in view, and so is the question.
    await c.waitFor('Space/b: page', WAIT);
    expect(flat(c)).not.toContain('Press Y to accept');

    // Space and PgDn page down until the last line of the text is in view.
    const end = () => flat(c).includes('Press Y to accept, N to decline.');
    for (let i = 0; i < 20 && !end(); i++) {
      const before = c.text();
      c.send(i % 2 ? KEY.pageDown : ' ');
      await waitUntil(c, () => c.text() !== before, 'the page to move');
    }
    expect(end()).toBe(true);
    expect(c.text()).toContain('Do you accept the guidelines');
    expect(c.text()).toContain('Space/b: page');

    c.send(KEY.home);
    await c.waitFor('COMMUNITY GUIDELINES', WAIT);
    c.send(KEY.end);
    await waitUntil(c, end, 'End to reach the last line');
    c.send('b');
    await waitUntil(c, () => !end(), 'b to page up');
    for (let i = 0; i < 20 && !c.text().includes('COMMUNITY GUIDELINES'); i++) {
      const before = c.text();
      c.send(KEY.pageUp);
      await waitUntil(c, () => c.text() !== before, 'PgUp to move the page');
    }
    expect(c.text()).toContain('COMMUNITY GUIDELINES');
    for (const line of c.screen.lines()) expect(line.length).toBeLessThanOrEqual(40);

    c.send('y');
    await c.waitFor('Main menu', WAIT);
    expect(bbs.haven.services.accounts.findByName('pocketjoin')).toBeDefined();
    c.end();
  });

  it('at 40x12 Help pages down to its end and back to its top, with its hint in view', async () => {
    const c = await logIn(bbs.port, 'helpreader', 'correct horse', { cols: 40, rows: 12 });
    c.send('?');
    await c.waitFor('MOVING AROUND', WAIT);
    expect(c.screen.lines()[11]).toContain('[Space] More');
    const end = () => flat(c).includes('anyone else.');
    for (let i = 0; i < 40 && !end(); i++) {
      const before = c.text();
      c.send(i % 2 ? KEY.pageDown : ' ');
      await waitUntil(c, () => c.text() !== before, 'the page to move');
    }
    expect(end()).toBe(true);
    c.send(KEY.home);
    await c.waitFor('MOVING AROUND', WAIT);
    c.send(KEY.end);
    await waitUntil(c, end, 'End to reach the last line');
    expect(c.screen.lines()[11]).toContain('[Space] More');
    c.end();
  });
});

describe('texts are wrapped to the window', () => {
  it('Help flows to the width of the window, at 80 and at 120 columns', async () => {
    for (const cols of [80, 120]) {
      const c = await logIn(bbs.port, 'helpreader', 'correct horse', { cols, rows: 40 });
      c.send('?');
      await c.waitFor('MOVING AROUND', WAIT);
      flowsAsOneParagraph(c, 'In a thread:', cols);
      flowsAsOneParagraph(c, 'C opens the chat rooms', cols);
      for (const line of c.screen.lines()) expect(line.length).toBeLessThanOrEqual(cols);
      c.end();
    }
  });

  it('the crisis page keeps every word whole with its punctuation, and shows no note meant for the sysop', async () => {
    writeFileSync(
      join(bbs.dataDir, 'resources.txt'),
      '# Sysop: check these numbers every spring.\n' +
        DEFAULT_TEXTS.resources +
        '\n# Remember to add the county line (sysop only).\n',
    );
    // The page is resources.txt and, under it, disclaimer.txt.
    const shown = `${DEFAULT_TEXTS.resources}\n${DEFAULT_TEXTS.disclaimer}`.split('\n').filter((l) => !l.startsWith('#')).join('\n');
    // Tall enough for the lines of every region and the disclaimer under them on one page.
    for (const [cols, rows] of [
      [80, 60],
      [40, 110],
      [57, 80],
    ] as const) {
      const c = await logIn(bbs.port, 'helpreader', 'correct horse', { cols, rows });
      c.press('ctrlR');
      await c.waitFor('IF YOU ARE IN DANGER', WAIT);
      await waitUntil(c, () => flat(c).includes('one of the lines above.'), 'the end of the disclaimer');
      wordsAreWhole(c, shown);
      expect(c.text()).not.toMatch(/Sysop|sysop|county|#|resources\.txt|data directory/);
      c.end();
    }
  });

  it('the whole welcome.txt greets a member on the main menu, not only its first line', async () => {
    writeFileSync(
      join(bbs.dataDir, 'welcome.txt'),
      'Welcome aboard.\nThe kettle is on: take your time.\n\nMeetings run on Tuesdays and Fridays, and the Lobby is open around the clock for anyone who needs company.\n',
    );
    for (const [cols, rows] of [
      [80, 24],
      [40, 24],
    ] as const) {
      const c = await logIn(bbs.port, 'helpreader', 'correct horse', { cols, rows });
      await c.waitFor('Welcome, helpreader', WAIT);
      await waitUntil(c, () => flat(c).includes('The kettle is on: take your time.'), 'the second line');
      expect(flat(c)).toContain('Meetings run on Tuesdays and Fridays, and the Lobby is open around the clock for anyone who needs company.');
      expect(c.text()).toContain('[B] Boards');
      c.end();
    }
  });
});

describe('--name is the name members see', () => {
  it('sign-up, the main menu, Help and the mail refusal speak of the BBS by its name', async () => {
    const c = await MemberClient.connect({ port: bbs.port, username: 'namecheck', cols: 100, rows: 30 });
    await c.waitFor('Welcome to Quiet Harbour.', WAIT);
    await waitUntil(c, () => flat(c).includes('Quiet Harbour asks for no e-mail'), 'the introduction');
    expect(c.text()).not.toContain('Haven');
    c.send(KEY.enter);
    await c.waitFor('Choose a password', WAIT);
    // The hint names the port members connect on.
    await c.waitFor(`ssh -p ${bbs.port} namecheck@127.0.0.1`, WAIT);
    c.line('correct horse');
    await c.waitFor('Type the password again', WAIT);
    c.line('correct horse');
    await skipTimeZone(c, WAIT);
    await c.waitFor('Do you accept the guidelines', WAIT);
    c.send('y');
    await c.waitFor('Main menu', WAIT);
    expect(c.text()).toContain('Keys and how Quiet Harbour works');
    c.send('?');
    await c.waitFor('MOVING AROUND', WAIT);
    c.send(KEY.end);
    await c.waitFor('Quiet Harbour never asks for your e-mail', WAIT);
    expect(c.text()).not.toContain('Haven');

    const { settings, mail, accounts } = bbs.haven.services;
    settings.set(MAIL_SETTINGS.newAccountHours.key, 24);
    try {
      expect(mail.whyCannotSend(accounts.findByName('namecheck')!)).toMatch(/^To keep Quiet Harbour free of spam/);
    } finally {
      settings.set(MAIL_SETTINGS.newAccountHours.key, MAIL_SETTINGS.newAccountHours.fallback);
    }
    c.end();
  });

  it('the password prompt and the message to a client without a terminal name the BBS', async () => {
    const conn = new ssh2.Client();
    let promptTitle = '';
    conn.on('keyboard-interactive', (name, _instructions, _lang, _prompts, finish) => {
      promptTitle = name;
      finish(['correct horse']);
    });
    await new Promise<void>((resolve, reject) => {
      conn.once('ready', () => resolve());
      conn.once('error', reject);
      conn.connect({ host: '127.0.0.1', port: bbs.port, username: 'helpreader', tryKeyboard: true, readyTimeout: WAIT });
    });
    expect(promptTitle).toBe('Quiet Harbour');
    const said = await new Promise<string>((resolve, reject) => {
      conn.exec('ls', (err, channel) => {
        if (err) return reject(err);
        let out = '';
        channel.on('data', (d: Buffer) => (out += d.toString('utf8')));
        channel.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
        channel.on('close', () => resolve(out));
      });
    });
    expect(said).toContain('Quiet Harbour is a text-mode BBS');
    conn.end();
  });
});
