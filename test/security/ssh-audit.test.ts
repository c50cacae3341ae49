import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';

// Debian's ssh-audit (installed by .ci/run) judges the algorithms the server offers.
const SSH_AUDIT = '/usr/bin/ssh-audit';

let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

it.skipIf(!existsSync(SSH_AUDIT))('the default algorithms pass an SSH configuration audit with no failure and no warning', async () => {
  const run = await promisify(execFile)(SSH_AUDIT, ['-n', '-p', String(bbs.port), '127.0.0.1'], { timeout: 60_000 }).catch(
    (err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }),
  );
  const findings = run.stdout
    .split('\n')
    .filter((l) => /\[(fail|warn)\]/.test(l))
    // Strict key exchange (the Terrapin fix) is newer than this ssh-audit, which calls its marker unknown.
    .filter((l) => !l.includes('kex-strict-s-v00@openssh.com'));
  expect(run.stdout).toContain('curve25519-sha256');
  expect(findings).toEqual([]);
});

/** Connects offering only what an old client knows: a NIST curve and an encrypt-and-MAC MAC with a CTR cipher. */
async function oldClientConnects(port: number): Promise<boolean> {
  const conn = new ssh2.Client();
  return new Promise((resolve) => {
    conn.once('handshake', () => {
      conn.end();
      resolve(true);
    });
    conn.once('error', () => resolve(false));
    conn.connect({
      host: '127.0.0.1',
      port,
      username: 'oldtimer',
      algorithms: { kex: ['ecdh-sha2-nistp256'], cipher: ['aes128-ctr'], hmac: ['hmac-sha2-256'] },
    });
  });
}

it('an old client that knows only NIST curves and encrypt-and-MAC is refused by default, and let in with --legacy-algorithms', async () => {
  expect(await oldClientConnects(bbs.port)).toBe(false);
  const legacy = await startTestHaven({ legacyAlgorithms: true });
  try {
    expect(await oldClientConnects(legacy.port)).toBe(true);
  } finally {
    await legacy.stop();
  }
});
