import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadlessScreen, KEY } from './screen.js';

export const SSH = '/usr/bin/ssh';

/** True when the OpenSSH client is installed (the real-client tests need it). */
export function haveOpenSsh(): boolean {
  return existsSync(SSH) && existsSync('/usr/bin/ssh-keygen');
}

/** A scratch directory holding an ed25519 key pair made by ssh-keygen, and askpass scripts. */
export class SshWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'haven-openssh-'));
  readonly keyPath = join(this.dir, 'key');

  constructor() {
    const made = spawnSync('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'haven test', '-f', this.keyPath], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`ssh-keygen failed: ${made.stderr}`);
  }

  /** The public key line (`ssh-ed25519 AAAA… comment`). */
  publicKey(): string {
    return readFileSync(`${this.keyPath}.pub`, 'utf8').trim();
  }

  /** The key's SHA256 fingerprint as ssh-keygen prints it. */
  fingerprint(): string {
    const out = spawnSync('/usr/bin/ssh-keygen', ['-l', '-E', 'sha256', '-f', `${this.keyPath}.pub`], { encoding: 'utf8' });
    const match = /SHA256:[A-Za-z0-9+/]+/.exec(out.stdout);
    if (!match) throw new Error(`ssh-keygen -l failed: ${out.stderr}`);
    return match[0];
  }

  /**
   * An SSH_ASKPASS program that answers every prompt with `answer` and notes each prompt it
   * was shown in `<name>.prompts`, so a test can tell whether ssh asked for a password at all.
   */
  askpass(name: string, answer: string): { program: string; prompts(): string[] } {
    const program = join(this.dir, `${name}.sh`);
    const log = join(this.dir, `${name}.prompts`);
    writeFileSync(program, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\nprintf '%s\\n' '${answer.replace(/'/g, `'\\''`)}'\n`);
    chmodSync(program, 0o700);
    return { program, prompts: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []) };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface OpenSshOptions {
  port: number;
  username: string;
  /** Offer this private key (and only it). */
  identity?: string;
  /** Run this command instead of asking for a shell. */
  command?: string;
  /** -tt (a pty even though stdin is a pipe); false sends -T. */
  tty?: boolean;
  /** Where ssh reads passwords from: an SSH_ASKPASS program, forced. */
  askpass?: string;
  /** Overrides PreferredAuthentications. */
  preferredAuthentications?: string;
  /** More `-o` options, e.g. 'NumberOfPasswordPrompts=10'. */
  options?: string[];
  /** The size of the local view: what the server lays out at when ssh reports none. */
  cols?: number;
  rows?: number;
  term?: string;
}

/**
 * A member at the real OpenSSH client: ssh runs as a child process with piped stdio, its
 * output is fed to a headless terminal, and keys are written to its stdin. Mirrors
 * MemberClient (waitFor, send, line, text, closed).
 */
export class OpenSshClient {
  readonly screen: HeadlessScreen;
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with ssh's exit code once it has exited. */
  readonly closed: Promise<number | null>;
  /** Everything ssh printed on stdout, raw. */
  raw = '';
  /** What ssh printed on stderr (its own errors, and the server's stderr). */
  stderr = '';
  exitCode: number | null | undefined;

  constructor(opts: OpenSshOptions) {
    this.screen = new HeadlessScreen(opts.cols ?? 80, opts.rows ?? 24);
    const args = [
      opts.tty === false ? '-T' : '-tt',
      // No ~/.ssh/config or /etc/ssh/ssh_config: the test says everything that matters.
      '-F', '/dev/null',
      '-o', 'StrictHostKeyChecking=no',
      '-o', 'UserKnownHostsFile=/dev/null',
      '-o', 'LogLevel=ERROR',
      '-o', 'ConnectTimeout=20',
      '-o', 'IdentitiesOnly=yes',
      '-p', String(opts.port),
    ];
    if (opts.identity) args.push('-i', opts.identity);
    else args.push('-o', 'PubkeyAuthentication=no');
    if (opts.preferredAuthentications) args.push('-o', `PreferredAuthentications=${opts.preferredAuthentications}`);
    for (const option of opts.options ?? []) args.push('-o', option);
    // Without an askpass program, ssh must never wait on a prompt nobody will answer.
    if (!opts.askpass) args.push('-o', 'BatchMode=yes');
    args.push(`${opts.username}@127.0.0.1`);
    if (opts.command) args.push(opts.command);

    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TERM: opts.term ?? 'xterm-256color', LANG: 'C.UTF-8' };
    if (opts.askpass) {
      env.SSH_ASKPASS = opts.askpass;
      env.SSH_ASKPASS_REQUIRE = 'force';
    }
    // detached: ssh gets its own session, so it can never open the test runner's terminal.
    this.child = spawn(SSH, args, { env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.child.stdout.on('data', (d: Buffer) => {
      this.raw += d.toString('utf8');
      this.screen.feed(d);
    });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString('utf8')));
    this.child.stdin.on('error', () => {});
    this.closed = new Promise((resolve) => {
      this.child.once('close', (code) => {
        this.exitCode = code;
        resolve(code);
      });
      this.child.once('error', (err) => {
        this.stderr += String(err);
        this.exitCode = null;
        resolve(null);
      });
    });
  }

  send(data: string): void {
    if (this.child.stdin.writable) this.child.stdin.write(data);
  }

  /** Types text and presses Enter. */
  line(text: string): void {
    this.send(text + KEY.enter);
  }

  press(key: keyof typeof KEY): void {
    this.send(KEY[key]);
  }

  async waitFor(expected: string | RegExp, timeoutMs?: number): Promise<string> {
    try {
      return await this.screen.waitFor(expected, timeoutMs);
    } catch (err) {
      throw new Error(`${(err as Error).message}\nssh stderr: ${this.stderr || '(none)'}; exit: ${String(this.exitCode)}`);
    }
  }

  /** Resolves with ssh's exit code, or fails if it is still running after `timeoutMs`. */
  async exited(timeoutMs = 15_000): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`ssh still running after ${timeoutMs} ms. The screen shows:\n${this.text()}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.closed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  text(): string {
    return this.screen.text();
  }

  /** Stops ssh if it is still running. */
  end(): void {
    if (this.exitCode === undefined) this.child.kill('SIGTERM');
  }
}
