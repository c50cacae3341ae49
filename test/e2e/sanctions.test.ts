import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ssh2 from 'ssh2';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { logIn, MemberClient, signUp } from '../helpers/client.js';
import { runHaven } from '../helpers/process.js';
import { sanctionNotice } from '../../src/services/sanctions.js';

let bbs: TestHaven;

beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

/** The screen as one run of words: a notice wrapped over two lines reads as it was written. */
const flat = (c: MemberClient) => c.screen.lines().map((l) => l.trim()).join(' ').replace(/\s+/g, ' ');

async function waitUntil(ok: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Everything received as one run of words: a notice wrapped to the window reads as written. */
const words = (c: MemberClient) => c.raw.replace(/\s+/g, ' ');

/** Resolves with the time the connection closed, or fails after `timeoutMs`. */
async function closedWithin(c: MemberClient, timeoutMs: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Still connected after ${timeoutMs} ms. The screen shows:\n${c.text()}`)), timeoutMs);
  });
  try {
    await Promise.race([c.closed, late]);
    return Date.now();
  } finally {
    clearTimeout(timer);
  }
}

// Sessions poll the database for the console's changes every 2 s; a loaded shared machine adds
// seconds more. These deadlines catch a session that never closes, not a slow one: the
// measured latencies are printed.
const CLOSE_DEADLINE_MS = 10_000;

describe('sanctions reach members', () => {
  it('a suspension at the console ends the session with the reason and end date, and refuses the next log-in until lifted; a disconnect only ends it', async () => {
    const { services } = bbs.haven;
    const rowan = await signUp(bbs.port, 'rowan');
    let seenAt = 0;
    const off = services.hub.on('staff:action', (e) => {
      if (e.action === 'member.suspend') seenAt = Date.now();
    });

    const ran = await runHaven(['sysop', 'user', 'suspend', 'rowan', '--for', '7d', '--reason', 'Repeated harassment.', '--data-dir', bbs.dataDir]);
    const ranAt = Date.now();
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    const closedAt = await closedWithin(rowan, CLOSE_DEADLINE_MS);
    off();
    const member = services.accounts.findByName('rowan')!;
    const ban = services.sanctions.activeBan(member.id)!;
    const notice = sanctionNotice(ban, member.timeZone);
    expect(notice).toMatch(/^Your account is suspended until \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d: Repeated harassment\.$/);
    expect(words(rowan)).toContain(notice);
    // Once the server has read the console's entry, the session ends at once.
    expect(seenAt).toBeGreaterThan(0);
    expect(closedAt - seenAt).toBeLessThan(2000);
    console.log(`console suspend: committed→closed ${closedAt - ban.createdAt} ms, command exit→closed ${closedAt - ranAt} ms, server saw→closed ${closedAt - seenAt} ms`);

    // Authentication succeeds, the shell says why, and closes before the menu.
    const again = await MemberClient.connect({ port: bbs.port, username: 'rowan', password: 'correct horse' });
    await closedWithin(again, CLOSE_DEADLINE_MS);
    expect(words(again)).toContain(notice);
    expect(again.raw).not.toContain('Main menu');

    // Lifted, rowan is back; suspended from this server (a sysop at the BBS), the session ends as quickly.
    services.sanctions.unban('console', 'rowan');
    const back = await logIn(bbs.port, 'rowan');
    const t0 = Date.now();
    services.sanctions.suspend('console', 'rowan', { days: 1, reason: 'Cooling off.' });
    const backClosedAt = await closedWithin(back, CLOSE_DEADLINE_MS);
    expect(words(back)).toContain(': Cooling off.');
    console.log(`in-process suspend: action→closed ${backClosedAt - t0} ms`);
    services.sanctions.unban('console', 'rowan');

    // A disconnect ends the session with its reason, and nothing stops the next log-in.
    const third = await logIn(bbs.port, 'rowan');
    services.sanctions.disconnect('console', 'rowan', 'Please take a break.');
    await closedWithin(third, CLOSE_DEADLINE_MS);
    expect(words(third)).toContain('The sysop has ended your session: Please take a break. You may log in again.');
    (await logIn(bbs.port, 'rowan')).end();
  }, 120_000);

  it('a banned member who logs in with a key is told why too, and the session closes', async () => {
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    (await signUp(bbs.port, 'keyholder', 'a password too', { privateKey: pair.private })).end();
    bbs.haven.services.sanctions.ban('console', 'keyholder', 'Threats against another member.');
    const banned = await MemberClient.connect({ port: bbs.port, username: 'keyholder', privateKey: pair.private, keyboardAnswer: 'wrong' });
    await closedWithin(banned, CLOSE_DEADLINE_MS);
    expect(words(banned)).toContain('Your account is banned: Threats against another member.');
    expect(banned.raw).not.toContain('Main menu');
  }, 60_000);

  it('a broadcast at the console reaches every connected member, and each dismisses it with Ctrl-N', async () => {
    const [ash, birch] = [await signUp(bbs.port, 'ashley'), await signUp(bbs.port, 'birch', 'correct horse', { cols: 40, rows: 12 })];
    // The console reads who is online from what the server wrote (at most every 2 s).
    const { online } = bbs.haven.services;
    await waitUntil(() => ['ashley', 'birch'].every((n) => online.list().some((r) => r.name === n)), 'both members in online_now');
    const sent = await runHaven(['sysop', 'broadcast', 'Back in five minutes after a short restart.', '--json', '--data-dir', bbs.dataDir]);
    expect(sent).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(sent.stdout)).toMatchObject({ action: 'broadcast', text: 'Back in five minutes after a short restart.', online: 2 });
    const shown = 'From the sysop: Back in five minutes after a short restart.';
    await waitUntil(() => flat(ash).includes(shown), 'the broadcast on ashley\'s screen');
    await waitUntil(() => flat(birch).includes(shown), 'the broadcast on birch\'s screen');
    expect(flat(ash)).toContain('^N dismiss');
    // A key that is not the dismiss key leaves it where it is.
    ash.send('x');
    ash.send('\x0e');
    await waitUntil(() => !flat(ash).includes('From the sysop'), 'the broadcast gone from ashley\'s screen');
    expect(flat(birch)).toContain(shown);
    birch.send('\x0e');
    await waitUntil(() => !flat(birch).includes('From the sysop'), 'the broadcast gone from birch\'s screen');
    ash.end();
    birch.end();
  }, 120_000);

  it('the console commands explain themselves and refuse a wrong value, changing nothing', async () => {
    const help = await runHaven(['sysop', 'user', 'suspend', '--help']);
    expect(help.code).toBe(0);
    for (const text of ['--for', '--reason', '--json', '30m, 12h, 1d, 3d, 7d, 30d']) expect(help.stdout).toContain(text);
    const before = bbs.haven.services.audit.lastId();
    const wrong = await runHaven(['sysop', 'user', 'suspend', 'cedar', '--for', '7x', '--reason', 'x', '--data-dir', bbs.dataDir]);
    expect(wrong).toMatchObject({ code: 1, stdout: '', stderr: '"7x" is not a length of time: say e.g. 30m, 12h, 7d or 2w.\n' });
    expect(bbs.haven.services.audit.lastId()).toBe(before);
  }, 120_000);

  it('a warning is shown at once and acknowledged; one sent while away waits for the next log-in', async () => {
    const { services } = bbs.haven;
    const cedar = await signUp(bbs.port, 'cedar', 'correct horse', { cols: 40, rows: 12 });
    services.sanctions.warn('console', 'cedar', 'Please keep advice to your own experience.');
    await cedar.waitFor('A WARNING FROM THE MODERATORS');
    await waitUntil(() => flat(cedar).includes('Please keep advice to your own experience.'), 'the warning text');
    await cedar.waitFor('Press A to acknowledge.');
    cedar.send('a');
    await cedar.waitFor('Main menu');
    const member = services.accounts.findByName('cedar')!;
    expect(services.sanctions.pendingWarnings(member)).toEqual([]);
    cedar.end();
    await cedar.closed;

    services.sanctions.warn('console', 'cedar', 'Second: no links to sales pages.');
    const later = await MemberClient.connect({ port: bbs.port, username: 'cedar', password: 'correct horse' });
    await later.waitFor('A WARNING FROM THE MODERATORS');
    later.send('A');
    await later.waitFor('Main menu');
    expect(services.sanctions.pendingWarnings(member)).toEqual([]);
    later.end();
  }, 60_000);
});
