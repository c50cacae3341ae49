import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { logIn, signUp, type MemberClient } from '../helpers/client.js';
import { KEY } from '../helpers/screen.js';

// What a member on a slow link pays for each common step, in bytes on the wire (the channel's
// data, before SSH's own framing). Bytes are deterministic, so these are budgets, not timings.
let bbs: TestHaven;
const SUBJECT = 'Thread number 4';
beforeAll(async () => {
  bbs = await startTestHaven();
  const { services } = bbs.haven;
  const author = await services.accounts.register({ name: 'writer', password: 'correct horse', acceptedGuidelines: true });
  const board = services.boards.list(author).find((b) => b.name === 'Introductions')!;
  // Lines unlike their neighbours, as a real post's are: a scroll changes every cell of them.
  const words = ['the', 'week', 'went', 'slowly', 'and', 'what', 'helped', 'most', 'was', 'talking', 'here', 'each', 'evening'];
  const body = Array.from({ length: 60 }, (_, i) => `Line ${i + 1}: ${Array.from({ length: 3 + (i % 7) }, (_, k) => words[(i * 5 + k * 3) % words.length]).join(' ')}.`).join('\n');
  for (let i = 0; i <= 4; i++) services.boards.posts.startThread(author, board.id, { subject: `Thread number ${i}`, body });
});
afterAll(async () => {
  await bbs.stop();
});

/** The bytes `press` causes, once the screen has settled before and after. */
async function bytesOf(c: MemberClient, press: () => void): Promise<string> {
  await c.screen.settled();
  const before = c.raw.length;
  press();
  await c.screen.settled();
  return c.raw.slice(before);
}

describe('bytes on the wire at 80x24', () => {
  let c: MemberClient;
  it('the main menu paints in 1,600 bytes or fewer after log-in', async () => {
    (await signUp(bbs.port, 'reader')).end();
    c = await logIn(bbs.port, 'reader');
    await c.screen.settled();
    expect(c.raw.length).toBeLessThanOrEqual(1600);
  });

  it('moving the selection rewrites two labels: 56 bytes or fewer in the main menu', async () => {
    const sent = await bytesOf(c, () => c.send(KEY.down));
    expect(c.screen.highlightedLines().some((l) => l.includes('[N] New posts'))).toBe(true);
    expect(sent.length).toBeLessThanOrEqual(56);
  });

  it('in the board list, the bar moves in 56 bytes or fewer, besides the chosen board\'s description', async () => {
    c.send('B');
    await c.waitFor('Announcements');
    const sent = await bytesOf(c, () => c.send(KEY.down));
    const description = sent.slice(sent.indexOf('\x1b[22;'));
    expect(description).toMatch(/Say hello/);
    expect(sent.length - description.length).toBeLessThanOrEqual(56);
  });

  it('in a thread list, the bar moves by rewriting the two subjects and little else', async () => {
    c.send(KEY.enter);
    await c.waitFor(SUBJECT);
    const sent = await bytesOf(c, () => c.send(KEY.down));
    expect(c.screen.highlightedLines().some((l) => l.includes('Thread number 3'))).toBe(true);
    expect(sent.length).toBeLessThanOrEqual(2 * SUBJECT.length + 32);
  });

  it('a thread scrolls by one line in 200 bytes or fewer, and a page sends about the new text only', async () => {
    c.send(KEY.enter);
    await c.waitFor('Line 3:');
    const line = await bytesOf(c, () => c.send(KEY.down));
    expect(line.length).toBeLessThanOrEqual(200);
    const page = await bytesOf(c, () => c.send(KEY.pageDown));
    // The page's characters, plus a cursor move (up to 8 bytes) per row and a few changes of colour.
    const rows = c.screen.text().split('\n').slice(2, 22).map((l) => l.trimEnd());
    const characters = rows.reduce((n, l) => n + l.trim().length, 0);
    expect(page.length).toBeLessThanOrEqual(characters + rows.length * 8 + 60);
    // And what the member sees is what a full repaint would show.
    const seen = c.screen.cells();
    expect(await c.repainted()).toEqual(seen);
  });
});

describe('the handshake', () => {
  it("the server's key-exchange offer (KEXINIT) takes 430 bytes or fewer: one host key type, curve25519, five ciphers, one MAC", async () => {
    const socket = connect(bbs.port, '127.0.0.1');
    socket.write('SSH-2.0-probe\r\n');
    let received = Buffer.alloc(0);
    const packet = await new Promise<Buffer>((resolve, reject) => {
      socket.on('error', reject);
      socket.on('data', (d: Buffer) => {
        received = Buffer.concat([received, d]);
        const end = received.indexOf('\r\n');
        if (end < 0 || received.length < end + 6) return;
        const rest = received.subarray(end + 2);
        const length = rest.readUInt32BE(0);
        if (rest.length >= length + 4) resolve(rest.subarray(0, length + 4));
      });
    });
    socket.destroy();
    expect(packet[4 + 1]).toBe(20); // SSH_MSG_KEXINIT
    expect(packet.length).toBeLessThanOrEqual(430);
  });
});
