import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import type { ServerLimits } from '../../src/server/ssh-server.js';
import { CONNECTION_STATUS_FILE } from '../../src/server/connection-status.js';
import { DEFAULT_PENALTY_LIMITS } from '../../src/server/source-penalties.js';
import { guessPasswords, openShell, persistentLogIn, publicKeyOf, silentSocket, sourceAddress, sshLogIn, timedMemberLogIn } from './attackers.js';

// Each numbered attack of the hardening issue in a short form, with an honest member's log-in
// timed while it runs. Deadlines are generous: two shared cores can be very slow, and the
// point is that the member gets in at all, where before the attack kept them out.
const MEMBER_MS = 20_000;
const PASSWORD = 'a long honest password';
const honestAddress = (n: number) => `127.250.0.${n}`;

async function server(limits: Partial<ServerLimits>, members: string[] = ['honest']): Promise<TestHaven> {
  const bbs = await startTestHaven({ limits });
  for (const name of members) await bbs.haven.services.accounts.register({ name, password: PASSWORD, acceptedGuidelines: true });
  return bbs;
}

describe('attack 1: one address fills the session slots with sign-ups', () => {
  let bbs: TestHaven;
  beforeAll(async () => {
    bbs = await server({ signupDeadlineMs: 6000 }, ['honest', ...Array.from({ length: 20 }, (_, i) => `clinic${i}`)]);
  });
  afterAll(() => bbs.stop());

  it('only a few sign-ups per address get a screen, they end kindly at the deadline, and a member gets in meanwhile', async () => {
    const attacker = sourceAddress(11, 0);
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        try {
          const conn = await sshLogIn({ port: bbs.port, localAddress: attacker, username: `flood${i}` });
          const channel = await openShell(conn, 'Choose a name');
          let text = '';
          channel.on('data', (d: Buffer) => (text += d.toString('utf8')));
          return { conn, text: () => text, closed: new Promise<void>((r) => conn.once('close', () => r())) };
        } catch {
          return undefined;
        }
      }),
    );
    const held = outcomes.filter((o) => o !== undefined);
    expect(held).toHaveLength(5);
    const ms = await timedMemberLogIn({ port: bbs.port, localAddress: honestAddress(1), username: 'honest', password: PASSWORD });
    console.log(`attack 1: member's password log-in took ${ms} ms during the sign-up flood`);
    expect(ms).toBeLessThan(MEMBER_MS);
    await Promise.all(held.map((h) => h.closed));
    for (const h of held) expect(h.text()).toContain('Sign-up has a time limit of 6 seconds');
  });

  it('twenty members behind one address (a clinic) all log in at the same minute', async () => {
    const clinic = sourceAddress(12, 0);
    const started = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => timedMemberLogIn({ port: bbs.port, localAddress: clinic, username: `clinic${i}`, password: PASSWORD })),
    );
    console.log(`attack 1: 20 log-ins from one address took ${Date.now() - started} ms`);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
  });
});

describe('attack 2: connections that never become sessions', () => {
  let bbs: TestHaven;
  beforeAll(async () => {
    bbs = await server({ shellDeadlineMs: 3000 });
  });
  afterAll(() => bbs.stop());

  it('a pty without a shell, nothing at all, or a refused sftp are closed within the shell deadline', async () => {
    const address = (n: number) => sourceAddress(21, n);
    const started = Date.now();
    const ptyOnly = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const conn = await sshLogIn({ port: bbs.port, localAddress: address(10 + i), username: `ptyonly${i}` });
        // The shell request is never sent: only the pty.
        (conn as unknown as { _protocol: { shell: () => void } })._protocol.shell = () => {};
        conn.shell({ term: 'xterm', cols: 80, rows: 24 }, () => {});
        return new Promise<number>((r) => conn.once('close', () => r(Date.now() - started)));
      }),
    );
    const idle = await sshLogIn({ port: bbs.port, localAddress: address(1), username: 'nothing' });
    const idleClosed = new Promise<number>((r) => idle.once('close', () => r(Date.now() - started)));
    const sftp = await sshLogIn({ port: bbs.port, localAddress: address(2), username: 'sftpuser' });
    const sftpStarted = Date.now();
    const sftpClosed = new Promise<number>((r) => sftp.once('close', () => r(Date.now() - sftpStarted)));
    sftp.sftp(() => {});

    const ms = await timedMemberLogIn({ port: bbs.port, localAddress: honestAddress(2), username: 'honest', password: PASSWORD });
    console.log(`attack 2: member's log-in took ${ms} ms`);
    expect(ms).toBeLessThan(MEMBER_MS);
    const closedAt = await Promise.all([...ptyOnly, idleClosed]);
    for (const t of closedAt) expect(t).toBeLessThan(25_000);
    // A refused subsystem ends the connection at once rather than at the deadline.
    expect(await sftpClosed).toBeLessThan(2500);
    // And each counts against its address.
    const scores = bbs.haven.server.snapshot().penalised;
    expect(scores.length).toBeGreaterThanOrEqual(3);
  });
});

