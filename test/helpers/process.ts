import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HAVEN_BIN = join(ROOT, 'bin', 'haven.js');

/** The environment a child gets: the test runner's, less any HAVEN_* settings, plus `extra`. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('HAVEN_')) env[k] = v;
  // A loaded machine can make any key exchange slow: no light look unless a test asks for it.
  return { ...env, HAVEN_SLOW_LINK_SECONDS: '0', ...extra };
}

/** `node bin/haven.js serve …` as a real child process, with its output collected. */
export class HavenProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  /** Resolves with the exit code (or the signal name) when the process has exited. */
  readonly exited: Promise<number | string>;
  exitCode: number | string | undefined;

  constructor(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}) {
    this.child = spawn(process.execPath, [HAVEN_BIN, ...args], { cwd: opts.cwd ?? ROOT, env: childEnv(opts.env), stdio: 'pipe' });
    this.child.stdout.on('data', (d: Buffer) => (this.stdout += d.toString('utf8')));
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString('utf8')));
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitCode = code ?? signal ?? 'unknown';
        resolve(this.exitCode);
      });
    });
  }

  /** Waits until stdout matches `pattern` and returns the match, or fails with what was printed. */
  async waitForOutput(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.stdout);
      if (match) return match;
      if (this.exitCode !== undefined || Date.now() > deadline) {
        throw new Error(
          `No ${String(pattern)} from haven (exit: ${String(this.exitCode)}).\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Waits for the "listening on HOST:PORT" line and returns the port. */
  async listening(timeoutMs?: number): Promise<number> {
    const match = await this.waitForOutput(/is listening on [^\s]+:(\d+)\n/, timeoutMs);
    return Number(match[1]);
  }

  /** Resolves with the exit code, or fails if the process is still running after `timeoutMs`. */
  async exit(timeoutMs = 15_000): Promise<number | string> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`haven still running after ${timeoutMs} ms.\nstderr:\n${this.stderr}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the process if it is still running (after a test that failed half-way). */
  kill(): void {
    if (this.exitCode === undefined) this.child.kill('SIGKILL');
  }
}

/** Runs a haven command to completion: its exit code and what it printed. */
export function runHaven(args: string[], opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const p = new HavenProcess(args, opts);
  // Starting node and loading Haven takes ten seconds or more on a loaded shared machine.
  return p.exit(opts.timeoutMs ?? 45_000).then(
    (code) => ({ code, stdout: p.stdout, stderr: p.stderr }),
    (err: unknown) => {
      p.kill();
      throw err;
    },
  );
}

/** A TCP port nobody is listening on right now (for settings that must name one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
