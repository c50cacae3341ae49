import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { haveOpenSsh, OpenSshClient, SshWorkspace, type OpenSshOptions } from '../helpers/openssh.js';
import { KEY } from '../helpers/screen.js';
import { skipTimeZone } from '../helpers/client.js';

// Members arrive with whatever ssh their system has; OpenSSH is the one most of them use.
// These journeys run /usr/bin/ssh itself (package openssh-client) against the real server.

let bbs: TestHaven;
let keys: SshWorkspace;
const logLines: string[] = [];
const clients: OpenSshClient[] = [];

beforeAll(async () => {
  if (!haveOpenSsh()) throw new Error('The OpenSSH client is needed here: apt-get install -y openssh-client');
  keys = new SshWorkspace();
  bbs = await startTestHaven({ log: createLogger('debug', (line) => logLines.push(line)) });
});
afterEach(() => {
  for (const c of clients.splice(0)) c.end();
});
afterAll(async () => {
  await bbs?.stop();
  keys?.remove();
});

function ssh(opts: Omit<OpenSshOptions, 'port'>): OpenSshClient {
  const c = new OpenSshClient({ port: bbs.port, ...opts });
  clients.push(c);
  return c;
}

/** The sizes the server was given in pty requests, in order. */
function ptySizes(): Array<{ cols: number; rows: number }> {
  return logLines
    .map((l) => JSON.parse(l) as { event: string; cols: number; rows: number })
    .filter((e) => e.event === 'pty requested')
    .map(({ cols, rows }) => ({ cols, rows }));
}

