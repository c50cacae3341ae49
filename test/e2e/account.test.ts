import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../src/services/accounts.js';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { logIn, MemberClient, signUp } from '../helpers/client.js';

// A member's own account, from Settings: the password, and the keys that log them in.

let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

/** A fresh ed25519 key pair: the private key for the client, the fingerprint the server shows. */
function keyPair(): { privateKey: string; fingerprint: string } {
  const pair = ssh2.utils.generateKeyPairSync('ed25519');
  const parsed = ssh2.utils.parseKey(pair.private);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key instanceof Error) throw key;
  return { privateKey: pair.private, fingerprint: keyFingerprint(key.getPublicSSH()) };
}

/** Matches `text` however the screen wrapped it. */
function words(text: string): RegExp {
  return new RegExp(text.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('\\s+'));
}

/** True when the server refuses this log-in. */
async function refused(opts: Parameters<typeof MemberClient.connect>[0]): Promise<boolean> {
  try {
    (await MemberClient.connect(opts)).end();
    return false;
  } catch {
    return true;
  }
}

async function openPasswordChange(c: MemberClient): Promise<void> {
  c.send('S');
  await c.waitFor('Change password');
  c.send('C');
  await c.waitFor('Your current password');
}

describe("a member's own account", () => {
  it('a member changes their password (a wrong current one first), then logs in with the new one and not the old', async () => {
    const c = await signUp(bbs.port, 'renewer', 'old pasture');
    await openPasswordChange(c);
    c.line('wrong pasture');
    await c.waitFor('A new password (8+ characters)');
    c.line('short');
    await c.waitFor('A password needs at least 8 characters.');
    await c.waitFor('A new password (8+ characters)');
    c.line('new pasture');
    await c.waitFor('The new password again');
    // Typed as stars, never as itself.
    expect(c.raw).not.toContain('new pasture');
    c.line('new pasture');
    await c.waitFor('That is not your current password. Nothing was changed. 2 tries left.');
    await c.waitFor('Your current password');
    c.line('old pasture');
    await c.waitFor('Your password is changed.');
    c.end();
    expect(await refused({ port: bbs.port, username: 'renewer', password: 'old pasture' })).toBe(true);
    const back = await logIn(bbs.port, 'renewer', 'new pasture');
    expect(back.text()).toContain('Welcome');
    back.end();
  });

  it('three wrong current passwords close the step with nothing changed, and changing it pauses', async () => {
    const c = await signUp(bbs.port, 'guesser', 'right meadow', { cols: 40, rows: 12 });
    await openPasswordChange(c);
    c.line('guess one');
    await c.waitFor('A new password');
    c.line('new meadow');
    await c.waitFor('The new password again');
    c.line('new meadow');
    for (const left of ['2 tries left.', 'One try left.']) {
      await c.waitFor(left);
      await c.waitFor('Your current password');
      c.line('another guess');
    }
    await c.waitFor(words('either. Nothing was changed; you can try again later.'));
    await c.waitForGone('Your current password');
    // The Settings list has the keyboard again.
    c.send('C');
    await c.waitFor('Your current password');
    c.line('right meadow');
    await c.waitFor('A new password');
    c.line('new meadow');
    await c.waitFor('The new password again');
    c.line('new meadow');
    await c.waitFor(words('Too many wrong passwords: please try again in 15 minutes.'));
    c.end();
    (await logIn(bbs.port, 'guesser', 'right meadow')).end();
  });

  it('a member logs in by password offering a new key, saves it in Settings, removes the old one, and the new key logs in alone', async () => {
    const old = keyPair();
    const fresh = keyPair();
    (await signUp(bbs.port, 'keyholder', 'keys and locks', { privateKey: old.privateKey })).end();
    // The client offers the fresh key first: it is proven, refused, and the password follows.
    const c = await logIn(bbs.port, 'keyholder', 'keys and locks', { privateKey: fresh.privateKey, authOrder: ['publickey', 'password'] });
    c.send('S');
    await c.waitFor(/Log-in keys\s+1 saved, 1 to add/);
    c.send('K');
    await c.waitFor('Keys that log you in with no password.');
    await c.waitFor(words(`save the key your ssh client offered on this connection (${fresh.fingerprint}).`));
    expect(c.text()).toContain(`ED25519   ${old.fingerprint}`);
    expect(c.text()).toMatch(/Added \d+ \w+ \d{4} \d\d:\d\d, not used yet\./);
    c.send('A');
    await c.waitFor(`The key ${fresh.fingerprint} is saved`);
    await c.waitFor(`ED25519   ${fresh.fingerprint}`);
    c.send('A');
    await c.waitFor('That key is already saved');
    // The old key is the first row: remove it, after a question.
    c.send('R');
    await c.waitFor(words(`Remove the key ${old.fingerprint}?`));
    c.send('y');
    await c.waitFor(`The key ${old.fingerprint} is removed.`);
    await c.waitForGone(`ED25519   ${old.fingerprint}`);
    c.end();

    const byKey = await MemberClient.connect({ port: bbs.port, username: 'keyholder', privateKey: fresh.privateKey, authOrder: ['publickey'] });
    await byKey.waitFor('Main menu');
    byKey.send('S');
    await byKey.waitFor('Log-in keys');
    byKey.send('K');
    await byKey.waitFor(/Added .*, last used \d+ \w+ \d{4} \d\d:\d\d\./);
    expect(byKey.text()).toContain('(this connection)');
    byKey.end();
    expect(await refused({ port: bbs.port, username: 'keyholder', privateKey: old.privateKey, authOrder: ['publickey'] })).toBe(true);
  });

  it('at 40x12, a member whose client offered no key is told how to offer one, and can remove their last key', async () => {
    const only = keyPair();
    (await signUp(bbs.port, 'phonekeys', 'small screens', { privateKey: only.privateKey })).end();
    const c = await logIn(bbs.port, 'phonekeys', 'small screens', { cols: 40, rows: 12 });
    c.send('S');
    await c.waitFor('Log-in keys');
    c.send('K');
    await c.waitFor(words('offered no key on this connection.'));
    for (const line of c.text().split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    c.send('A');
    await c.waitFor(/ssh\s+-i\s+~\/\.ssh\/id_ed25519\s+-p\s+\d+\s+phonekeys@127\.0\.0\.1/);
    c.send('R');
    await c.waitFor('Remove the key');
    c.send('y');
    await c.waitFor('(no keys saved: your');
    c.end();
    expect(await refused({ port: bbs.port, username: 'phonekeys', privateKey: only.privateKey, authOrder: ['publickey'] })).toBe(true);
    (await logIn(bbs.port, 'phonekeys', 'small screens')).end();
  });

  it("a key another member saved is refused, even once proven on this connection", async () => {
    const shared = keyPair();
    (await signUp(bbs.port, 'firstowner', 'mine first', { privateKey: shared.privateKey })).end();
    (await signUp(bbs.port, 'secondtry', 'mine second')).end();
    const c = await logIn(bbs.port, 'secondtry', 'mine second', { privateKey: shared.privateKey, authOrder: ['publickey', 'password'] });
    c.send('S');
    await c.waitFor('Log-in keys');
    c.send('K');
    await c.waitFor(shared.fingerprint);
    c.send('A');
    await c.waitFor('That key is saved for another member');
    c.end();
    expect(bbs.haven.services.accounts.listKeys(bbs.haven.services.accounts.findByName('secondtry')!.id)).toEqual([]);
  });
});