describe('attack 3: brute force from 20 addresses fills the hasher', () => {
  let bbs: TestHaven;
  beforeAll(async () => {
    // Guessing one name is slowed on its own (attack 5): here the hasher alone is under test.
    const victims = Array.from({ length: 20 }, (_, i) => `victim${i}`);
    bbs = await server({ nameThrottle: { freeFailures: 1000, baseDelayMs: 1000, maxDelayMs: 1000, halfLifeMs: 60_000, maxNames: 100 } }, ['honest', ...victims]);
  });
  afterAll(() => bbs.stop());

  it('a member with the right password gets in on the first try while 200 guesses run', async () => {
    let guesses = 0;
    const attack = Promise.all(
      Array.from({ length: 20 }, async (_, a) => {
        // Four connections at once from each address, three guesses each at members' names.
        const sent = await Promise.all(Array.from({ length: 4 }, (_, c) => guessPasswords(bbs.port, sourceAddress(31, a), `victim${(a + c) % 20}`)));
        guesses += sent.reduce((x, y) => x + y, 0);
      }),
    );
    // Let the queue fill before the member arrives.
    await new Promise((r) => setTimeout(r, 500));
    const times: number[] = [];
    for (let i = 0; i < 3; i++) times.push(await timedMemberLogIn({ port: bbs.port, localAddress: honestAddress(3), username: 'honest', password: PASSWORD }));
    await attack;
    console.log(`attack 3: ${guesses} guesses; member's log-ins took ${times.join(', ')} ms`);
    expect(guesses).toBeGreaterThanOrEqual(200);
    for (const t of times) expect(t).toBeLessThan(MEMBER_MS);
  });
});

describe('attack 4: silent sockets hold every unauthenticated slot', () => {
  let bbs: TestHaven;
  beforeAll(async () => {
    bbs = await server({ handshakeDeadlineMs: 3000 });
  });
  afterAll(() => bbs.stop());

  it('the member gets in, the silent sockets are dropped, and their addresses are then refused before the handshake', async () => {
    const silent = Array.from({ length: 200 }, (_, i) => silentSocket(bbs.port, sourceAddress(41, i % 10)));
    await Promise.all(silent.map((s) => new Promise((r) => (s.socket.connecting ? s.socket.once('connect', r) : r(null)))));
    const { ms, tries } = await persistentLogIn({ port: bbs.port, localAddress: honestAddress(4), username: 'honest', password: PASSWORD }, 60_000);
    console.log(`attack 4: member got in after ${ms} ms and ${tries} tries`);
    expect(ms).toBeLessThan(30_000);
    const closed = await Promise.all(silent.map((s) => s.closed));
    expect(Math.max(...closed)).toBeLessThan(30_000);
    const again = silentSocket(bbs.port, sourceAddress(41, 0));
    expect(await again.closed).toBeLessThan(2000);
    expect(again.greeted()).toBe(false);
    const refusing = bbs.haven.server.snapshot().penalised.filter((p) => p.refusing);
    expect(refusing).toHaveLength(10);
  });
});

describe('attack 5: one address guesses one name as fast as it can', () => {
  let bbs: TestHaven;
  const pair = ssh2.utils.generateKeyPairSync('ed25519');
  beforeAll(async () => {
    // A lower threshold than the default (12) so the address is still refused when the held answers come back.
    bbs = await server({ penalties: { ...DEFAULT_PENALTY_LIMITS, refuseAt: 6 } }, []);
    const target = await bbs.haven.services.accounts.register({ name: 'target', password: PASSWORD, acceptedGuidelines: true });
    bbs.haven.services.accounts.addKey(target.id, publicKeyOf(pair));
  });
  afterAll(() => bbs.stop());

  it('is slowed to a dozen guesses and then refused, while the member still logs in by key and by password', async () => {
    const attacker = sourceAddress(51, 0);
    let guesses = 0;
    // Four scripts, each reconnecting the moment the server lets it go.
    const started = Date.now();
    const attack = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (Date.now() - started < 8000) {
          const sent = await guessPasswords(bbs.port, attacker, 'target');
          guesses += sent;
          if (!sent) await new Promise((r) => setTimeout(r, 20));
        }
      }),
    );
    const byKey = await timedMemberLogIn({ port: bbs.port, localAddress: honestAddress(5), username: 'target', privateKey: pair.private });
    const byPassword = await timedMemberLogIn({ port: bbs.port, localAddress: honestAddress(6), username: 'target', password: PASSWORD });
    await attack;
    console.log(`attack 5: ${guesses} guesses in 8 s (was ~400); member by key ${byKey} ms, by password ${byPassword} ms`);
    // Before: ~51 a second. Now the address is refused once its failures reach the threshold.
    expect(guesses).toBeLessThan(30);
    expect(byKey).toBeLessThan(MEMBER_MS);
    expect(byPassword).toBeLessThan(MEMBER_MS);
    // The sysop sees the source as a hash with its counts; no address is written anywhere.
    const [row] = bbs.haven.server.snapshot().penalised;
    expect(row!.authFailures).toBeGreaterThanOrEqual(12);
    // A further script from that address is refused before the server says a word.
    const again = silentSocket(bbs.port, attacker);
    expect(await again.closed).toBeLessThan(2000);
    expect(again.greeted()).toBe(false);
    const [after] = bbs.haven.server.snapshot().penalised;
    expect(after).toMatchObject({ refusing: true });
    expect(after!.connectionsRefused).toBeGreaterThan(0);
    await expect.poll(() => existsSync(join(bbs.dataDir, CONNECTION_STATUS_FILE)), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => readFileSync(join(bbs.dataDir, CONNECTION_STATUS_FILE), 'utf8'), { timeout: 10_000 }).toContain(row!.source);
    expect(readFileSync(join(bbs.dataDir, CONNECTION_STATUS_FILE), 'utf8')).not.toMatch(/127\.\d+\.\d+\.\d+/);
  });
});
