import { mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { logIn, MemberClient, signUp } from '../helpers/client.js';
import { freePort, HavenProcess, runHaven } from '../helpers/process.js';

// The sysop's command line, run as the sysop runs it: `node bin/haven.js …` in a child process.

const dirs: string[] = [];
const servers: HavenProcess[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.kill();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// Tests that run several console commands one after another: each is a Node start (a few
// seconds on a loaded machine), so the file's 30 s would measure the load, not Haven.
const CONSOLE_RUNS_MS = 120_000;

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'haven-cli-'));
  dirs.push(dir);
  return dir;
}

function serve(args: string[], env?: Record<string, string>): HavenProcess {
  const p = new HavenProcess(['serve', '--log-level', 'warn', ...args], { env });
  servers.push(p);
  return p;
}

describe('haven sysop user', () => {
  it('adds a sysop while the server runs, who logs in over SSH at once, and lists who joined either way', async () => {
    const dir = dataDir();
    const server = serve(['--port', '0', '--host', '127.0.0.1', '--data-dir', dir]);
    const port = await server.listening();

    const added = await runHaven(['sysop', 'user', 'add', 'rowan', '--password', 'a good password', '--role', 'sysop', '--data-dir', dir]);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe('Created sysop rowan. They accept the guidelines when they first log in.\n');

    // Nobody accepted the guidelines at the console: rowan does, before the main menu.
    const rowan = await MemberClient.connect({ port, username: 'rowan', password: 'a good password' });
    await rowan.waitFor('Do you accept the guidelines? [Y/N]');
    rowan.send('y');
    await rowan.waitFor('Main menu');
    expect(rowan.text()).toContain('Welcome, rowan');
    // The sysop's own line on the main menu.
    expect(rowan.text()).toContain('Staff desk');
    rowan.end();
    const willow = await signUp(port, 'willow', 'another password');
    willow.end();

    const listed = await runHaven(['sysop', 'user', 'list', '--data-dir', dir]);
    expect(listed.code).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect(listed.stdout).toMatch(new RegExp(`^rowan\\s+sysop\\s+${today}\\s+${today}$`, 'm'));
    expect(listed.stdout).toMatch(new RegExp(`^willow\\s+member\\s+${today}\\s+${today}$`, 'm'));
    expect(listed.stdout).toContain('2 members');

    server.child.kill('SIGTERM');
    expect(await server.exit()).toBe(0);
  });

  it('refuses a reserved name, a short password and a taken name with the reason, exit code 1', async () => {
    const dir = dataDir();
    expect((await runHaven(['sysop', 'user', 'add', 'ash', '--password', 'long enough', '--data-dir', dir, '--init'])).code).toBe(0);
    // One after another: four at once on two loaded cores only make each of them slower.
    const reserved = await runHaven(['sysop', 'user', 'add', 'admin', '--password', 'long enough', '--data-dir', dir]);
    const short = await runHaven(['sysop', 'user', 'add', 'birch', '--password', 'short', '--data-dir', dir]);
    const taken = await runHaven(['sysop', 'user', 'add', 'ASH', '--password', 'long enough', '--data-dir', dir]);
    const role = await runHaven(['sysop', 'user', 'add', 'cedar', '--password', 'long enough', '--role', 'king', '--data-dir', dir]);
    expect(reserved).toMatchObject({ code: 1, stdout: '' });
    expect(reserved.stderr).toContain('"admin" is reserved');
    expect(short).toMatchObject({ code: 1, stdout: '' });
    expect(short.stderr).toContain('at least 8 characters');
    expect(taken).toMatchObject({ code: 1, stdout: '' });
    expect(taken.stderr).toMatch(/taken/);
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('Invalid values');

    const listed = await runHaven(['sysop', 'user', 'list', '--data-dir', dir]);
    expect(listed.stdout).toContain('1 member\n');
  }, CONSOLE_RUNS_MS);
});

