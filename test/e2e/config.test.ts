import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signUp, type MemberClient } from '../helpers/client.js';
import { HavenProcess, runHaven } from '../helpers/process.js';

// haven.conf as the sysop meets it: written by the first start or `haven config init`,
// checked with `haven config check`, re-read by the running server on SIGHUP.

const dirs: string[] = [];
const running: HavenProcess[] = [];
const members: MemberClient[] = [];
afterEach(() => {
  for (const m of members.splice(0)) m.end();
  for (const p of running.splice(0)) p.kill();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// Each command is a Node start, seconds apiece on a loaded machine.
const RUNS_MS = 180_000;

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'haven-config-'));
  dirs.push(dir);
  return dir;
}

async function waitUntil(check: () => boolean, what: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting: ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('haven config init and check', () => {
  it('init writes the file once; check passes it, and names each bad key and why with exit 1', async () => {
    const dir = dataDir();
    const file = join(dir, 'haven.conf');
    expect(await runHaven(['config', 'init', file])).toMatchObject({ code: 0, stdout: `Wrote ${file}: every setting, commented out at its default.\n` });
    const again = await runHaven(['config', 'init', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is already there; nothing was written');

    writeFileSync(file, readFileSync(file, 'utf8').replace('#name = Haven', 'name = "Harbour BBS"').replace('#mail.daily_limit =', 'mail.daily_limit = 7 #'));
    const good = await runHaven(['config', 'check', file]);
    expect(good).toMatchObject({ code: 0, stderr: '', stdout: `${file} is good: 2 settings set, the rest at their defaults.\n` });

    const bad = join(dir, 'bad.conf');
    writeFileSync(bad, 'mail.daily_limt = 7\nidle-minutes = 0\n');
    const checked = await runHaven(['config', 'check', bad]);
    expect(checked).toMatchObject({ code: 1, stdout: '' });
    expect(checked.stderr).toContain(`${bad}:1: unknown key "mail.daily_limt"; did you mean "mail.daily_limit"?`);
    expect(checked.stderr).toContain(`${bad}:2: idle-minutes takes a number from 1 to 10080, not "0"`);
  }, RUNS_MS);
});

describe('SIGHUP', () => {
  it('re-reads haven.conf: a new name reaches a connected member, a database setting applies, and a bad file leaves the server running', async () => {
    const dir = dataDir();
    const server = new HavenProcess(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dir]);
    running.push(server);
    const port = await server.listening(60_000);
    const file = join(dir, 'haven.conf');
    expect(server.stdout).toContain(`Config file: ${file}`);
    const member = await signUp(port, 'willow');
    members.push(member);
    await member.waitFor('Haven - Main menu');

    writeFileSync(file, 'name = Harbour\nmail.daily_limit = 7\nlegacy-algorithms = true\n');
    server.child.kill('SIGHUP');
    await waitUntil(() => server.stderr.includes('"config reloaded"'), () => server.stderr);
    const reloaded = JSON.parse(server.stderr.split('\n').find((l) => l.includes('"config reloaded"'))!);
    expect(reloaded).toMatchObject({ changed: ['name', 'mail.daily_limit'], needsRestart: ['legacy-algorithms'] });
    member.send('?');
    await member.waitFor('Harbour - Help');
    const listed = await runHaven(['sysop', 'config', 'list', '--json', '--data-dir', dir]);
    expect((JSON.parse(listed.stdout) as { key: string; value: number }[]).find((s) => s.key === 'mail.daily_limit')?.value).toBe(7);

    writeFileSync(file, 'name = Elsewhere\nmail.daily_limit = many\n');
    server.child.kill('SIGHUP');
    await waitUntil(() => server.stderr.includes('config reload refused'), () => server.stderr);
    expect(server.stderr).toContain('mail.daily_limit takes a whole number from');
    member.send('\x1b');
    await member.waitFor('Harbour - Main menu');
    expect(server.exitCode).toBeUndefined();

    server.child.kill('SIGTERM');
    expect(await server.exit()).toBe(0);
  }, RUNS_MS);
});
