import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { logIn, signUp, type MemberClient } from '../helpers/client.js';
import { enterLobby } from '../helpers/chat.js';
import { KEY } from '../helpers/screen.js';
import { CHAT_SETTINGS } from '../../src/services/chat.js';
import type { Member } from '../../src/services/accounts.js';

// Cut text, counts and content warnings as members read them at 80, at 40 columns, and on a
// terminal without Unicode.
let bbs: TestHaven;
let writer: Member;
let boardId: number;
const LONG = 'A very long subject about the first winter after the funeral, and what helped me through it';

beforeAll(async () => {
  bbs = await startTestHaven();
  writer = await bbs.haven.services.accounts.register({ name: 'wren', password: 'correct horse', acceptedGuidelines: true });
  boardId = bbs.haven.services.boards.list(writer).find((b) => b.name === 'Introductions')!.id;
  const posts = bbs.haven.services.boards.posts;
  posts.startThread(writer, boardId, { subject: LONG, body: 'One.' });
  posts.startThread(writer, boardId, { subject: 'Nights', contentWarning: 'a detailed account of self-harm and of hospital stays', body: 'Two.' });
});
afterAll(async () => {
  await bbs.stop();
});

async function openIntroductions(c: MemberClient): Promise<void> {
  c.send('B');
  await c.waitFor('Introductions');
  c.send(KEY.down);
  c.send(KEY.enter);
  await c.waitFor(/Introdu.*page 1/);
}

const lineWith = (c: MemberClient, text: string) => c.screen.lines().find((l) => l.includes(text)) ?? '';

describe('cut text, counts and warnings', () => {
  it('at 80 columns a cut subject ends in its mark and a blank before the author', async () => {
    const c = await signUp(bbs.port, 'ivy');
    await openIntroductions(c);
    await c.waitFor('2 threads');
    const row = lineWith(c, 'A very long subject');
    expect(row).toMatch(/… wren /);
    c.end();
  });

  it('at 40 columns a content warning leaves the subject in view', async () => {
    const c = await signUp(bbs.port, 'fern', 'correct horse', { cols: 40, rows: 12 });
    await openIntroductions(c);
    const row = lineWith(c, '[CW:');
    expect(row).toContain('Nights');
    c.end();
  });

  it('on a vt100 a cut is shown as three dots, never as a question mark', async () => {
    const c = await signUp(bbs.port, 'moss', 'correct horse', { term: 'vt100' });
    await openIntroductions(c);
    const row = lineWith(c, 'A very long subject');
    expect(row).toMatch(/\.\.\. wren /);
    expect(row).not.toContain('?');
    const warned = lineWith(c, '[CW:');
    expect(warned).toContain('...]');
    expect(warned).toContain('Nights');
    expect(warned).not.toContain('?');
    c.end();
  });

  it('counts of one are singular: one thread, one unread post, one line', async () => {
    const board = bbs.haven.services.boards.list(writer).find((b) => b.name === 'Bereavement & loss')!;
    bbs.haven.services.boards.posts.startThread(writer, board.id, { subject: 'Only one', body: 'Alone.' });
    const c = await logIn(bbs.port, 'ivy');
    c.send('B');
    await c.waitFor('Bereavement');
    c.send(KEY.down);
    c.send(KEY.down);
    c.send(KEY.enter);
    await c.waitFor('1 thread · 1 unread');
    c.send('C');
    await c.waitFor('Mark the 1 unread post in Bereavement & loss read?');
    c.send('n');
    c.press('escape');
    await c.waitFor('Announcements');
    c.press('escape');
    await c.waitFor('Main menu');

    bbs.haven.services.settings.set(CHAT_SETTINGS.floodLines.key, 1);
    await enterLobby(c);
    // Two lines in one go, as a paste: the second is refused, and the count says so in the singular.
    c.send('first\rsecond\r');
    await c.waitFor('Sent 1 of your 2 pasted lines; 1 was not (limit: 1 line in 5 s).');
    c.end();
  });
});