describe('the real OpenSSH client', () => {
  it('a newcomer signs up offering a key, saves it, leaves, and comes back with no password asked', async () => {
    const asked = keys.askpass('never-asked', 'not used');
    const first = ssh({ username: 'heron', identity: keys.keyPath, askpass: asked.program });
    await first.waitFor('Choose a name');
    first.send(KEY.enter);
    await first.waitFor('Choose a password');
    first.line('reeds and water');
    await first.waitFor('Type the password again');
    first.line('reeds and water');
    await skipTimeZone(first);
    await first.waitFor('Do you accept the guidelines');
    first.send('y');
    const offer = await first.waitFor('Save it');
    // The fingerprint shown is the one ssh-keygen gives for the same key.
    expect(offer).toContain(keys.fingerprint());
    first.send('y');
    await first.waitFor('Main menu');
    expect(first.text()).toContain('Welcome, heron');
    first.send('G');
    await first.waitFor('Log off?');
    first.send('y');
    expect(await first.exited()).toBe(0);
    expect(first.raw).toContain('Goodbye, and take care');
    expect(bbs.haven.services.accounts.findByName('heron')).toBeDefined();

    const again = ssh({ username: 'heron', identity: keys.keyPath, askpass: asked.program });
    await again.waitFor('Main menu');
    expect(again.text()).toContain('Welcome, heron');
    expect(asked.prompts()).toEqual([]);
    expect(again.stderr).toBe('');
    again.send('G');
    await again.waitFor('Log off?');
    again.send('y');
    expect(await again.exited()).toBe(0);
  });

  it('an existing member logs in with -i and a password, saves the key in Settings, and the next ssh -i needs no password', async () => {
    const own = new SshWorkspace();
    try {
      await bbs.haven.services.accounts.register({ name: 'dunlin', password: 'mud and tide', acceptedGuidelines: true });
      const password = own.askpass('dunlin-password', 'mud and tide');
      const first = ssh({ username: 'dunlin', identity: own.keyPath, askpass: password.program });
      await first.waitFor('Main menu');
      // ssh signed with the key, was refused, and went on to ask for the password: once.
      expect(password.prompts()).toEqual(["dunlin@127.0.0.1's password: "]);
      first.send('S');
      await first.waitFor(/Log-in keys\s+none saved, 1 to add/);
      first.send('K');
      await first.waitFor('(no keys saved: your password logs you in)');
      // The key offered is the one ssh-keygen fingerprints, the same way.
      await first.waitFor(own.fingerprint());
      first.send('A');
      await first.waitFor(`The key ${own.fingerprint()} is saved`);
      first.press('escape');
      await first.waitFor(/Log-in keys\s+1 saved/);
      first.press('escape');
      await first.waitFor('Main menu');
      first.send('G');
      await first.waitFor('Log off?');
      first.send('y');
      expect(await first.exited()).toBe(0);

      const asked = own.askpass('dunlin-never', 'not used');
      const again = ssh({ username: 'dunlin', identity: own.keyPath, askpass: asked.program });
      await again.waitFor('Main menu');
      expect(again.text()).toContain('Welcome, dunlin');
      expect(asked.prompts()).toEqual([]);
      expect(again.stderr).toBe('');
      const dunlin = bbs.haven.services.accounts.findByName('dunlin')!;
      expect(bbs.haven.services.accounts.listKeys(dunlin.id)).toEqual([
        expect.objectContaining({ fingerprint: own.fingerprint(), lastUsedAt: expect.any(Number) }),
      ]);
      again.send('G');
      await again.waitFor('Log off?');
      again.send('y');
      expect(await again.exited()).toBe(0);
    } finally {
      own.remove();
    }
  });

  it('a member logs in with a password typed at ssh\'s own prompt', async () => {
    await bbs.haven.services.accounts.register({ name: 'plover', password: 'sand and shingle', acceptedGuidelines: true });
    const answer = keys.askpass('plover', 'sand and shingle');
    const c = ssh({ username: 'plover', askpass: answer.program });
    await c.waitFor('Main menu');
    expect(c.text()).toContain('Welcome, plover');
    // One prompt, ssh's own: members are offered the password method, not keyboard-interactive.
    expect(answer.prompts()).toEqual(["plover@127.0.0.1's password: "]);
    c.send('G');
    await c.waitFor('Log off?');
    c.send('y');
    expect(await c.exited()).toBe(0);
  });

  it('emoji, a flag and a family typed in a chat line arrive as typed', async () => {
    await bbs.haven.services.accounts.register({ name: 'tern', password: 'salt and spray', acceptedGuidelines: true });
    const answer = keys.askpass('tern', 'salt and spray');
    const c = ssh({ username: 'tern', askpass: answer.program, preferredAuthentications: 'keyboard-interactive,password' });
    await c.waitFor('Main menu');
    c.send('C');
    await c.waitFor('Choose a room');
    c.send(KEY.enter);
    await c.waitFor(/Lobby . \d+ here:/);
    const said = 'moon 🌙 here 你好 😢 💙 👋🏽 🇬🇧 👨‍👩‍👧 end';
    // Typed in two writes cut inside the moon's four bytes, as a slow terminal may send it.
    const bytes = Buffer.from(said, 'utf8');
    c.child.stdin.write(bytes.subarray(0, 7));
    c.child.stdin.write(bytes.subarray(7));
    c.send(KEY.enter);
    await c.waitFor('tern: moon 🌙 here 你好 😢 💙');
    const row = bbs.haven.db.prepare("SELECT body FROM chat_lines WHERE author_name = 'tern'").get() as { body: string } | undefined;
    expect(row?.body).toBe(said);
    c.press('escape');
    await c.waitFor('Choose a room');
    c.press('escape');
    await c.waitFor('Main menu');
    c.send('G');
    await c.waitFor('Log off?');
    c.send('y');
    expect(await c.exited()).toBe(0);
  });

  it('three wrong passwords end the connection with a reason ssh prints, and no fourth prompt', async () => {
    await bbs.haven.services.accounts.register({ name: 'curlew', password: 'the right words', acceptedGuidelines: true });
    for (const prompts of [3, 10]) {
      const wrong = keys.askpass(`curlew${prompts}`, 'the wrong words');
      const c = ssh({ username: 'curlew', askpass: wrong.program, options: [`NumberOfPasswordPrompts=${prompts}`] });
      expect(await c.exited(10_000)).toBe(255);
      expect(wrong.prompts()).toHaveLength(3);
      // The server closed the connection and said why; ssh did not give up on its own.
      expect(c.stderr).toMatch(/Received disconnect from .*:14: Too many failed log-in attempts/);
      expect(c.raw).not.toContain('Main menu');
    }
  });

  it('a command instead of a shell is told how to connect, and ssh exits non-zero', async () => {
    for (const tty of [true, false]) {
      const c = ssh({ username: 'heron', identity: keys.keyPath, command: 'ls -la', tty });
      expect(await c.exited()).toBe(1);
      expect(c.raw).toContain('needs an interactive terminal');
      expect(c.raw).toMatch(/Connect with: ssh -p \d+ yourname@/);
    }
  });

  it('Ctrl-R opens the crisis resources from the main menu', async () => {
    const c = ssh({ username: 'heron', identity: keys.keyPath });
    await c.waitFor('Main menu');
    c.press('ctrlR');
    await c.waitFor('IF YOU ARE IN DANGER RIGHT NOW');
    c.press('escape');
    await c.waitFor('Main menu');
    c.send('G');
    await c.waitFor('Log off?');
    c.send('y');
    expect(await c.exited()).toBe(0);
  });

  it('when the BBS shuts down, the member reads why and ssh ends without an error', async () => {
    const other = await startTestHaven();
    try {
      await other.haven.services.accounts.register({ name: 'tern', password: 'salt and spray', acceptedGuidelines: true });
      const answer = keys.askpass('tern', 'salt and spray');
      const c = new OpenSshClient({ port: other.port, username: 'tern', askpass: answer.program });
      clients.push(c);
      await c.waitFor('Main menu');
      await other.haven.stop('Haven is going down for maintenance.');
      expect(await c.exited()).toBe(0);
      expect(c.raw).toContain('*** Haven is going down for maintenance. ***');
      expect(c.stderr).toBe('');
    } finally {
      await other.stop();
    }
  });

  it('with stdin a pipe, ssh reports no window size and the screen is laid out at 80x24', async () => {
    const before = ptySizes().length;
    const c = ssh({ username: 'heron', identity: keys.keyPath });
    const text = await c.waitFor('Main menu');
    const reported = ptySizes().slice(before);
    expect(reported).toHaveLength(1);
    // OpenSSH sends the size of its stdin's terminal, 0x0 when there is none.
    expect(reported[0]).toEqual({ cols: 0, rows: 0 });
    const lines = text.split('\n');
    // The header fills the 80 columns (the online count at its right end), the footer is on row 24.
    expect(lines[0]).toMatch(/^ Haven - Main menu\s+1 online ?$/);
    expect(lines[0]!.length).toBe(80);
    expect(lines[23]).toContain('[G]');
    expect(lines[23]).toContain('Help now');
    c.send('G');
    await c.waitFor('Log off?');
    c.send('y');
    expect(await c.exited()).toBe(0);
  });
});
