import ssh2 from 'ssh2';
import { beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { loadMigrations, migrate, type Db } from '../../../db/open.js';
import { Accounts, keyFingerprint, nameProblem, passwordProblem, PASSWORD_CHANGE_GUESSES, PASSWORD_CHANGE_PAUSE_MS, WrongPasswordError } from '../../../src/services/accounts.js';
import { UserError } from '../../../src/errors.js';
import { testServices } from '../../helpers/services.js';

let db: Db;
let accounts: Accounts;
beforeEach(() => {
  ({ db, services: { accounts } } = testServices());
});

const publicKeyOf = () => {
  const pair = ssh2.utils.generateKeyPairSync('ed25519');
  const parsed = ssh2.utils.parseKey(pair.private);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key instanceof Error) throw key;
  return { algo: key.type, data: key.getPublicSSH() };
};

describe('names', () => {
  it('accepts 3 to 16 letters, digits, _ - and .', () => {
    for (const ok of ['abc', 'Willow_2', 'a.b-c', 'x'.repeat(16), '123']) expect(nameProblem(ok)).toBeNull();
  });
  it('refuses short, long, odd characters, a leading symbol, and reserved names (any case)', () => {
    expect(nameProblem('ab')).toMatch(/3 to 16/);
    expect(nameProblem('x'.repeat(17))).toMatch(/3 to 16/);
    expect(nameProblem('bad name')).toMatch(/letters, digits/);
    expect(nameProblem('émile')).toMatch(/letters, digits/);
    expect(nameProblem('_lead')).toMatch(/starts with/);
    for (const reserved of ['sysop', 'Admin', 'MODERATOR', 'root', 'new', 'guest']) expect(nameProblem(reserved)).toMatch(/reserved/);
  });
  it('treats names case-insensitively: "Alice" takes "alice"', async () => {
    await accounts.register({ name: 'Alice', password: 'long enough', acceptedGuidelines: true });
    expect(accounts.isNameAvailable('alice')).toBe(false);
    await expect(accounts.register({ name: 'ALICE', password: 'long enough', acceptedGuidelines: true })).rejects.toThrow(/taken/);
    expect(accounts.findByName('aLiCe')?.name).toBe('Alice');
  });
});

