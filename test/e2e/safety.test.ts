import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIL_SETTINGS } from '../../src/services/mail.js';
import { DEFAULT_TEXTS } from '../../src/services/texts.js';
import { createLogger } from '../../src/log.js';
import { openBoard } from '../helpers/boards.js';
import { enterLobby } from '../helpers/chat.js';
import { MemberClient, logIn, signUp } from '../helpers/client.js';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';

let bbs: TestHaven;
const logLines: string[] = [];
beforeAll(async () => {
  bbs = await startTestHaven({ log: createLogger('debug', (line) => logLines.push(line)) });
  // Mail from new members waits for posts they have written; not what these journeys are about.
  bbs.haven.services.settings.set(MAIL_SETTINGS.newAccountPosts.key, 0);
});
afterAll(async () => {
  await bbs.stop();
});

const PROMPT = 'Are you all right?';
const PHONE = { cols: 40, rows: 12 };
const atRiskReports = () =>
  bbs.haven.db.prepare("SELECT kind, reporter_id, copy_text FROM reports WHERE category = 'at-risk'").all() as Array<{ kind: string; reporter_id: number; copy_text: string }>;

/** Connects and waits for the first screen after log-in, whatever it is. */
async function connect(name: string, size = PHONE): Promise<MemberClient> {
  return MemberClient.connect({ port: bbs.port, username: name, password: 'correct horse', ...size });
}

