import ssh2 from 'ssh2';
import { beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { loadMigrations, migrate, type Db } from '../../../db/open.js';
import { Accounts, keyFingerprint, nameProblem, passwordProblem } from '../../../src/services/accounts.js';
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
  it('saving the same key twice keeps one', async () => {
    const key = publicKeyOf();
    const m = await accounts.register({ name: 'twice', password: 'long enough', acceptedGuidelines: true });
    accounts.addKey(m.id, key);
    accounts.addKey(m.id, key);
    expect(accounts.listKeys(m.id)).toHaveLength(1);
  });
});

describe('settings', () => {
  it('a time zone is stored by its canonical name; an unknown one is refused', async () => {
    const m = await accounts.register({ name: 'zoned', password: 'long enough', acceptedGuidelines: true });
    expect(accounts.setTimeZone(m.id, 'america/new_york')).toBe('America/New_York');
    expect(accounts.findById(m.id)?.timeZone).toBe('America/New_York');
    expect(() => accounts.setTimeZone(m.id, 'Atlantis/Lost')).toThrow(/not a time zone/);
  });
});
