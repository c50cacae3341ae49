import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { signUp, type MemberClient } from '../helpers/client.js';
import { enterLobby } from '../helpers/chat.js';
import { KEY } from '../helpers/screen.js';

// A chat line is drawn straight to the terminal (a scroll region and one new row) instead of
// a full repaint. Whatever the width and the characters, the member must end up seeing
// exactly what a full repaint would show.
let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

const LINES = [
  'plain words that wrap when the window is narrow enough to need it, and then some more',
  '你好，我今天很难过。谢谢大家的支持和理解，真的很感激。我们明天见，好好休息。',
  'wide ☕ and ✨ between words, then a long tail so that it wraps: ☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕',
  'astral 😢 🌙 💙 👍🏽 🇬🇧 and a family 👨‍👩‍👧 at the end of a line that wraps at forty columns',
  'x',
  'a line ending on a wide character at the very edge 你好你好你好你好你好你好你好你好你好你好你好你好',
];

describe('the chat log fast path', () => {
  for (const [cols, rows] of [[80, 24], [40, 12], [57, 20], [200, 60]] as const) {
    it(`leaves exactly the screen a full repaint leaves, at ${cols}x${rows}`, async () => {
      const speaker = `speak${cols}`;
      const reader: MemberClient = await signUp(bbs.port, `read${cols}`, 'correct horse', { cols, rows });
      await enterLobby(reader);
      const { accounts, chat, chatRooms } = bbs.haven.services;
      const member = (await accounts.register({ name: speaker, password: 'correct horse', acceptedGuidelines: true }))!;
      const lobby = chatRooms.lobby();
      for (const [i, text] of LINES.entries()) {
        chat.say(lobby.id, member, `${i} ${text}`);
        await reader.waitFor(`${speaker}`);
        await reader.screen.settled();
        const seen = reader.screen.cells();
        expect(await reader.repainted(), `after line ${i}`).toEqual(seen);
      }
      // Scrolled back a page and forward again, then a new line: still the same.
      for (let i = 0; i < rows; i++) chat.say(lobby.id, member, `filler ${i}`);
      await reader.waitFor(`filler ${rows - 1}`);
      reader.send(KEY.pageUp);
      await reader.waitFor('Reading earlier lines');
      reader.send(KEY.pageDown);
      await reader.waitForGone('Reading earlier lines');
      chat.say(lobby.id, member, 'back at the bottom ✨');
      await reader.waitFor('back at the bottom');
      await reader.screen.settled();
      const seen = reader.screen.cells();
      expect(await reader.repainted()).toEqual(seen);
      reader.end();
    });
  }
});
