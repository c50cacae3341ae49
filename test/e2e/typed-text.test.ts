import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { signUp, type MemberClient } from '../helpers/client.js';
import { enterLobby } from '../helpers/chat.js';
import { KEY } from '../helpers/screen.js';
import { MAIL_SETTINGS } from '../../src/services/mail.js';
import { CHAT_SETTINGS } from '../../src/services/chat.js';
import { displayWidth, graphemes } from '../../src/text/index.js';

// What members type outside the Basic Multilingual Plane, and clusters of several code points.
const SAMPLES = [
  ['crying', '😢'],
  ['moon', '🌙'],
  ['heart', '💙'],
  ['skin tone', '👋🏽'],
  ['flag', '🇬🇧'],
  ['family', '👨‍👩‍👧'],
] as const;

let bbs: TestHaven;
let ada: MemberClient;
let ben: MemberClient;

beforeAll(async () => {
  bbs = await startTestHaven();
  bbs.haven.services.settings.set(MAIL_SETTINGS.newAccountHours.key, 0);
  // Twelve lines in a row are a test, not a flood.
  bbs.haven.services.settings.set(CHAT_SETTINGS.floodLines.key, 100);
  ada = await signUp(bbs.port, 'ada');
  ben = await signUp(bbs.port, 'ben');
});
afterAll(async () => {
  ada?.end();
  ben?.end();
  await bbs.stop();
});

const db = () => bbs.haven.db;

/**
 * What shows of text in a layout on the test's terminal. xterm (like tmux and PuTTY) draws
 * a family or a toned hand as separate pictures, wider than the one picture other terminals
 * draw; the server keeps the columns after a cluster where they belong, which may cover the
 * extra pictures. What stays in view is the cluster's first picture and what follows it.
 */
const inView = (line: string, s: string) => line.includes(String.fromCodePoint(s.codePointAt(0)!)) && line.includes(s.slice(graphemes(s)[0]!.length));

/** Types `text` whole, or in two SSH packets cut inside its first multi-byte character. */
function type(c: MemberClient, text: string, split: boolean): void {
  if (split) c.sendSplit(text);
  else c.send(text);
}

