import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulletinAddCommand } from '../../src/cli/sysop-bulletins.js';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { MemberClient, logIn, signUp } from '../helpers/client.js';
import { captureOutput } from '../helpers/output.js';

// 60 columns of art in red, with escapes a banner file must never pass on: clearing the
// screen, moving the cursor, and setting the window's title.
const ART_LINE = '\x1b[1;31m' + '#'.repeat(20) + ' HARBOUR ART ' + '#'.repeat(27) + '\x1b[0m';
const ART = `\x1b[2J\x1b[H\x1b]0;pwned\x07${ART_LINE}\r\n\x1b[31m${' '.repeat(20)}the art's second line\x1b[0m\r\n\x1a SAUCE00 metadata`;
const TEXT = 'Welcome to the Harbour, a plain banner.';
// A colour on the wire: SGR with a foreground or background of the palette.
const COLOUR = /\x1b\[[0-9;]*(?:3[0-7]|4[0-7]|9[0-7]|38;5;\d+)m/;

let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

describe('the welcome banner', () => {
  beforeAll(() => {
    writeFileSync(join(bbs.dataDir, 'banner.ans'), ART);
    writeFileSync(join(bbs.dataDir, 'banner.txt'), TEXT + '\n');
  });
  afterAll(() => {
    rmSync(join(bbs.dataDir, 'banner.ans'));
    rmSync(join(bbs.dataDir, 'banner.txt'));
  });

  it('at 80×24 a newcomer sees the ANSI art in colour, and no other escape from the file, before sign-up', async () => {
    const client = await MemberClient.connect({ port: bbs.port, username: 'newcomer80', cols: 80, rows: 24 });
    await client.waitFor('HARBOUR ART');
    await client.waitFor('Press any key');
    expect(client.text()).toContain("the art's second line");
    expect(client.text()).not.toContain(TEXT);
    expect(client.text()).not.toContain('SAUCE');
    expect(client.raw).toMatch(COLOUR);
    expect(client.raw).not.toContain('pwned');
    client.send('x');
    await client.waitFor('Choose a name');
    client.end();
  });

  it('at 40×12 the art does not fit and the plain banner is shown instead', async () => {
    const client = await MemberClient.connect({ port: bbs.port, username: 'newcomer40', cols: 40, rows: 12 });
    await client.waitFor('Harbour, a plain');
    await client.waitFor('Press any key');
    expect(client.text()).not.toContain('HARBOUR ART');
    client.send(' ');
    await client.waitFor('Choose a name');
    client.end();
  });

  it('on a vt100 the plain banner is shown with no colour at all', async () => {
    const client = await MemberClient.connect({ port: bbs.port, username: 'newcomervt', cols: 80, rows: 24, term: 'vt100' });
    await client.waitFor('Harbour, a plain');
    await client.waitFor('Press any key');
    expect(client.text()).not.toContain('HARBOUR ART');
    expect(client.raw).not.toMatch(COLOUR);
    client.send('x');
    await client.waitFor('Choose a name');
    client.end();
  });
});

describe('bulletins', () => {
  it('a bulletin is shown once after log-in, then stays in the list, where one the console adds appears at once', async () => {
    (await signUp(bbs.port, 'reader')).end();
    bbs.haven.services.bulletins.add('console', { title: 'Server move on Sunday', body: 'Haven is down for an hour at 9 UTC.' });

    const first = await MemberClient.connect({ port: bbs.port, username: 'reader', password: 'correct horse' });
    await first.waitFor('Server move on Sunday');
    await first.waitFor('Press Enter to go on');
    first.send('\r');
    await first.waitFor('Main menu');
    first.end();

    // logIn waits for the main menu: a bulletin shown again would hold it back.
    const again = await logIn(bbs.port, 'reader');
    expect(again.text()).not.toContain('Server move on Sunday');
    again.send('U');
    await again.waitFor('Server move on Sunday');
    expect(again.text()).not.toContain('* NEW');

    const printed = captureOutput();
    expect(bulletinAddCommand({ dataDir: bbs.dataDir, out: printed.out, title: 'New meeting room', text: 'Thursdays at 7.' })).toBe(0);
    await again.waitFor('* NEW New meeting room', 20_000);
    again.end();
  });
});
