import { spawn, spawnSync } from 'node:child_process';
import ssh2 from 'ssh2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { findBinary, TerminalProgram, TMUX } from '../helpers/tmux.js';
import { SshWorkspace } from '../helpers/openssh.js';

// Members arrive with the ssh their system has: OpenSSH on most desktops, PuTTY's plink,
// Dropbear's dbclient on routers and small devices. Each runs here in a real terminal
// (tmux), asking for the password at its own prompt as it would for a person.

const tmux = findBinary(TMUX);
const clients = {
  openssh: { bin: findBinary('/usr/bin/ssh'), pkg: 'openssh-client' },
  plink: { bin: findBinary('/usr/bin/plink'), pkg: 'putty-tools' },
  dbclient: { bin: findBinary('/usr/bin/dbclient'), pkg: 'dropbear-bin' },
};

/** A test title that says why it was skipped when a program it needs is not installed. */
function needs(title: string, which: keyof typeof clients): [string, boolean] {
  const { bin, pkg } = clients[which];
  if (!tmux) return [`${title} (skipped: tmux is not installed; apt-get install -y tmux)`, true];
  if (!bin) return [`${title} (skipped: ${which} is not installed; apt-get install -y ${pkg})`, true];
  return [title, false];
}

let bbs: TestHaven;
const running: TerminalProgram[] = [];

beforeAll(async () => {
  bbs = await startTestHaven();
});
afterEach(async () => {
  for (const p of running.splice(0)) await p.end();
});
afterAll(async () => {
  await bbs?.stop();
});

function inTerminal(command: string[]): TerminalProgram {
  const program = new TerminalProgram(command);
  running.push(program);
  return program;
}

const commandFor = {
  openssh: (name: string) => [
    clients.openssh.bin!, '-F', '/dev/null', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
    '-o', 'LogLevel=ERROR', '-o', 'PubkeyAuthentication=no', '-p', String(bbs.port), `${name}@127.0.0.1`,
  ],
  // -no-antispoof: after any log-in on a terminal, plink asks for Return before the session
  // (its own defence against servers imitating its prompts; no server can avoid it).
  plink: (name: string) => [clients.plink.bin!, '-ssh', '-no-antispoof', '-P', String(bbs.port), '-hostkey', bbs.haven.fingerprint, `${name}@127.0.0.1`],
  dbclient: (name: string) => [clients.dbclient.bin!, '-y', '-p', String(bbs.port), `${name}@127.0.0.1`],
};

async function member(name: string, password: string): Promise<void> {
  await bbs.haven.services.accounts.register({ name, password, acceptedGuidelines: true });
}

describe('every ssh client reaches the main menu', () => {
  for (const which of ['openssh', 'plink', 'dbclient'] as const) {
    const [title, skip] = needs(`a member logs in with ${which}, typing the password at its own prompt, and lands on the main menu`, which);
    it.skipIf(skip)(title, async () => {
      const name = `m_${which}`;
      await member(name, 'quiet harbour lights');
      const c = inTerminal(commandFor[which](name));
      // The client's own password prompt, not a block of server prompts (PuTTY frames those).
      const asked = await c.waitFor(`${name}@127.0.0.1's password:`);
      expect(asked).not.toMatch(/keyboard-interactive/i);
      await c.type('quiet harbour lights');
      await c.press('Enter');
      // Nothing more to answer: no second prompt, no key to press.
      const menu = await c.waitFor('Main menu');
      expect(menu).toContain(`Welcome, ${name}`);
      await c.type('G');
      await c.waitFor('Log off?');
      await c.type('y');
      await c.waitFor('Goodbye, and take care');
      await c.exited();
    });
  }

  for (const which of ['openssh', 'plink', 'dbclient'] as const) {
    const [title, skip] = needs(`a newcomer connecting with ${which} is asked for nothing and lands on sign-up`, which);
    it.skipIf(skip)(title, async () => {
      const c = inTerminal(commandFor[which](`n_${which}`));
      const text = await c.waitFor('Choose a name');
      expect(text).not.toMatch(/password:|keyboard-interactive/i);
      await c.press('Escape');
      await c.exited();
    });
  }

  it("the key exchange agreed is the client's favourite, whatever the server lists first", async () => {
    const conn = new ssh2.Client();
    const kex = await new Promise<string>((resolve, reject) => {
      conn.on('handshake', (negotiated) => resolve(negotiated.kex));
      conn.on('error', reject);
      conn.connect({ host: '127.0.0.1', port: bbs.port, username: 'anyone', readyTimeout: 20_000 });
    });
    conn.end();
    // ssh2's client, like OpenSSH, lists curve25519 first: about 5 ms a handshake.
    expect(kex).toMatch(/^curve25519-sha256/);
  });
});

/** Runs a client to its end without a terminal: all it prints, and how it exited. */
function runToEnd(command: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { env: { PATH: process.env.PATH, HOME: keys.dir, ...env }, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stdin.end();
    const timer = setTimeout(() => child.kill(), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

let keys: SshWorkspace;

describe('a member whose client offers a key that is not saved', () => {
  // The server asks the client to sign with the key (so that the member may save it once
  // logged in), then refuses it: each client must go on to the password all the same.
  beforeAll(() => {
    keys = new SshWorkspace();
  });
  afterAll(() => keys?.remove());

  const signedIn = 'needs an interactive terminal';
  for (const which of ['plink', 'dbclient'] as const) {
    const [title, skip] = needs(`still logs in by password with ${which}`, which);
    it.skipIf(skip)(title, async () => {
      const name = `k_${which}`;
      await member(name, 'keys and harbours');
      let result: { code: number | null; out: string };
      if (which === 'plink') {
        const ppk = `${keys.keyPath}.ppk`;
        expect(spawnSync('/usr/bin/puttygen', [keys.keyPath, '-O', 'private', '-o', ppk]).status).toBe(0);
        result = await runToEnd([clients.plink.bin!, '-batch', '-ssh', '-v', '-P', String(bbs.port), '-hostkey', bbs.haven.fingerprint,
          '-i', ppk, '-pw', 'keys and harbours', `${name}@127.0.0.1`, 'menu']);
        // PuTTY says so in its log (and on a member's terminal) before it sends the password.
        expect(result.out).toContain('Sent public key signature');
        expect(result.out).toContain('Access granted');
      } else {
        const dropbearKey = `${keys.keyPath}.dropbear`;
        expect(spawnSync('/usr/bin/dropbearconvert', ['openssh', 'dropbear', keys.keyPath, dropbearKey]).status).toBe(0);
        result = await runToEnd([clients.dbclient.bin!, '-y', '-y', '-p', String(bbs.port), '-i', dropbearKey, `${name}@127.0.0.1`, 'menu'],
          { DROPBEAR_PASSWORD: 'keys and harbours' });
      }
      // Logged in: the server answers the command with how to connect for a session.
      expect(result.out).toContain(signedIn);
      expect(result.code).toBe(1);
    });
  }
});
