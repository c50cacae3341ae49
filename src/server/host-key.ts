import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import ssh2 from 'ssh2';

const { utils } = ssh2;

export interface HostKey {
  privateKey: Buffer;
  /** SHA256 fingerprint as OpenSSH prints it, for members to check on first connect. */
  fingerprint: string;
  created: boolean;
}

/** Loads the host key at `path`, generating an ed25519 key (mode 0600) the first time. */
export function loadOrCreateHostKey(path: string): HostKey {
  let created = false;
  if (!existsSync(path)) {
    const pair = utils.generateKeyPairSync('ed25519', { comment: 'haven host key' });
    writeFileSync(path, pair.private, { mode: 0o600, flag: 'wx' });
    created = true;
  }
  chmodSync(path, 0o600);
  const privateKey = readFileSync(path);
  const parsed = utils.parseKey(privateKey);
  if (parsed instanceof Error) throw new Error(`Cannot read the host key ${path}: ${parsed.message}`);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  const fingerprint = 'SHA256:' + createHash('sha256').update(key.getPublicSSH()).digest('base64').replace(/=+$/, '');
  return { privateKey, fingerprint, created };
}
