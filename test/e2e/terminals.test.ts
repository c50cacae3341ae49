import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { MemberClient, signUp } from '../helpers/client.js';

let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
  await (await signUp(bbs.port, 'viewer')).end();
});
afterAll(async () => {
  await bbs.stop();
});

const login = (extra: Partial<Parameters<typeof MemberClient.connect>[0]>) =>
  MemberClient.connect({ port: bbs.port, username: 'viewer', password: 'correct horse', ...extra });

/** The box-drawing characters a line border shows as, on any terminal that draws them. */
const BORDER = /[┌┐└┘─│]/;

describe('terminals of every kind', () => {
  for (const term of ['xterm-256color', 'xterm', 'screen-256color', 'tmux-256color', 'linux', 'vt100', 'no-such-terminal', 'dumb']) {
    it(`TERM=${term} gives a readable main menu with borders drawn as lines`, async () => {
      const c = await login({ term });
      await c.waitFor('Main menu');
      expect(c.text()).toContain("[W] Who's online");
      // A bordered box: the time zone prompt in settings.
      c.send('S');
      await c.waitFor('Time zone');
      c.send('T');
      await c.waitFor('Your time zone');
      expect(c.text()).toMatch(BORDER);
      expect(c.text()).not.toMatch(/lqqq|qqqk|mqqq/);
      c.end();
    });
  }

  it('a TERM naming a file is never read: /dev/zero gets the default look at once', async () => {
    const started = Date.now();
    const c = await login({ term: '/dev/zero' });
    await c.waitFor('Main menu');
    expect(Date.now() - started).toBeLessThan(5000);
    c.end();
  });

  it('the screen re-lays out from 80x24 to 40x12 and back', async () => {
    const c = await login({ cols: 80, rows: 24 });
    await c.waitFor('Main menu');
    expect(c.screen.lines()[0]).toMatch(/Haven - Main menu\s+\d+ online/);
    c.resize(40, 12);
    await c.waitFor(/^ Haven - Main menu {1,20}\d+ online/m);
    expect(c.screen.lines()[0].length).toBeLessThanOrEqual(40);
    expect(c.screen.lines()[11]).toMatch(/\[B\]oards.*\[\^R\] Help now/);
    c.resize(80, 24);
    await c.waitFor(/Crisis lines and the disclaimer/);
    expect(c.screen.lines()[23]).toContain('[G]oodbye');
    c.end();
  });

  it('works at 200x60', async () => {
    const c = await login({ cols: 200, rows: 60 });
    await c.waitFor('Main menu');
    expect(c.screen.lines()[0].trimEnd().length).toBeGreaterThan(150);
    expect(c.screen.lines()[59]).toContain('[G]oodbye');
    c.end();
  });

  it('a window below the minimum shows a plain request to enlarge it, and recovers', async () => {
    const c = await login({ cols: 80, rows: 24 });
    await c.waitFor('Main menu');
    c.resize(12, 3);
    await c.waitFor('Window');
    c.resize(80, 24);
    await c.waitFor('Main menu');
    c.end();
  });
});

describe('emoji and wide characters', () => {
  it('lines with emoji and CJK stay aligned after partial repaints (blessed and Haven agree on widths)', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    writeFileSync(join(bbs.dataDir, 'welcome.txt'), 'Hi 😀 ❤️ 日本 ✅ done 🙏 end\n');
    const c = await login({});
    await c.waitFor('Main menu');
    const line = () => c.screen.lines().find((l) => l.includes('Hi '))!.trimEnd();
    expect(line()).toBe(' Hi 😀 ❤️ 日本 ✅ done 🙏 end');
    c.send('?');
    await c.waitFor('MOVING AROUND');
    c.send('q');
    await c.waitFor('Main menu');
    await c.waitForGone('MOVING AROUND');
    expect(line()).toBe(' Hi 😀 ❤️ 日本 ✅ done 🙏 end');
    c.end();
  });
});
