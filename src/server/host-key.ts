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

/**
 * A new ed25519 key in OpenSSH format. ssh2 1.17 writes a public key that starts with a zero
 * byte as 31 bytes (about 1 key in 170), which it then cannot read back: such keys are drawn again.
 */
function generateHostKey(): string {
  for (;;) {
    const pair = utils.generateKeyPairSync('ed25519', { comment: 'haven host key' });
    if (!(utils.parseKey(pair.private) instanceof Error)) return pair.private;
  }
}

/** Loads the host key at `path`, generating an ed25519 key (mode 0600) the first time. */
export function loadOrCreateHostKey(path: string): HostKey {
  let created = false;
  if (!existsSync(path)) {
    writeFileSync(path, generateHostKey(), { mode: 0o600, flag: 'wx' });
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