describe('haven --help', () => {
  it('lists the commands and says where every option can come from', async () => {
    const top = await runHaven(['--help']);
    expect(top.code).toBe(0);
    for (const text of ['haven serve', 'haven sysop', '--config', '--help', '--version', 'HAVEN_PORT', 'haven serve --help', '--data-dir']) {
      expect(top.stdout).toContain(text);
    }
    // Help is wrapped between words, never inside one.
    expect(top.stdout).toContain('support groups, served over SSH.');
  });

  it('haven serve --help lists every option of the server', async () => {
    const serveHelp = await runHaven(['serve', '--help']);
    expect(serveHelp.code).toBe(0);
    for (const option of ['--port', '--host', '--data-dir', '--config', '--name', '--public-host', '--idle-minutes', '--log-level']) {
      expect(serveHelp.stdout).toContain(option);
    }
  });

  it('a mistake on the command line is told in one plain line, exit code 1', async () => {
    const [bogus, badPort, badIdle] = await Promise.all([
      runHaven(['bogus']),
      runHaven(['serve', '--port', '70000', '--data-dir', dataDir()]),
      runHaven(['serve', '--idle-minutes', 'abc', '--port', '0', '--data-dir', dataDir()]),
    ]);
    expect(bogus.code).toBe(1);
    expect(bogus.stderr).toContain("Unknown command 'bogus'. The commands here are: serve, console, config, sysop.");
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toContain('--port takes a whole number from 0 to 65535');
    expect(badPort.stderr).not.toContain('    at ');
    expect(badIdle.code).toBe(1);
    expect(badIdle.stderr).toContain('--idle-minutes takes a number from 1 to 10080');
  });
});

