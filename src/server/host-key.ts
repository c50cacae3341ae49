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

type KeyGenerator = () => { private: string };

const generateEd25519: KeyGenerator = () => utils.generateKeyPairSync('ed25519', { comment: 'haven host key' });

/**
 * A new ed25519 private key in OpenSSH format that ssh2 can read back. ssh2's generator
 * strips leading zero bytes from the public key, so about one key in 256 comes out 31 bytes
 * long and unreadable; such a key is never written (it would stop every later start too).
 */
export function newHostKey(generate: KeyGenerator = generateEd25519): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const { private: pem } = generate();
    const parsed = utils.parseKey(pem);
    if (!(parsed instanceof Error) && !Array.isArray(parsed) && parsed.getPublicSSH().length === 51) return pem;
  }
  throw new Error('Could not generate a readable host key');
}

/** Loads the host key at `path`, generating an ed25519 key (mode 0600) the first time. */
export function loadOrCreateHostKey(path: string, generate?: KeyGenerator): HostKey {
  let created = false;
  if (!existsSync(path)) {
    writeFileSync(path, newHostKey(generate), { mode: 0o600, flag: 'wx' });
    created = true;
  }
  chmodSync(path, 0o600);
  const privateKey = readFileSync(path);
  const parsed = utils.parseKey(privateKey);
  if (parsed instanceof Error) throw new Error(`Cannot read the host key ${path}: ${parsed.message}`);
  return { privateKey, fingerprint: describeHostKey(privateKey).fingerprint, created };
}

/** What members compare: the key type, its SHA256 fingerprint as OpenSSH prints it, and the known_hosts line. */
export interface HostKeyDescription {
  /** As OpenSSH names it in "ED25519 key fingerprint is …". */
  type: string;
  fingerprint: string;
  /** `ssh-ed25519 AAAA…`, for a known_hosts file. */
  publicKey: string;
}

export function describeHostKey(privateKey: Buffer): HostKeyDescription {
  const parsed = utils.parseKey(privateKey);
  if (parsed instanceof Error) throw new Error(`Cannot read the host key: ${parsed.message}`);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  const blob = key.getPublicSSH();
  return {
    type: key.type.replace(/^ssh-/, '').replace(/^ecdsa-sha2-.*/, 'ECDSA').toUpperCase(),
    fingerprint: 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, ''),
    publicKey: `${key.type} ${blob.toString('base64')}`,
  };
}
