import ssh2, { type AuthContext } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { ConnectionAuth, type Authenticator } from '../../../src/server/auth.js';
import type { Member, PublicKey } from '../../../src/services/accounts.js';

// How one connection's authentication treats keys: the SSH client side is faked here with
// signatures made by real keys; test/real-client shows OpenSSH taking the same path.

const member: Member = { id: 7, name: 'wren', role: 'member', createdAt: 0, lastLoginAt: null, timeZone: 'UTC', monochrome: false };

function keyPair() {
  const parsed = ssh2.utils.parseKey(ssh2.utils.generateKeyPairSync('ed25519').private);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key instanceof Error) throw key;
  return { key, public: { algo: key.type, data: key.getPublicSSH() } as PublicKey };
}

function authenticator(saved: PublicKey[], used: PublicKey[] = []): Authenticator {
  const same = (a: PublicKey, b: PublicKey) => a.algo === b.algo && a.data.equals(b.data);
  return {
    byPassword: async (name, password) => (name === 'wren' && password === 'right words' ? member : undefined),
    byKey: (name, key) => (name === 'wren' && saved.some((k) => same(k, key)) ? member : undefined),
    keyLoggedIn: (_m, key) => void used.push(key),
    isMember: (name) => name === 'wren' || name === 'finch',
    bbsName: 'Haven',
  };
}

type Outcome = 'accepted' | 'rejected';

/** A publickey request: the query alone, or signed by `signer` (by default the key's own). */
function publicKeyRequest(username: string, pair: ReturnType<typeof keyPair>, opts: { signed: boolean; signer?: ReturnType<typeof keyPair> }) {
  const blob = Buffer.from(`session id and request for ${username}`);
  let outcome: Outcome | undefined;
  const ctx = {
    method: 'publickey',
    username,
    key: { algo: pair.public.algo, data: pair.public.data },
    blob: opts.signed ? blob : undefined,
    signature: opts.signed ? (opts.signer ?? pair).key.sign(blob) : undefined,
    hashAlgo: undefined,
    accept: () => (outcome = 'accepted'),
    reject: () => (outcome = 'rejected'),
  } as unknown as AuthContext;
  return { ctx, outcome: () => outcome };
}

async function passwordRequest(auth: ConnectionAuth, username: string, password: string): Promise<Outcome | undefined> {
  let outcome: Outcome | undefined;
  await new Promise<void>((resolve) => {
    const ctx = {
      method: 'password',
      username,
      password,
      accept: () => ((outcome = 'accepted'), resolve()),
      reject: () => ((outcome = 'rejected'), resolve()),
    } as unknown as AuthContext;
    auth.handle(ctx);
  });
  return outcome;
}

/** What an ssh client does with one key: ask whether it would do, then sign. */
function offerKey(auth: ConnectionAuth, username: string, pair: ReturnType<typeof keyPair>, signer?: ReturnType<typeof keyPair>): Outcome[] {
  const query = publicKeyRequest(username, pair, { signed: false });
  auth.handle(query.ctx);
  const signed = publicKeyRequest(username, pair, { signed: true, signer });
  auth.handle(signed.ctx);
  return [query.outcome()!, signed.outcome()!];
}

const limits = { maxPasswordFailures: 3, maxAttempts: 20 };

describe("an existing member's key that is not saved", () => {
  it('is asked to sign, refused so the client goes on to the password, and handed to the session once the password is right', async () => {
    const offered = keyPair();
    const auth = new ConnectionAuth(authenticator([]), limits, () => {});
    expect(offerKey(auth, 'wren', offered)).toEqual(['accepted', 'rejected']);
    expect(auth.identity).toBeUndefined();
    expect(await passwordRequest(auth, 'wren', 'right words')).toBe('accepted');
    expect(auth.identity?.member?.id).toBe(7);
    expect(auth.identity?.provenKey?.data.equals(offered.public.data)).toBe(true);
  });

  it('is not handed on when its signature is not valid', async () => {
    const offered = keyPair();
    const impostor = keyPair();
    const auth = new ConnectionAuth(authenticator([]), limits, () => {});
    expect(offerKey(auth, 'wren', offered, impostor)).toEqual(['accepted', 'rejected']);
    expect(await passwordRequest(auth, 'wren', 'right words')).toBe('accepted');
    expect(auth.identity?.provenKey).toBeUndefined();
  });

  it('is not handed on with a wrong password, nor to a log-in under another name', async () => {
    const offered = keyPair();
    const auth = new ConnectionAuth(authenticator([]), limits, () => {});
    // Proven for another member's name (a client may change names between requests).
    expect(offerKey(auth, 'finch', offered)).toEqual(['accepted', 'rejected']);
    expect(await passwordRequest(auth, 'wren', 'wrong words')).toBe('rejected');
    expect(auth.identity).toBeUndefined();
    expect(await passwordRequest(auth, 'wren', 'right words')).toBe('accepted');
    expect(auth.identity?.provenKey).toBeUndefined();
  });

  it('a saved key logs its member in, and the log-in is recorded for it', () => {
    const saved = keyPair();
    const used: PublicKey[] = [];
    const auth = new ConnectionAuth(authenticator([saved.public], used), limits, () => {});
    expect(offerKey(auth, 'wren', saved)).toEqual(['accepted', 'accepted']);
    expect(auth.identity?.member?.id).toBe(7);
    expect(used.map((k) => k.data.equals(saved.public.data))).toEqual([true]);
  });
});