describe('where haven serve takes its settings from', () => {
  it('HAVEN_* environment variables', async () => {
    const port = await freePort();
    const dir = dataDir();
    const server = serve([], { HAVEN_PORT: String(port), HAVEN_HOST: '127.0.0.1', HAVEN_DATA_DIR: dir, HAVEN_NAME: 'Lighthouse' });
    expect(await server.listening()).toBe(port);
    expect(server.stdout).toContain(`Data directory: ${dir}`);
    const member = await signUp(port, 'keeper');
    expect(member.text()).toContain('Lighthouse - Main menu');
    member.end();
  });

  it('a --config JSON file, which options on the command line override', async () => {
    const [port, other] = [await freePort(), await freePort()];
    const dir = dataDir();
    const file = join(dir, 'haven.json');
    writeFileSync(file, JSON.stringify({ port, host: '127.0.0.1', 'data-dir': dir, name: 'Harbour' }));
    const server = serve(['--config', file]);
    expect(await server.listening()).toBe(port);
    const member = await signUp(port, 'sailor');
    expect(member.text()).toContain('Harbour - Main menu');
    member.end();
    server.child.kill('SIGTERM');
    expect(await server.exit()).toBe(0);

    const overridden = serve(['--config', file, '--port', String(other)]);
    expect(await overridden.listening()).toBe(other);
  });

  it('a port already in use is refused in one plain line, exit code 1', async () => {
    const first = serve(['--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir()]);
    const port = await first.listening();
    const second = await runHaven(['serve', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir(), '--log-level', 'silent']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`Cannot listen on 127.0.0.1:${port}: the port is in use`);
    expect(second.stderr).not.toContain('    at ');
  });
});

describe('the console works on the BBS it is pointed at', () => {
  it('run from another directory, a sysop command refuses, says where it looked and how to point at the BBS, and creates nothing', async () => {
    const elsewhere = realpathSync(dataDir());
    const add = ['sysop', 'user', 'add', 'rowan', '--password', 'a good password', '--role', 'sysop'];
    const refused = await runHaven(add, { cwd: elsewhere });
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toContain(`There is no Haven data directory at ${join(elsewhere, 'data')} (no haven.db there); nothing was changed.`);
    expect(refused.stderr).toContain('--data-dir DIR or HAVEN_DATA_DIR=DIR');
    expect(readdirSync(elsewhere)).toEqual([]);

    // Asked for in so many words, the directory is created and the sysop added to it.
    const created = await runHaven([...add, '--init'], { cwd: elsewhere });
    expect(created).toMatchObject({ code: 0, stdout: 'Created sysop rowan. They accept the guidelines when they first log in.\n' });
    const listed = await runHaven(['sysop', 'user', 'list'], { cwd: elsewhere });
    expect(listed.stdout).toContain('1 member\n');
  }, CONSOLE_RUNS_MS);

  it("the server's HAVEN_PORT and HAVEN_HOST do not trouble a sysop command; HAVEN_DATA_DIR points it at the BBS", async () => {
    const dir = dataDir();
    expect((await runHaven(['sysop', 'user', 'add', 'ash', '--password', 'long enough', '--data-dir', dir, '--init'])).code).toBe(0);
    const env = { HAVEN_PORT: '2222', HAVEN_HOST: '127.0.0.1', HAVEN_NAME: 'Lighthouse', HAVEN_DATA_DIR: dir };
    const listed = await runHaven(['sysop', 'user', 'list'], { env });
    const settings = await runHaven(['sysop', 'config', 'list'], { env });
    const typo = await runHaven(['sysop', 'uesr', 'list'], { env });
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).toMatch(/^ash\s+member/m);
    expect(settings).toMatchObject({ code: 0, stderr: '' });
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain("Unknown command 'uesr'. Did you mean 'user'?");
    expect(typo.stderr).not.toMatch(/dataDir|port|host/);
  }, CONSOLE_RUNS_MS);

  it("the server's --config file points a sysop command at the BBS; the server's options in it are not the console's concern", async () => {
    const dir = dataDir();
    expect((await runHaven(['sysop', 'user', 'add', 'ash', '--password', 'long enough', '--data-dir', dir, '--init'])).code).toBe(0);
    const file = join(dir, 'haven.json');
    writeFileSync(file, JSON.stringify({ port: 2022, host: '127.0.0.1', 'data-dir': dir, name: 'Harbour', 'log-level': 'warn' }));
    const listed = await runHaven(['sysop', 'user', 'list', '--config', file]);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).toMatch(/^ash\s+member/m);
  }, CONSOLE_RUNS_MS);

  it('a report number that is not a number is refused as such', async () => {
    const dir = dataDir();
    const shown = await runHaven(['sysop', 'reports', 'show', 'abc', '--data-dir', dir, '--init']);
    expect(shown).toMatchObject({ code: 1, stdout: '' });
    expect(shown.stderr).toContain('The report number is a whole number such as 12, not "abc".');
    expect(shown.stderr).not.toContain('NaN');
  });

  it('acting on or dismissing a report that does not exist is refused plainly, with a non-zero exit', async () => {
    const dir = dataDir();
    for (const verb of ['act', 'dismiss', 'close']) {
      const done = await runHaven(['sysop', 'reports', verb, '7', '--note', 'checked', '--data-dir', dir, '--init']);
      expect(done).toMatchObject({ code: 1, stdout: '' });
      expect(done.stderr.trim()).toBe('There is no report number 7.');
    }
    const listed = await runHaven(['sysop', 'reports', 'list', '--json', '--data-dir', dir]);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(listed.stdout)).toEqual([]);
  }, CONSOLE_RUNS_MS);

  it('the board list into a pipe the reader closes early (| head) ends quietly', async () => {
    const dir = dataDir();
    expect((await runHaven(['sysop', 'board', 'list', '--data-dir', dir, '--init'])).code).toBe(0);
    const listing = new HavenProcess(['sysop', 'board', 'list', '--data-dir', dir]);
    servers.push(listing);
    // The reader goes away before the first line is written, as `head` does after its lines.
    listing.child.stdout.destroy();
    expect(await listing.exit(20_000)).toBe(0);
    expect(listing.stderr).toBe('');
  }, CONSOLE_RUNS_MS);
});

describe('one server per data directory', () => {
  it('a second haven serve on the same data directory is refused, naming it, while the first keeps serving; after kill -9 a new one starts', async () => {
    const dir = dataDir();
    const first = serve(['--port', '0', '--host', '127.0.0.1', '--data-dir', dir]);
    const port = await first.listening();

    const second = await runHaven(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dir, '--log-level', 'warn']);
    expect(second.code).toBe(1);
    expect(second.stdout).not.toContain('listening');
    expect(second.stderr).toContain(`Haven is already serving the data directory ${dir}`);
    expect(second.stderr).not.toContain('    at ');

    const keeper = await signUp(port, 'keeper');
    expect(keeper.text()).toContain('Main menu');
    keeper.end();
    expect(first.exitCode).toBeUndefined();

    // A crash leaves no lock behind: the next start needs nobody to clear anything.
    first.child.kill('SIGKILL');
    expect(await first.exit()).toBe('SIGKILL');
    const next = serve(['--port', '0', '--host', '127.0.0.1', '--data-dir', dir]);
    const again = await logIn(await next.listening(), 'keeper');
    expect(again.text()).toContain('Main menu');
    again.end();
  }, CONSOLE_RUNS_MS);
});
