import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { logIn, MemberClient, signUp } from '../helpers/client.js';
import { HavenProcess, runHaven } from '../helpers/process.js';
import { findBinary, TerminalProgram, TMUX } from '../helpers/tmux.js';

// The sysop's member commands, run as the sysop runs them, against a running server.

const dirs: string[] = [];
const servers: HavenProcess[] = [];
const clients: MemberClient[] = [];
const programs: TerminalProgram[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.end();
  for (const p of programs.splice(0)) await p.end();
  for (const s of servers.splice(0)) s.kill();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// Each console command is a Node start (seconds on a loaded machine).
const CONSOLE_RUNS_MS = 150_000;

async function serving(): Promise<{ dir: string; port: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'haven-cli-'));
  dirs.push(dir);
  const server = new HavenProcess(['serve', '--log-level', 'warn', '--port', '0', '--host', '127.0.0.1', '--data-dir', dir]);
  servers.push(server);
  return { dir, port: await server.listening() };
}

describe('haven sysop user role / rename on a running server', () => {
  it('a member online hears they are a sysop and renamed; they log in with the new name to the sysop\'s menu', async () => {
    const { dir, port } = await serving();
    const willow = await signUp(port, 'willow', 'willow password');
    clients.push(willow);
    expect(willow.text()).not.toContain('Reports');

    const role = await runHaven(['sysop', 'user', 'role', 'willow', 'sysop', '--data-dir', dir]);
    expect(role).toMatchObject({ code: 0, stdout: 'willow is a sysop now.\n', stderr: '' });
    await willow.waitFor('The sysop changed your role: you are a sysop now.');

    const renamed = await runHaven(['sysop', 'user', 'rename', 'willow', 'willow_b', '--data-dir', dir]);
    expect(renamed.code).toBe(0);
    await willow.waitFor('you are willow_b now');
    willow.end();
    const again = await logIn(port, 'willow_b', 'willow password');
    clients.push(again);
    expect(again.text()).toContain('Reports');

    const shown = await runHaven(['sysop', 'user', 'show', 'willow_b', '--json', '--data-dir', dir]);
    expect(JSON.parse(shown.stdout)).toMatchObject({ name: 'willow_b', role: 'sysop' });
    const audit = await runHaven(['sysop', 'audit', '--json', '--data-dir', dir]);
    expect((JSON.parse(audit.stdout) as Array<{ action: string }>).map((e) => e.action)).toEqual(['member.rename', 'member.role']);
  }, CONSOLE_RUNS_MS);
});

describe('haven sysop user reset-password on a running server', () => {
  it('the member logs in with the one-time password and must choose a new one before the menu', async () => {
    const { dir, port } = await serving();
    (await signUp(port, 'rowan', 'forgotten password')).end();

    const reset = await runHaven(['sysop', 'user', 'reset-password', 'rowan', '--data-dir', dir]);
    expect(reset.code).toBe(0);
    const oneTime = /One-time password for rowan: (\S+)/.exec(reset.stdout)![1];

    const rowan = await MemberClient.connect({ port, username: 'rowan', password: oneTime });
    clients.push(rowan);
    await rowan.waitFor('Choose a new password');
    expect(rowan.text()).not.toContain('Main menu');
    rowan.line('short');
    await rowan.waitFor('at least 8 characters');
    rowan.line('my new password');
    await rowan.waitFor('Type the new password again');
    rowan.line('my new password');
    await rowan.waitFor('Main menu');
    rowan.end();

    await expect(MemberClient.connect({ port, username: 'rowan', password: oneTime })).rejects.toThrow();
    const back = await logIn(port, 'rowan', 'my new password');
    clients.push(back);
    expect(back.text()).toContain('Welcome, rowan');
  }, CONSOLE_RUNS_MS);
});

const tmux = findBinary(TMUX);

describe('haven console --as NAME', () => {
  it.skipIf(!tmux)('runs the BBS on a real terminal, refuses an unknown name, and gives the shell its terminal back on log-off', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haven-cli-'));
    dirs.push(dir);
    expect((await runHaven(['sysop', 'user', 'add', 'keeper', '--password', 'a good password', '--role', 'sysop', '--data-dir', dir, '--init'])).code).toBe(0);
    const unknown = await runHaven(['console', '--as', 'nobody', '--data-dir', dir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no member called "nobody"');

    // A shell in the terminal, so the test sees what the terminal is like after Haven ends.
    const shell = new TerminalProgram(['sh', '-c', `stty -a > ${dir}/before; node bin/haven.js console --as keeper --data-dir ${dir}; echo "exit=$?"; stty -a > ${dir}/after; echo done; sleep 30`], { cols: 80, rows: 24 });
    programs.push(shell);
    await shell.waitFor('Do you accept the guidelines? [Y/N]', 60_000);
    await shell.type('y');
    await shell.waitFor('Main menu');
    expect(await shell.text()).toContain('Reports');
    expect((await shell.modes()).alternateScreen).toBe(true);
    await shell.type('g');
    await shell.waitFor(/log off\?/i);
    await shell.type('y');
    // The shell stays a while: a pane whose program ended reports no cursor at all.
    const after = await shell.waitFor(/exit=0\ndone/);
    expect(after).toContain('Goodbye, and take care.');
    // The shell's own screen, cursor shown, no mouse reporting, and its tty settings as before.
    expect(await shell.modes()).toEqual({ alternateScreen: false, cursorShown: true, mouse: false });
    expect(readFileSync(join(dir, 'after'), 'utf8')).toBe(readFileSync(join(dir, 'before'), 'utf8'));
  }, CONSOLE_RUNS_MS);

  it.skipIf(!tmux)('a signal that ends the terminal ends the session too, and the terminal is given back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haven-cli-'));
    dirs.push(dir);
    expect((await runHaven(['sysop', 'user', 'add', 'keeper', '--password', 'a good password', '--role', 'sysop', '--data-dir', dir, '--init'])).code).toBe(0);
    // exec keeps the shell's process id, so the test signals exactly the console it started.
    const shell = new TerminalProgram(['sh', '-c', `sh -c 'echo $$ > ${dir}/pid; exec node bin/haven.js console --as keeper --data-dir ${dir}'; echo "exit=$?"; sleep 30`], { cols: 40, rows: 12 });
    programs.push(shell);
    await shell.waitFor('Do you accept', 60_000);
    expect((await shell.modes()).alternateScreen).toBe(true);
    process.kill(Number(readFileSync(join(dir, 'pid'), 'utf8')), 'SIGTERM');
    await shell.waitFor('exit=143');
    expect(await shell.modes()).toEqual({ alternateScreen: false, cursorShown: true, mouse: false });
  }, CONSOLE_RUNS_MS);
});
