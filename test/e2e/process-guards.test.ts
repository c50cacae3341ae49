import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signUp } from '../helpers/client.js';

const root = join(import.meta.dirname, '..', '..');

/** Starts `haven serve` in a child process with the given environment; resolves with its port. */
async function serve(env: NodeJS.ProcessEnv, dataDir: string) {
  const child = spawn(process.execPath, ['bin/haven.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--log-level', 'error'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on [^\n]*:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { child, port };
}

describe("the server's own environment does not leak into sessions", () => {
  it('started under LANG=C inside tmux and iTerm, sessions still get unicode and no tmux wrapping', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'haven-env-'));
    writeFileSync(join(dataDir, 'welcome.txt'), 'Bienvenue — 日本語 ☕\n');
    const { child, port } = await serve({ LANG: 'C', LC_ALL: 'C', TMUX: '/tmp/tmux-0/default,1,0', TERM_PROGRAM: 'iTerm.app', TERM: 'dumb' }, dataDir);
    try {
      const member = await signUp(port, 'envtest');
      await member.waitFor('Bienvenue — 日本語 ☕');
      expect(member.raw).not.toContain('\x1bPtmux;');
      member.end();
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("one session's bug does not end the server", () => {
  it("an uncaught exception after blessed screens exist is logged, and the process lives on", async () => {
    // A script in the shape of the server: Haven's guards installed first, then a blessed screen.
    const script = `
      import { PassThrough, Writable } from 'node:stream';
      import blessed from 'blessed';
      import { installProcessGuards } from './src/server/process-guards.ts';
      import { createLogger } from './src/log.ts';
      installProcessGuards(createLogger('error', (l) => process.stdout.write('LOG ' + l)), () => {});
      const out = new Writable({ write(_c, _e, cb) { cb(); } });
      Object.assign(out, { columns: 80, rows: 24, isTTY: true });
      const screen = blessed.screen({ input: new PassThrough(), output: out, terminal: 'xterm', warnings: false });
      screen.render();
      setTimeout(() => {
        // Runs after every uncaughtException handler, and after blessed's exit on the next tick.
        setImmediate(() => { process.stdout.write('ALIVE ' + !screen.destroyed + '\\n'); process.exit(0); });
        throw new Error('a bug in one screen');
      }, 10);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(out).toContain('a bug in one screen');
    expect(out).toContain('ALIVE true');
    expect(code).toBe(0);
  });
});
