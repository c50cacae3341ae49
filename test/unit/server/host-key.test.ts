import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateHostKey, newHostKey } from '../../../src/server/host-key.js';

// What ssh2 1.17 produced for a key whose public half starts with a zero byte: 31 bytes long.
const UNREADABLE =
  '-----BEGIN OPENSSH PRIVATE KEY-----\n' +
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMgAAAAtz\n' +
  'c2gtZWQyNTUxOQAAAB+31cl+PqD0CRcULOWZK9DZ5rPTN2gooGUGtpg/ml6tAAAA\n' +
  'kDJuEhQybhIUAAAAC3NzaC1lZDI1NTE5AAAAH7fVyX4+oPQJFxQs5Zkr0Nnms9M3\n' +
  'aCigZQa2mD+aXq0AAAA/ve5HSA+xJT7mCNXVgmSpPgz9JnFv6a7wEa6vCCY/DOm3\n' +
  '1cl+PqD0CRcULOWZK9DZ5rPTN2gooGUGtpg/ml6tAAAADmhhdmVuIGhvc3Qga2V5\n' +
  'AQ==\n' +
  '-----END OPENSSH PRIVATE KEY-----\n';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the host key', () => {
  it('is made once with mode 0600 and the same key is used on every later start', () => {
    dir = mkdtempSync(join(tmpdir(), 'haven-hostkey-'));
    const path = join(dir, 'host_ed25519_key');
    const first = loadOrCreateHostKey(path);
    expect(first.created).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = loadOrCreateHostKey(path);
    expect(second.created).toBe(false);
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.privateKey.equals(first.privateKey)).toBe(true);
  });

  it('a generated key that cannot be read back is never written; a good one is made instead', () => {
    expect(ssh2.utils.parseKey(UNREADABLE)).toBeInstanceOf(Error);
    dir = mkdtempSync(join(tmpdir(), 'haven-hostkey-'));
    const path = join(dir, 'host_ed25519_key');
    const made: string[] = [];
    const generate = () => {
      const key = made.length === 0 ? UNREADABLE : ssh2.utils.generateKeyPairSync('ed25519').private;
      made.push(key);
      return { private: key };
    };
    const key = loadOrCreateHostKey(path, generate);
    expect(made).toHaveLength(2);
    expect(readFileSync(path, 'utf8')).toBe(made[1]);
    expect(key.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('a thousand new host keys all load (one in 256 used not to)', () => {
    dir = mkdtempSync(join(tmpdir(), 'haven-hostkey-'));
    for (let i = 0; i < 1000; i++) {
      const parsed = ssh2.utils.parseKey(newHostKey());
      expect(parsed).not.toBeInstanceOf(Error);
    }
  });
});
