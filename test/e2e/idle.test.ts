import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { logIn, signUp } from '../helpers/client.js';
import { enterLobby, say } from '../helpers/chat.js';

// A short idle timeout so the journeys run in seconds: the warning comes 4 s before the end.
// Lines in a meeting are said more than a second apart, within flood control.
const IDLE_MS = 8000;
let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven({ limits: { idleTimeoutMs: IDLE_MS, idleWarningMs: 4000 } });
});
afterAll(async () => {
  await bbs.stop();
});

/** Time passing while a member sits still (the thing under test is what time does). */
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the idle timeout', () => {
  it('warns with a countdown before logging off; any key keeps the session', async () => {
    const idla = await signUp(bbs.port, 'idla');
    await idla.waitFor(/No activity: logging off in 0:0[1-4]\. Press any key to stay\./, 10_000);
    // The countdown counts.
    await idla.waitFor(/logging off in 0:0[1-2]\./, 5000);
    idla.press('down');
    await idla.waitForGone('No activity', 5000);
    expect(idla.text()).toContain('Main menu');
    await idla.waitFor('No activity: logging off', 10_000);
    await idla.closed;
    expect(idla.raw).toContain('You were idle for 8 seconds. Goodbye, and take care.');
  });

  it('a quiet member in a meeting is kept while its lines arrive, and warned once it is over', async () => {
    await bbs.haven.services.accounts.register({ name: 'facil', password: 'correct horse', acceptedGuidelines: true, role: 'sysop' });
    const facil = await logIn(bbs.port, 'facil');
    const quiet = await signUp(bbs.port, 'quiet');
    await enterLobby(facil);
    await enterLobby(quiet);
    facil.line('/meeting start');
    await quiet.waitFor(/Meeting in progress/);
    // Longer than the whole timeout, quiet types nothing while the meeting talks.
    const until = Date.now() + IDLE_MS + 3000;
    for (let i = 1; Date.now() < until; i++) {
      await say(facil, `sharing part ${i}`);
      await quiet.waitFor(`facil: sharing part ${i}`);
      expect(quiet.text()).not.toContain('No activity');
      await pause(1300);
    }
    facil.line('/meeting end');
    await quiet.waitFor('The meeting has ended.');
    // Chat outside a meeting is no reason to keep an idle session.
    let warned = false;
    for (let i = 1; !warned && i < 40; i++) {
      await say(facil, `after the meeting ${i}`);
      await pause(1300);
      warned = quiet.text().includes('No activity: logging off');
    }
    expect(warned).toBe(true);
    await quiet.closed;
    facil.end();
  });
});
