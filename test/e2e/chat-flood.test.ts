import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { signUp } from '../helpers/client.js';
import { enterLobby, say } from '../helpers/chat.js';
import { KEY } from '../helpers/screen.js';

let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

describe('flood control', () => {
  it('past five lines in five seconds a member is warned, then muted with a countdown; a refused line is shown and never glued to the next', async () => {
    const loud = await signUp(bbs.port, 'loud');
    const calm = await signUp(bbs.port, 'calm');
    await enterLobby(loud);
    await enterLobby(calm);
    for (let i = 1; i <= 5; i++) await say(loud, `line number ${i}`);
    loud.line('line number 6');
    await loud.waitFor('Slow down: at most 5 lines in 5 s, or you are muted for 60 s.');
    // The refused line stays in sight, not lost; the input is empty for the next one.
    await loud.waitFor('Not sent: line number 6');
    loud.line('line number 7');
    await loud.waitFor('You are muted for 60 seconds');
    await loud.waitFor('Not sent: line number 7');
    expect(loud.text()).not.toContain('line number 6line number 7');
    await loud.waitFor(/muted (60|59)s> *\n/);
    await loud.waitFor(/muted 5[0-8]s>/);
    await calm.waitFor('loud: line number 5');
    expect(calm.text()).not.toContain('line number 6');
    // Commands that reach nobody still work while muted.
    loud.line('/who');
    await loud.waitFor('Here (2): calm, loud');
    loud.end();
    calm.end();
  });

  it('a paste of many lines is sent up to the limit and the rest refused with a message', async () => {
    const paster = await signUp(bbs.port, 'paster');
    const reader = await signUp(bbs.port, 'reader');
    await enterLobby(paster);
    await enterLobby(reader);
    const lines = Array.from({ length: 8 }, (_, i) => `pasted ${i + 1}`);
    paster.send(lines.join('\r') + '\r');
    await paster.waitFor('Sent 5 of your 8 pasted lines; 3 were not (limit: 5 lines in 5 s).');
    for (const n of [6, 7, 8]) await paster.waitFor(`Not sent: pasted ${n}`);
    await reader.waitFor('paster: pasted 5');
    expect(reader.text()).not.toContain('pasted 6');
    expect(paster.text()).not.toMatch(/muted/);
    paster.end();
    reader.end();
  });

  it('a line over the length limit is refused with the limit, and kept to be shortened', async () => {
    const wordy = await signUp(bbs.port, 'wordy');
    await enterLobby(wordy);
    wordy.line('w'.repeat(501));
    await wordy.waitFor('That line is longer than 500 characters');
    expect(bbs.haven.services.chat.scrollback(bbs.haven.services.chatRooms.lobby().id, 0).some((l) => l.name === 'wordy')).toBe(false);
    wordy.end();
  });
});