describe('the crisis prompt: gentle, never a block', () => {
  it('on a post: the resources first; going back keeps the text; sending anyway posts it', async () => {
    const c = await signUp(bbs.port, 'wren');
    await openBoard(c, 'Introductions', 1);
    c.send('P');
    await c.waitFor('Subject:');
    c.send('A hard week');
    c.press('tab');
    c.press('tab');
    c.send('Some days I just want to die.');
    c.press('ctrlS');
    await c.waitFor(PROMPT);
    await c.waitFor('IF YOU ARE IN DANGER');
    c.send('e');
    await c.waitFor('Some days I just want to die.');
    expect(c.text()).toContain('A hard week');
    // Offered once for a draft: the member already saw the resources.
    c.press('ctrlS');
    await c.waitFor(/#1 · wren · /);

    c.send('R');
    await c.waitFor('Ctrl-S sends');
    c.send('Thank you all. I still think about ending my life sometimes.');
    c.press('ctrlS');
    await c.waitFor(PROMPT);
    c.send('s');
    await c.waitFor(/#2 · wren · /);
    c.end();

    // Quoted words are someone else's: a reply quoting them goes out without the prompt.
    const tern = await signUp(bbs.port, 'tern');
    await openBoard(tern, 'Introductions', 1);
    await tern.waitFor('A hard week');
    tern.press('enter');
    await tern.waitFor(/#1 · wren · /);
    tern.send('q');
    await tern.waitFor('> Some days I just want to die.');
    tern.send('We are here for you, wren.');
    tern.press('ctrlS');
    await tern.waitFor(/#3 · tern · /);
    expect(tern.text()).not.toContain(PROMPT);
    expect(atRiskReports()).toEqual([]);
    tern.end();
  });

  it('on a letter: telling a moderator files an at-risk report without the draft, and the text waits to be sent', async () => {
    await (await signUp(bbs.port, 'robin')).end();
    const c = await signUp(bbs.port, 'finch');
    c.send('M');
    await c.waitFor('No mail yet');
    c.send('C');
    await c.waitFor('Write to which member?');
    c.line('robin');
    await c.waitFor('Subject:');
    c.send('Tonight');
    c.press('tab');
    c.send('I feel like there is no reason to live.');
    c.press('ctrlS');
    await c.waitFor(PROMPT);
    c.send('t');
    await c.waitFor('A moderator has been told');
    await c.waitFor('I feel like there is no reason to live.');
    const finch = bbs.haven.services.accounts.findByName('finch')!;
    expect(atRiskReports()).toEqual([{ kind: 'mail', reporter_id: finch.id, copy_text: '' }]);
    c.press('ctrlS');
    await c.waitFor('Sent to robin.');

    c.send('C');
    await c.waitFor('Write to which member?');
    c.line('robin');
    await c.waitFor('Subject:');
    c.send('Again');
    c.press('tab');
    c.send('Quiero morir.');
    c.press('ctrlS');
    await c.waitFor(PROMPT);
    c.send('s');
    await c.waitFor('Sent to robin.');
    expect(atRiskReports()).toHaveLength(1);
    c.end();
  });

  it('on a chat line at 40x12: back to the text, then sent; and sending anyway on another visit', async () => {
    await (await signUp(bbs.port, 'heron')).end();
    const c = await connect('heron');
    await c.waitFor('Main menu');
    await enterLobby(c);
    c.line('honestly I want to kill myself');
    await c.waitFor(PROMPT);
    await c.waitFor('[T] Tell a moderator');
    c.send('e');
    await c.waitFor(/> honestly I want to kill myself/);
    c.press('enter');
    await c.waitFor(/heron: honestly I want to kill/);

    c.press('escape');
    await c.waitFor('Choose a room');
    c.press('enter');
    await c.waitFor(/Lobby . \d+ here:/);
    c.line('je veux mourir');
    await c.waitFor(PROMPT);
    c.send('s');
    await c.waitFor('heron: je veux mourir');
    expect(atRiskReports()).toHaveLength(1);
    c.end();
  });

  it('what was typed is never written to the log', () => {
    const log = logLines.join('\n');
    for (const words of ['want to die', 'no reason to live', 'kill myself', 'mourir', 'ending my life']) expect(log).not.toContain(words);
  });
});

describe('muting', () => {
  it('a post with a muted word folds until opened', async () => {
    const poster = await signUp(bbs.port, 'lark');
    await openBoard(poster, 'Bereavement', 2);
    poster.send('P');
    await poster.waitFor('Subject:');
    poster.send('Six months on');
    poster.press('tab');
    poster.press('tab');
    poster.send('The funeral was the hardest day.');
    poster.press('ctrlS');
    await poster.waitFor(/#1 · lark · /);
    poster.end();

    const c = await signUp(bbs.port, 'plover');
    c.send('S');
    await c.waitFor('Muted words');
    c.send('W');
    await c.waitFor('(no muted words)');
    c.send('A');
    await c.waitFor('Mute which word or phrase?');
    c.line('Funeral');
    await c.waitFor('"Funeral" is muted.');
    c.press('escape');
    await c.waitFor(/Muted words\s+1/);
    c.press('escape');
    await c.waitFor('Main menu');
    await openBoard(c, 'Bereavement', 2);
    await c.waitFor('Six months on');
    c.press('enter');
    await c.waitFor('Folded: contains a word you muted');
    expect(c.text()).not.toContain('hardest day');
    c.send('o');
    await c.waitFor('The funeral was the hardest day.');
    c.end();
  });

  it('a chat line with a muted word folds: who said it shows, not the words', async () => {
    const reader = await logIn(bbs.port, 'plover');
    const talker = await logIn(bbs.port, 'lark');
    await enterLobby(reader);
    await enterLobby(talker);
    talker.line('The funeral is on Friday.');
    await talker.waitFor('lark: The funeral is on Friday.');
    talker.line('Thank you for listening.');
    await reader.waitFor('lark: Thank you for listening.');
    expect(reader.text()).toContain('lark: (folded: contains a word you muted)');
    expect(reader.text()).not.toContain('Friday');
    reader.end();
    talker.end();
  });

  it('a muted board is left out of New posts and its unread count is not shown', async () => {
    const c = await signUp(bbs.port, 'swift');
    // wren posted in Introductions and lark in Bereavement: both unread for swift.
    c.send('S');
    await c.waitFor('Muted boards');
    c.send('B');
    await c.waitFor('[ ] Introductions');
    c.press('down');
    c.press('enter');
    await c.waitFor('[x] Introductions');
    c.press('down');
    c.press('enter');
    await c.waitFor('[x] Bereavement');
    c.press('escape');
    c.press('escape');
    await c.waitFor('Main menu');
    c.send('N');
    await c.waitFor('No unread posts left');
    c.send('B');
    await c.waitFor(/Introductions .*muted/);
    expect(c.text()).toMatch(/Bereavement & loss .*muted/);
    c.press('escape');
    await c.waitFor('Main menu');
    c.send('S');
    await c.waitFor('Muted boards');
    c.send('B');
    await c.waitFor('[x] Introductions');
    c.press('down');
    c.press('enter');
    await c.waitFor('[ ] Introductions');
    c.press('escape');
    c.press('escape');
    await c.waitFor('Main menu');
    c.send('N');
    await c.waitFor(/#1 · wren · /);
    c.end();
  });
});

describe('taking a break', () => {
  it('log-in reminds the member kindly and asks once more; they can come in, or end the break', async () => {
    const c = await signUp(bbs.port, 'egret', 'correct horse', PHONE);
    c.send('S');
    await c.waitFor('Choose a setting');
    c.send('R');
    await c.waitFor('A break of 1 day');
    c.press('down');
    c.press('enter');
    await c.waitFor('Log off now?');
    c.send('y');
    await c.closed;

    const again = await connect('egret');
    await again.waitFor('You are taking a break');
    await again.waitFor('Come in anyway? [Y/E/N]');
    again.send('y');
    await again.waitFor('Main menu');
    again.end();

    const third = await connect('egret');
    await third.waitFor('Come in anyway?');
    third.send('e');
    await third.waitFor('Main menu');
    third.end();

    const fourth = await connect('egret');
    await fourth.waitFor('Main menu');
    expect(fourth.text()).not.toContain('taking a break');
    fourth.end();
  });
});

describe('changed guidelines', () => {
  it('every member sees what changed at their next log-in and accepts it before going on, once', async () => {
    await (await signUp(bbs.port, 'kestrel')).end();
    const kestrel = bbs.haven.services.accounts.findByName('kestrel')!;
    bbs.haven.services.safety.startBreak(kestrel.id, 3);
    writeFileSync(
      join(bbs.dataDir, 'guidelines.txt'),
      DEFAULT_TEXTS.guidelines.replace('6. No selling, recruiting or preaching.\n', '') + '\n8. Be gentle with yourself too.\n',
    );
    // A break is recalled first; coming in leads on to what changed.
    const c = await connect('kestrel');
    await c.waitFor('Come in anyway?');
    c.send('e');
    await c.waitFor('What changed');
    await c.waitFor('Do you accept the changes? [Y/N]');
    let seen = c.text();
    for (let i = 0; i < 10 && !(seen.includes('+ 8. Be gentle') && seen.includes('- 6. No selling')); i++) {
      c.send(' ');
      await new Promise((r) => setTimeout(r, 100));
      seen += c.text();
    }
    expect(seen).toContain('+ 8. Be gentle');
    expect(seen).toContain('- 6. No selling');
    c.send('y');
    await c.waitFor('Main menu');
    c.end();
    const accepted = bbs.haven.services.textVersions.accepted(kestrel.id, 'guidelines');
    expect(accepted?.text).toContain('8. Be gentle with yourself too.');

    const next = await connect('kestrel');
    await next.waitFor('Main menu');
    expect(next.text()).not.toContain('What changed');
    next.end();
  });
});
