import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
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
