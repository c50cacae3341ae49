import { hostname } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MemberExportData } from '../../src/services/member-export.js';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { haveOpenSsh, OpenSshClient, SshWorkspace, type OpenSshOptions } from '../helpers/openssh.js';

// `ssh -i key -p PORT NAME@host export > my-haven.json`, with /usr/bin/ssh itself.

let bbs: TestHaven;
let keys: SshWorkspace;
const clients: OpenSshClient[] = [];

beforeAll(async () => {
  if (!haveOpenSsh()) throw new Error('The OpenSSH client is needed here: apt-get install -y openssh-client');
  keys = new SshWorkspace();
  bbs = await startTestHaven();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.end();
});
afterAll(async () => {
  await bbs?.stop();
  keys?.remove();
});

function ssh(opts: Omit<OpenSshOptions, 'port'>): OpenSshClient {
  const c = new OpenSshClient({ port: bbs.port, tty: false, ...opts });
  clients.push(c);
  return c;
}

describe('export over the OpenSSH client', () => {
  it('prints the member\'s data as JSON and exits 0: their posts and mail, nothing of mail between others', async () => {
    const { accounts, mail, boards } = bbs.haven.services;
    const [algo, base64] = keys.publicKey().split(' ');
    const join = (name: string, withKey = false) =>
      accounts.register({
        name,
        password: 'correct horse',
        acceptedGuidelines: true,
        publicKey: withKey ? { algo: algo!, data: Buffer.from(base64!, 'base64') } : undefined,
      });
    const [dana, eli, fern] = [await join('dana', true), await join('eli'), await join('fern')];
    // Mail's wait for new accounts does not apply to these.
    bbs.haven.services.settings.set('mail.new_account_hours', 0);
    const board = boards.list(dana).find((b) => b.slug === 'introductions')!.id;
    boards.posts.startThread(dana, board, { subject: 'Hello from dana', body: 'dana is new here' });
    mail.send(dana, { to: 'eli', subject: 'to eli', body: 'dana writes to eli' });
    mail.send(eli, { to: 'dana', subject: 'to dana', body: 'eli writes back to dana' });
    mail.send(fern, { to: 'eli', subject: 'private', body: 'fern and eli only' });

    const c = ssh({ username: 'dana', identity: keys.keyPath, command: 'export' });
    expect(await c.exited()).toBe(0);
    const data = JSON.parse(c.raw) as MemberExportData;
    expect(data.member.name).toBe('dana');
    expect(data.keys.map((k) => k.fingerprint)).toEqual([keys.fingerprint()]);
    // This very export logged in with the key: its last use is now.
    expect(Date.parse(data.keys[0]!.lastUsedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(data.posts.map((p) => p.body)).toEqual(['dana is new here']);
    expect(data.mail.sent.map((m) => m.body)).toEqual(['dana writes to eli']);
    expect(data.mail.received.map((m) => m.body)).toEqual(['eli writes back to dana']);
    expect(c.raw).not.toContain('fern and eli only');
  });

  it('a name with no member behind it is refused, with nothing on stdout', async () => {
    const c = ssh({ username: 'nobody_yet', identity: keys.keyPath, command: 'export' });
    expect(await c.exited()).not.toBe(0);
    expect(c.raw).toBe('');
    expect(c.stderr).toContain('There is no member by that name');
  });

  it('any other command is refused with how to connect and the one command there is, without the host\'s name', async () => {
    const c = ssh({ username: 'dana', identity: keys.keyPath, command: 'cat /etc/passwd' });
    expect(await c.exited()).not.toBe(0);
    expect(c.raw).toContain('needs an interactive terminal');
    expect(c.raw).toContain('export');
    expect(c.raw).not.toContain(hostname());
    expect(c.raw).not.toContain('127.0.0.1');
    expect(c.raw).toMatch(/ssh -p \d+ yourname@<address>/);
  });
});
