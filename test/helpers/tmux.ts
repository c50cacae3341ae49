import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TMUX = '/usr/bin/tmux';

/** The first of `paths` that exists, or undefined: tests skip, naming the package, when a client is missing. */
export function findBinary(...paths: string[]): string | undefined {
  return paths.find((p) => existsSync(p));
}

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(TMUX, args, { encoding: 'utf8' }, (err, stdout, stderr) => (err ? reject(new Error(`tmux ${args[0]}: ${stderr || err.message}`)) : resolve(stdout)));
  });
}

let sessions = 0;

/**
 * A program running in a real terminal: a detached tmux session of its own (its own server
 * socket, so nothing else on the machine is touched), read with capture-pane and typed into
 * with send-keys. For clients that only ask for passwords on a terminal (PuTTY's plink,
 * Dropbear's dbclient, OpenSSH without askpass). HOME is a scratch directory, so no client
 * reads or writes the real user's known hosts or settings.
 */
export class TerminalProgram {
  readonly home = mkdtempSync(join(tmpdir(), 'haven-pty-'));
  private readonly socket = `haven-test-${process.pid}-${++sessions}`;
  private readonly target = '=c:';
  readonly started: Promise<void>;

  constructor(command: string[], opts: { cols?: number; rows?: number } = {}) {
    const config = join(this.home, 'tmux.conf');
    // The pane stays after the program exits, so a test can read its last words and exit code.
    writeFileSync(config, 'set -g remain-on-exit on\nset -g history-limit 0\n');
    this.started = run([
      '-L', this.socket, '-f', config,
      'new-session', '-d', '-s', 'c', '-x', String(opts.cols ?? 80), '-y', String(opts.rows ?? 24),
      'env', `HOME=${this.home}`, 'LANG=C.UTF-8', ...command,
    ]).then(() => undefined);
  }

  private async tmux(...args: string[]): Promise<string> {
    await this.started;
    return run(['-L', this.socket, ...args]);
  }

  /** What the terminal shows now. */
  async text(): Promise<string> {
    return (await this.tmux('capture-pane', '-p', '-t', this.target)).replace(/\s+$/gm, '');
  }

  /** Waits until the terminal shows `expected`, or fails with what it shows. */
  async waitFor(expected: string | RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await this.text();
      if (typeof expected === 'string' ? text.includes(expected) : expected.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(expected)}. The terminal shows:\n${text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Types text as it is (no key names). */
  async type(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', this.target, '-l', text);
  }

  /** Presses a key by tmux's name for it: Enter, Escape, Up… */
  async press(key: string): Promise<void> {
    await this.tmux('send-keys', '-t', this.target, key);
  }

  /** The program's exit status once it has exited, or undefined while it runs. */
  async exitStatus(): Promise<number | undefined> {
    const [dead, status] = (await this.tmux('display-message', '-p', '-t', this.target, '#{pane_dead} #{pane_dead_status}')).trim().split(' ');
    return dead === '1' ? Number(status) : undefined;
  }

  /** The terminal's modes now: the alternate screen, the cursor shown, mouse reporting asked for. */
  async modes(): Promise<{ alternateScreen: boolean; cursorShown: boolean; mouse: boolean }> {
    const [alt, cursor, mouse] = (await this.tmux('display-message', '-p', '-t', this.target, '#{alternate_on} #{cursor_flag} #{mouse_any_flag}')).trim().split(' ');
    return { alternateScreen: alt === '1', cursorShown: cursor === '1', mouse: mouse === '1' };
  }

  /** Waits for the program to exit and returns its status. */
  async exited(timeoutMs = 20_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await this.exitStatus();
      if (status !== undefined) return status;
      if (Date.now() > deadline) throw new Error(`Still running after ${timeoutMs} ms. The terminal shows:\n${await this.text()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Ends the program and its tmux server, and removes the scratch HOME. */
  async end(): Promise<void> {
    await this.tmux('kill-server').catch(() => undefined);
    rmSync(this.home, { recursive: true, force: true });
  }
}