describe('passwords', () => {
  it('needs at least 8 characters', () => {
    expect(passwordProblem('1234567')).toMatch(/at least 8/);
    expect(passwordProblem('12345678')).toBeNull();
  });
  it('are stored as argon2id at 19 MiB, t=2, p=1, never in clear', async () => {
    const m = await accounts.register({ name: 'hasher', password: 'secret words', acceptedGuidelines: true });
    const { password_hash } = db.prepare('SELECT password_hash FROM members WHERE id = ?').get(m.id) as { password_hash: string };
    expect(password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(password_hash).not.toContain('secret words');
  });
  it('verify the right password and refuse a wrong one or an unknown name', async () => {
    await accounts.register({ name: 'checker', password: 'right one!', acceptedGuidelines: true });
    expect((await accounts.verifyPassword('checker', 'right one!'))?.name).toBe('checker');
    expect(await accounts.verifyPassword('checker', 'wrong one!')).toBeUndefined();
    expect(await accounts.verifyPassword('nobody', 'right one!')).toBeUndefined();
  });
  it('sign-up without accepting the guidelines is refused with the reason', async () => {
    const signingUp = accounts.register({ name: 'decliner', password: 'long enough', acceptedGuidelines: false });
    await expect(signingUp).rejects.toThrow(UserError);
    await expect(signingUp).rejects.toThrow(/guidelines/);
    expect(accounts.findByName('decliner')).toBeUndefined();
  });
});

describe('the guidelines', () => {
  it('a member made at the console accepts them later; one who signed up accepted them at joining', async () => {
    const madeAtConsole = await accounts.register({ name: 'madehere', password: 'long enough', acceptedGuidelines: 'at-first-log-in' });
    const joined = await accounts.register({ name: 'joiner', password: 'long enough', acceptedGuidelines: true });
    expect(accounts.mustAcceptGuidelines(madeAtConsole.id)).toBe(true);
    expect(accounts.mustAcceptGuidelines(joined.id)).toBe(false);
    accounts.acceptGuidelines(madeAtConsole.id);
    expect(accounts.mustAcceptGuidelines(madeAtConsole.id)).toBe(false);
  });

  it('members made before this release who never logged in are asked at their first log-in', () => {
    const old = new Database(':memory:');
    migrate(old, loadMigrations().filter((m) => m.version < 7));
    const add = old.prepare('INSERT INTO members (name, name_key, password_hash, created_at, last_login_at, guidelines_accepted_at) VALUES (?, ?, ?, 0, ?, 0)');
    add.run('never', 'never', 'x', null);
    add.run('visited', 'visited', 'x', 5);
    migrate(old);
    const pending = old.prepare('SELECT name, guidelines_pending AS p FROM members ORDER BY name').all();
    expect(pending).toEqual([
      { name: 'never', p: 1 },
      { name: 'visited', p: 0 },
    ]);
  });
});

describe('public keys', () => {
  it('a saved key logs its member in by name; another key or another name does not', async () => {
    const key = publicKeyOf();
    const other = publicKeyOf();
    const m = await accounts.register({ name: 'keyed', password: 'long enough', acceptedGuidelines: true, publicKey: key });
    await accounts.register({ name: 'neighbour', password: 'long enough', acceptedGuidelines: true });
    expect(accounts.findByKey('keyed', key)?.id).toBe(m.id);
    expect(accounts.findByKey('KEYED', key)?.id).toBe(m.id);
    expect(accounts.findByKey('keyed', other)).toBeUndefined();
    expect(accounts.findByKey('neighbour', key)).toBeUndefined();
    expect(accounts.listKeys(m.id)).toEqual([expect.objectContaining({ fingerprint: keyFingerprint(key.data) })]);
  });
  it('saving the same key twice keeps one, and says it is already saved', async () => {
    const key = publicKeyOf();
    const m = await accounts.register({ name: 'twice', password: 'long enough', acceptedGuidelines: true });
    accounts.addKey(m.id, key);
    expect(() => accounts.addKey(m.id, key)).toThrow(/already saved/);
    expect(accounts.listKeys(m.id)).toHaveLength(1);
  });
  it("a key saved by another member is refused, and stays theirs alone", async () => {
    const key = publicKeyOf();
    const owner = await accounts.register({ name: 'owner', password: 'long enough', acceptedGuidelines: true, publicKey: key });
    const other = await accounts.register({ name: 'other', password: 'long enough', acceptedGuidelines: true });
    expect(() => accounts.addKey(other.id, key)).toThrow(UserError);
    expect(() => accounts.addKey(other.id, key)).toThrow(/another member/);
    expect(accounts.listKeys(other.id)).toEqual([]);
    expect(accounts.findByKey('other', key)).toBeUndefined();
    expect(accounts.findByKey('owner', key)?.id).toBe(owner.id);
  });
  it('lists each key with its type, fingerprint, when it was added and when last used', async () => {
    let now = Date.UTC(2026, 11, 1, 9, 0);
    ({ services: { accounts } } = testServices({ now: () => now }));
    const first = publicKeyOf();
    const second = publicKeyOf();
    const m = await accounts.register({ name: 'lister', password: 'long enough', acceptedGuidelines: true, publicKey: first });
    now += 60_000;
    accounts.addKey(m.id, second);
    expect(accounts.listKeys(m.id)).toEqual([
      { id: expect.any(Number), algo: 'ssh-ed25519', fingerprint: keyFingerprint(first.data), addedAt: Date.UTC(2026, 11, 1, 9, 0), lastUsedAt: null },
      { id: expect.any(Number), algo: 'ssh-ed25519', fingerprint: keyFingerprint(second.data), addedAt: Date.UTC(2026, 11, 1, 9, 1), lastUsedAt: null },
    ]);
    now += 3_600_000;
    accounts.recordKeyLogIn(m.id, second);
    const [a, b] = accounts.listKeys(m.id);
    expect(a!.lastUsedAt).toBeNull();
    expect(b!.lastUsedAt).toBe(Date.UTC(2026, 11, 1, 10, 1));
  });
  it('a member removes one of their keys; it no longer logs them in, and nobody removes another member\'s key', async () => {
    const mine = publicKeyOf();
    const kept = publicKeyOf();
    const theirs = publicKeyOf();
    const m = await accounts.register({ name: 'remover', password: 'long enough', acceptedGuidelines: true, publicKey: mine });
    accounts.addKey(m.id, kept);
    const o = await accounts.register({ name: 'bystander', password: 'long enough', acceptedGuidelines: true, publicKey: theirs });
    const [toRemove] = accounts.listKeys(m.id);
    accounts.removeKey(m.id, toRemove!.id);
    expect(accounts.findByKey('remover', mine)).toBeUndefined();
    expect(accounts.findByKey('remover', kept)?.id).toBe(m.id);
    expect(() => accounts.removeKey(m.id, toRemove!.id)).toThrow(/no longer saved/);
    const [theirKey] = accounts.listKeys(o.id);
    expect(() => accounts.removeKey(m.id, theirKey!.id)).toThrow(UserError);
    expect(accounts.findByKey('bystander', theirs)?.id).toBe(o.id);
    // Removing every key is fine: the password still logs the member in.
    accounts.removeKey(m.id, accounts.listKeys(m.id)[0]!.id);
    expect(accounts.listKeys(m.id)).toEqual([]);
    expect((await accounts.verifyPassword('remover', 'long enough'))?.id).toBe(m.id);
  });
});

describe('changing a password', () => {
  it('needs the current password: a wrong one changes nothing', async () => {
    const m = await accounts.register({ name: 'changer', password: 'the old words', acceptedGuidelines: true });
    const before = db.prepare('SELECT password_hash FROM members WHERE id = ?').get(m.id);
    const wrong = accounts.changePassword(m, 'not the old words', 'the new words');
    await expect(wrong).rejects.toThrow(WrongPasswordError);
    await expect(wrong).rejects.toThrow('That is not your current password. Nothing was changed.');
    expect(db.prepare('SELECT password_hash FROM members WHERE id = ?').get(m.id)).toEqual(before);
    expect((await accounts.verifyPassword('changer', 'the old words'))?.id).toBe(m.id);
    expect(await accounts.verifyPassword('changer', 'the new words')).toBeUndefined();
  });
  it('keeps the sign-up rules for the new one', async () => {
    const m = await accounts.register({ name: 'ruled', password: 'the old words', acceptedGuidelines: true });
    await expect(accounts.changePassword(m, 'the old words', 'short')).rejects.toThrow(/at least 8 characters/);
    await expect(accounts.changePassword(m, 'the old words', 'x'.repeat(1025))).rejects.toThrow(/at most 1024/);
    await expect(accounts.changePassword(m, 'the old words', 'the old words')).rejects.toThrow(/same as the current one/);
    expect((await accounts.verifyPassword('ruled', 'the old words'))?.id).toBe(m.id);
  });
  it('once changed, the old password fails and the new one logs in, stored as argon2id', async () => {
    const m = await accounts.register({ name: 'renewed', password: 'the old words', acceptedGuidelines: true });
    await accounts.changePassword(m, 'the old words', 'the new words');
    expect(await accounts.verifyPassword('renewed', 'the old words')).toBeUndefined();
    expect((await accounts.verifyPassword('renewed', 'the new words'))?.id).toBe(m.id);
    const { password_hash } = db.prepare('SELECT password_hash FROM members WHERE id = ?').get(m.id) as { password_hash: string };
    expect(password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });
  it('clears a request to choose a new password', async () => {
    const m = await accounts.register({ name: 'asked', password: 'the old words', acceptedGuidelines: true });
    db.prepare('UPDATE members SET must_change_password = 1 WHERE id = ?').run(m.id);
    await accounts.changePassword(m, 'the old words', 'the new words');
    expect(db.prepare('SELECT must_change_password AS f FROM members WHERE id = ?').get(m.id)).toEqual({ f: 0 });
  });
  it('pauses after three wrong guesses in a row, even with the right one, until a quarter of an hour has passed', async () => {
    let now = Date.UTC(2026, 11, 1, 9, 0);
    ({ db, services: { accounts } } = testServices({ now: () => now }));
    const m = await accounts.register({ name: 'guessed', password: 'the old words', acceptedGuidelines: true });
    const left: number[] = [];
    for (let i = 0; i < PASSWORD_CHANGE_GUESSES; i++) {
      await accounts.changePassword(m, `guess ${i}`, 'the new words').catch((err: WrongPasswordError) => left.push(err.guessesLeft));
    }
    expect(left).toEqual([2, 1, 0]);
    await expect(accounts.changePassword(m, 'the old words', 'the new words')).rejects.toThrow(/Too many wrong passwords: please try again in 15 minutes/);
    now += PASSWORD_CHANGE_PAUSE_MS - 60_000;
    await expect(accounts.changePassword(m, 'the old words', 'the new words')).rejects.toThrow(/in 1 minute\./);
    expect((await accounts.verifyPassword('guessed', 'the old words'))?.id).toBe(m.id);
    now += 60_000;
    await accounts.changePassword(m, 'the old words', 'the new words');
    expect((await accounts.verifyPassword('guessed', 'the new words'))?.id).toBe(m.id);
  });
  it('a right guess starts the count again', async () => {
    const m = await accounts.register({ name: 'slip', password: 'the old words', acceptedGuidelines: true });
    for (const attempt of ['oops one', 'oops two']) await expect(accounts.changePassword(m, attempt, 'the new words')).rejects.toThrow(WrongPasswordError);
    await accounts.changePassword(m, 'the old words', 'the new words');
    for (const attempt of ['oops one', 'oops two']) await expect(accounts.changePassword(m, attempt, 'newer words')).rejects.toThrow(WrongPasswordError);
    await accounts.changePassword(m, 'the new words', 'newer words');
    expect((await accounts.verifyPassword('slip', 'newer words'))?.id).toBe(m.id);
  });
  it('setPassword keeps the rules too, for whoever sets it', async () => {
    const m = await accounts.register({ name: 'setter', password: 'the old words', acceptedGuidelines: true });
    await expect(accounts.setPassword(m.id, 'short')).rejects.toThrow(/at least 8/);
    await accounts.setPassword(m.id, 'set by someone');
    expect((await accounts.verifyPassword('setter', 'set by someone'))?.id).toBe(m.id);
  });
});

describe('settings', () => {
  it('a time zone is stored by its canonical name; an unknown one is refused', async () => {
    const m = await accounts.register({ name: 'zoned', password: 'long enough', acceptedGuidelines: true });
    expect(accounts.setTimeZone(m.id, 'america/new_york')).toBe('America/New_York');
    expect(accounts.findById(m.id)?.timeZone).toBe('America/New_York');
    expect(() => accounts.setTimeZone(m.id, 'Atlantis/Lost')).toThrow(/not a time zone/);
  });
  it('a time zone chosen at sign-up is kept; none chosen is UTC; an unknown one is refused', async () => {
    expect((await accounts.register({ name: 'tokyo', password: 'long enough', acceptedGuidelines: true, timeZone: 'asia/tokyo' })).timeZone).toBe('Asia/Tokyo');
    expect((await accounts.register({ name: 'nozone', password: 'long enough', acceptedGuidelines: true })).timeZone).toBe('UTC');
    await expect(accounts.register({ name: 'lost', password: 'long enough', acceptedGuidelines: true, timeZone: 'Atlantis/Lost' })).rejects.toThrow(/not a time zone/);
    expect(accounts.findByName('lost')).toBeUndefined();
  });
});