describe('characters outside the Basic Multilingual Plane in one-line fields', () => {
  it('a chat line with emoji, a flag or a family arrives whole for another member, sent whole or split across packets', async () => {
    await enterLobby(ada);
    await enterLobby(ben);
    let n = 0;
    for (const [label, emoji] of SAMPLES) {
      for (const split of [false, true]) {
        // Each line ends in a mark of its own, so the test knows which one it reads.
        const mark = `#${++n}${split ? 's' : 'w'}`;
        const said = `${label} ${emoji} here 你好 ${mark}`;
        type(ada, said, split);
        ada.send(KEY.enter);
        await ben.waitFor(mark, 10_000);
        const row = db().prepare('SELECT body FROM chat_lines WHERE body LIKE ?').get(`% ${mark}`) as { body: string } | undefined;
        expect(row?.body).toBe(said);
        const shown = ben.screen.lines().find((l) => l.includes(mark)) ?? '';
        expect(shown).toContain(`ada: ${label} `);
        expect(inView(shown, `${emoji} here 你好 ${mark}`), shown).toBe(true);
      }
    }
    ada.press('escape');
    ben.press('escape');
    await ada.waitFor('Choose a room');
    await ben.waitFor('Choose a room');
    ada.press('escape');
    ben.press('escape');
    await ada.waitFor('Main menu');
    await ben.waitFor('Main menu');
  });

  it('a chat line holding a broken ESC ] arrives whole, and the next line stays a line of its own', async () => {
    await enterLobby(ada);
    await enterLobby(ben);
    ada.send('look \x1b] here, the rest stays');
    ada.send(KEY.enter);
    await ben.waitFor('ada: look  here, the rest stays');
    ada.line('second line');
    await ben.waitFor('ada: second line');
    expect(ben.screen.lines().filter((l) => l.includes('ada: ')).slice(-2)).toEqual([
      expect.stringContaining('ada: look  here, the rest stays'),
      expect.stringContaining('ada: second line'),
    ]);
    const bodies = db().prepare("SELECT body FROM chat_lines WHERE member_id IS NOT NULL ORDER BY id DESC LIMIT 2").all() as Array<{ body: string }>;
    expect(bodies.map((b) => b.body)).toEqual(['second line', 'look  here, the rest stays']);
    for (const c of [ada, ben]) {
      c.press('escape');
      await c.waitFor('Choose a room');
      c.press('escape');
      await c.waitFor('Main menu');
    }
  });

  it('thread subjects with emoji, a flag or a family are stored and listed as typed, sent whole or split', async () => {
    ada.send('B');
    await ada.waitFor('Introductions');
    ada.send(KEY.down);
    ada.send(KEY.enter);
    await ada.waitFor(/Introductions.*page 1/);
    let n = 0;
    const subjects: string[] = [];
    for (const [label, emoji] of SAMPLES) {
      for (const split of [false, true]) {
        const subject = `${emoji} ${label} t${++n}`;
        subjects.push(subject);
        ada.send('P');
        await ada.waitFor('Subject:');
        type(ada, subject, split);
        await ada.waitFor(`${label} t${n}`);
        ada.press('tab');
        ada.press('tab');
        ada.send(`Body of t${n}.`);
        await ada.waitFor(`Body of t${n}.`);
        ada.press('ctrlS');
        await ada.waitFor(/#1 · ada · /, 10_000);
        const row = db().prepare('SELECT subject FROM posts WHERE body = ?').get(`Body of t${n}.`) as { subject: string } | undefined;
        expect(row?.subject).toBe(subject);
        ada.press('escape');
        await ada.waitFor(/Subject\s+Author/);
      }
    }
    ada.press('escape');
    await ada.waitFor('Announcements');
    ada.press('escape');
    await ada.waitFor('Main menu');

    ben.send('B');
    await ben.waitFor('Introductions');
    ben.send(KEY.down);
    ben.send(KEY.enter);
    await ben.waitFor(/Introductions.*page 1/);
    const authorColumns = new Set<number>();
    for (const subject of subjects) {
      const shown = ben.screen.lines().find((l) => l.includes(subject.slice(subject.indexOf(' ')))) ?? '';
      expect(inView(shown, subject)).toBe(true);
      // Every row keeps its columns: the author where the others have it, the time at the end.
      authorColumns.add(displayWidth(shown.slice(0, shown.indexOf(' ada '))));
      expect(shown).toMatch(/ ada +0 +\d\d:\d\d\s*$/);
    }
    expect(authorColumns.size).toBe(1);
    expect(ben.raw).not.toContain('\x03');
    ben.press('escape');
    await ben.waitFor('Announcements');
    ben.press('escape');
    await ben.waitFor('Main menu');
  });

  it('a subject with invisible characters or stacked marks lists with its author and Last columns intact', async () => {
    const odd = [
      '\u200b', '\u2060', '\u180e', '\u00ad', '\u115f', '\u3164', '\u{e0041}\u{e007f}', '\ufff9\ufffa\ufffb', '\u034f', '\u2800',
      '\u0301'.repeat(80),
      '👨‍👩‍👧',
    ];
    ada.send('B');
    await ada.waitFor('Bereavement');
    ada.send(KEY.down);
    ada.send(KEY.down);
    ada.send(KEY.enter);
    await ada.waitFor(/Bereavement.*page 1/);
    for (const [i, ch] of odd.entries()) {
      ada.send('P');
      await ada.waitFor('Subject:');
      ada.send(`odd${i} a${ch}b end`);
      await ada.waitFor(`odd${i} a`);
      ada.press('tab');
      ada.press('tab');
      ada.send(`Odd body ${i}.`);
      await ada.waitFor(`Odd body ${i}.`);
      ada.press('ctrlS');
      await ada.waitFor(/#1 · ada · /, 10_000);
      ada.press('escape');
      await ada.waitFor(/Subject\s+Author/);
    }
    const stored = db().prepare("SELECT subject FROM posts WHERE subject LIKE 'odd%' ORDER BY id").all() as Array<{ subject: string }>;
    // Invisible characters are gone, a braille blank is a space, marks are at most four.
    expect(stored.slice(0, 9).map((r) => r.subject)).toEqual(Array.from({ length: 9 }, (_, i) => `odd${i} ab end`));
    expect(stored[9]!.subject).toBe('odd9 a b end');
    expect(stored[10]!.subject).toBe(`odd10 ${'a\u0301'.normalize('NFC')}${'\u0301'.repeat(4)}b end`);
    expect(stored[11]!.subject).toBe('odd11 a👨‍👩‍👧b end');
    ada.press('escape');
    await ada.waitFor('Announcements');
    ada.press('escape');
    await ada.waitFor('Main menu');

    const rawBefore = ben.raw.length;
    ben.send('B');
    await ben.waitFor('Bereavement');
    ben.send(KEY.down);
    ben.send(KEY.down);
    ben.send(KEY.enter);
    await ben.waitFor(/Bereavement.*page 1/);
    await ben.waitFor('odd11');
    const authorColumns = new Set<number>();
    for (let i = 0; i < odd.length; i++) {
      const shown = ben.screen.lines().find((l) => l.includes(`odd${i} `)) ?? '';
      expect(shown).toMatch(/ end +ada +0 +\d\d:\d\d\s*$/);
      authorColumns.add(displayWidth(shown.slice(0, shown.indexOf(' ada '))));
    }
    expect(authorColumns.size).toBe(1);
    // Nothing but escape sequences, newlines and text reached the reader's terminal.
    expect(ben.raw.slice(rawBefore)).not.toMatch(/[\x00-\x07\x0e-\x1a\x1c-\x1f]/);
    ben.press('escape');
    await ben.waitFor('Announcements');
    ben.press('escape');
    await ben.waitFor('Main menu');
  });

  it('a mail subject and the recipient question keep emoji typed whole or split', async () => {
    ada.send('M');
    await ada.waitFor('No mail yet');
    let n = 0;
    for (const [label, emoji] of SAMPLES) {
      for (const split of [false, true]) {
        n++;
        // A name with an emoji is no member's, and the refusal quotes it as typed.
        ada.send('C');
        await ada.waitFor('Write to which member?');
        type(ada, `ben${emoji}`, split);
        ada.send(KEY.enter);
        await ada.waitFor(`There is no member called "ben${String.fromCodePoint(emoji.codePointAt(0)!)}`, 10_000);
        await ada.waitFor(/There is no member called "ben.+". Check the spelling/);

        const subject = `${emoji} ${label} m${n}`;
        ada.send('C');
        await ada.waitFor('Write to which member?');
        ada.line('ben');
        await ada.waitFor('Subject:');
        type(ada, subject, split);
        await ada.waitFor(`m${n}`);
        ada.press('tab');
        ada.send(`Letter m${n}.`);
        await ada.waitFor(`Letter m${n}.`);
        ada.press('ctrlS');
        await ada.waitFor('Sent to ben.', 10_000);
        const row = db().prepare('SELECT subject FROM mail WHERE body = ?').get(`Letter m${n}.`) as { subject: string } | undefined;
        expect(row?.subject).toBe(subject);
      }
    }
    ben.send('M');
    await ben.waitFor(`m${n}`, 10_000);
    for (const [label, emoji] of SAMPLES) {
      const shown = ben.screen.lines().filter((l) => inView(l, `${emoji} ${label} m`));
      expect(shown).toHaveLength(2);
    }
  });

  it('a paste too big to take is reported with all it lost, not only its last packet', async () => {
    ada.press('escape');
    await ada.waitFor('Main menu');
    ada.send('S');
    await ada.waitFor('Time zone');
    ada.send('T');
    await ada.waitFor('Your time zone');
    // About 300,000 characters, as a terminal sends a paste: one packet after another.
    for (let i = 0; i < 10; i++) ada.send('x'.repeat(30_000));
    await ada.waitFor(/too much at once: [\d,]+ characters/, 45_000);
    const told = () => Number(/too much at once: ([\d,]+) characters/.exec(ada.text())?.[1]?.replace(/,/g, ''));
    // Most of it was cut (the gate lets a few kilobytes through), far more than one packet
    // holds (32 KB), and the message counts all of it.
    for (const deadline = Date.now() + 45_000; !(told() > 200_000) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
    expect(told()).toBeGreaterThan(200_000);
    ada.press('escape');
  });
});

