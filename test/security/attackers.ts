import { connect as tcpConnect, type Socket } from 'node:net';
import ssh2, { type ClientChannel } from 'ssh2';
import type { PublicKey } from '../../src/services/accounts.js';

/**
 * Scripted clients as an attacker would write them, each bound to its own loopback source
 * address: all of 127/8 is loopback, so one machine plays many networks.
 */
export function sourceAddress(block: number, n: number): string {
  return `127.${block}.${Math.floor(n / 250)}.${(n % 250) + 1}`;
}

/** A TCP socket that never says a word; resolves `closed` when the server drops it. */
export function silentSocket(port: number, localAddress: string): { socket: Socket; greeted: () => boolean; closed: Promise<number> } {
  const started = Date.now();
  const socket = tcpConnect({ port, host: '127.0.0.1', localAddress });
  let greeted = false;
  socket.on('error', () => {});
  socket.on('data', () => (greeted = true));
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
  return { socket, greeted: () => greeted, closed };
}

export interface Attempt {
  port: number;
  localAddress: string;
  username: string;
  password?: string;
  privateKey?: string | Buffer;
  /** What to do once logged in (default: nothing; the caller holds `conn`). */
  readyTimeoutMs?: number;
}

/** Logs in and resolves the open connection, or rejects with why it did not get in. */
export function sshLogIn(a: Attempt): Promise<InstanceType<typeof ssh2.Client>> {
  const conn = new ssh2.Client();
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      conn.end();
      reject(new Error(why));
    };
    conn.on('keyboard-interactive', (_n, _i, _l, prompts, finish) => finish(prompts.map(() => a.password ?? '')));
    conn.once('ready', () => {
      settled = true;
      conn.on('error', () => {});
      resolve(conn);
    });
    conn.on('error', (err) => fail(err.message));
    conn.once('close', () => fail('closed before log-in'));
    conn.connect({
      host: '127.0.0.1',
      port: a.port,
      localAddress: a.localAddress,
      username: a.username,
      password: a.password,
      privateKey: a.privateKey,
      tryKeyboard: a.password === undefined,
      readyTimeout: a.readyTimeoutMs ?? 30_000,
      hostVerifier: () => true,
    });
  });
}

/** Opens the shell with a pty and resolves once `text` has arrived (the main menu, sign-up…). */
export function openShell(conn: InstanceType<typeof ssh2.Client>, text: string, timeoutMs = 30_000): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${text}" within ${timeoutMs} ms`)), timeoutMs);
    conn.shell({ term: 'xterm-256color', cols: 80, rows: 24 }, (err, channel) => {
      if (err) {
        clearTimeout(timer);
        return reject(err);
      }
      let seen = '';
      channel.on('data', (d: Buffer) => {
        seen += d.toString('utf8');
        if (seen.includes(text)) {
          clearTimeout(timer);
          resolve(channel);
        }
      });
      channel.once('close', () => {
        clearTimeout(timer);
        reject(new Error(`channel closed before "${text}": ${seen.slice(-200)}`));
      });
    });
  });
}

/** An honest member's log-in from first packet to the main menu, in milliseconds. */
export async function timedMemberLogIn(a: Attempt): Promise<number> {
  const started = Date.now();
  const conn = await sshLogIn(a);
  try {
    await openShell(conn, 'Main menu');
    return Date.now() - started;
  } finally {
    conn.end();
  }
}

/** Keeps trying, as a person pressing Enter again would, until in; returns the total time. */
export async function persistentLogIn(a: Attempt, withinMs: number): Promise<{ ms: number; tries: number }> {
  const started = Date.now();
  for (let tries = 1; ; tries++) {
    try {
      await timedMemberLogIn(a);
      return { ms: Date.now() - started, tries };
    } catch (err) {
      if (Date.now() - started > withinMs) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** One connection guessing passwords for `username` until the server stops it; resolves the guesses sent. */
export function guessPasswords(port: number, localAddress: string, username: string, maxGuesses = 3): Promise<number> {
  const conn = new ssh2.Client();
  let sent = 0;
  return new Promise((resolve) => {
    conn.on('error', () => {});
    conn.once('close', () => resolve(sent));
    conn.on('ready', () => conn.end());
    conn.connect({
      host: '127.0.0.1',
      port,
      localAddress,
      username,
      readyTimeout: 60_000,
      hostVerifier: () => true,
      authHandler: (_methods, _partial, next) => {
        if (sent >= maxGuesses) return next(false as never);
        sent++;
        next({ type: 'password', username, password: `guess ${Math.random()}` });
      },
    });
  });
}

export function publicKeyOf(pair: { public: string }): PublicKey {
  const parsed = ssh2.utils.parseKey(pair.public);
  if (parsed instanceof Error) throw parsed;
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return { algo: key.type, data: key.getPublicSSH() };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
