import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServices, openDataDir } from '../../src/app.js';
import { createLogger } from '../../src/log.js';
import { HavenProcess, runHaven } from '../helpers/process.js';
import { logIn, MemberClient, signUp } from '../helpers/client.js';
import { enterLobby, say } from '../helpers/chat.js';
import { openBoard, startThread } from '../helpers/boards.js';
import { KEY } from '../helpers/screen.js';

// `haven serve` as journald would run it: what it writes to stderr, through a whole session.
const PASSWORD = 'plum-orchard-7731';
const WRONG_PASSWORD = 'quince-cellar-4410';
const POST_BODY = 'heron-lantern-post-body';
const MAIL_BODY = 'otter-teacup-mail-body';
const CHAT_LINE = 'walrus-kettle-chat-line';

/** `[TIME ]LEVEL EVENT key=value …`: a value is one plain word or a JSON string. */
const TEXT_LINE = /^(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z )?(?:debug|info |warn |error) [^=\s][^=]*?(?: [\w.-]+=(?:"(?:[^"\\]|\\.)*"|[^\s"]+))*$/;
const IPV4 = /\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/;

let dir: string | undefined;
let server: HavenProcess | undefined;
const clients: MemberClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.end();
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = server = undefined;
});

/** A data directory with a sysop in it, so mail can be sent at once. */
async function dataDirWithSysop(): Promise<string> {
  const d = mkdtempSync(join(tmpdir(), 'haven-logs-'));
  const { db, texts } = openDataDir(d);
  try {
    const services = buildServices(db, texts, { log: createLogger('silent') });
    await services.accounts.register({ name: 'keeper', password: PASSWORD, acceptedGuidelines: true, role: 'sysop' });
  } finally {
    db.close();
  }
  return d;
}

/** Started as systemd would start it: journald stamps each line, so text lines carry no time. */
async function serve(format: 'text' | 'json'): Promise<{ haven: HavenProcess; port: number }> {
  const haven = new HavenProcess(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dir!, '--log-format', format], {
    env: { JOURNAL_STREAM: '8:123456' },
  });
  server = haven;
  return { haven, port: await haven.listening(60_000) };
}

async function logged(haven: HavenProcess, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(haven.stderr)) {
    if (Date.now() > deadline) throw new Error(`No ${String(pattern)} in the log:\n${haven.stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function expectNothingPrivate(log: string): void {
  for (const secret of [PASSWORD, WRONG_PASSWORD, POST_BODY, MAIL_BODY, CHAT_LINE]) expect(log).not.toContain(secret);
  expect(log).not.toMatch(IPV4);
  expect(log).not.toContain('::1');
}

async function wrongPassword(port: number): Promise<void> {
  await expect(MemberClient.connect({ port, username: 'ash', password: WRONG_PASSWORD, authOrder: ['password'] })).rejects.toThrow();
}

describe('the log', () => {
  it('text under journald (no time): one line per start, sign-up, log-in, failed log-in, staff action, log-off and stop; no password, body or address', async () => {
    dir = await dataDirWithSysop();
    const { haven, port } = await serve('text');
    await logged(haven, /^info +start /m);

    const ash = await signUp(port, 'ash', PASSWORD);
    clients.push(ash);
    await logged(haven, /log-in member=ash .*via=sign-up/);
    await wrongPassword(port);
    await logged(haven, /log-in-failed member=ash/);
    const again = await logIn(port, 'ash', PASSWORD);
    clients.push(again);
    await logged(haven, /log-in member=ash .*via=password/);

    await openBoard(ash, 'Introductions', 1);
    await startThread(ash, 'Hello there', POST_BODY);
    ash.send(KEY.escape);
    await ash.waitFor(/Introductions.*page 1/);
    ash.send(KEY.escape);
    await ash.waitFor('Success stories');
    ash.send(KEY.escape);
    await ash.waitFor('Main menu');
    await enterLobby(ash);
    await say(ash, CHAT_LINE);

    const keeper = await logIn(port, 'keeper', PASSWORD);
    clients.push(keeper);
    keeper.send('M');
    await keeper.waitFor('[C] Write');
    keeper.send('C');
    await keeper.waitFor('Write to which member?');
    keeper.line('ash');
    await keeper.waitFor('Subject:');
    keeper.send('A note');
    keeper.press('tab');
    keeper.send(MAIL_BODY);
    await keeper.waitFor(MAIL_BODY);
    keeper.press('ctrlS');
    await keeper.waitFor('Sent to ash.');

    const warned = await runHaven(['sysop', 'user', 'warn', 'ash', '--reason', 'Please be kind', '--data-dir', dir]);
    expect(warned.code).toBe(0);
    await logged(haven, /staff-action action=member.warn by=console/);

    await again.end();
    await logged(haven, /log-off member=ash/);
    haven.child.kill('SIGTERM');
    expect(await haven.exit(15_000)).toBe(0);

    const lines = haven.stderr.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(TEXT_LINE);
    const count = (re: RegExp) => lines.filter((l) => re.test(l)).length;
    expect(count(/^info +start /)).toBe(1);
    expect(count(/^info +stop signal=SIGTERM drainSeconds=\d+$/)).toBe(1);
    expect(count(/ sign-up member=ash id=\d+ savedKey=false$/)).toBe(1);
    expect(count(/ log-in member=ash /)).toBe(2);
    expect(count(/ log-in member=keeper /)).toBe(1);
    expect(count(/ log-in-failed member=ash$/)).toBe(1);
    expect(count(/ staff-action action=member.warn /)).toBe(1);
    // Both of ash's sessions and keeper's ended: once each, at the latest as the server stopped.
    expect(count(/ log-off member=ash /)).toBe(2);
    expect(count(/ log-off member=keeper /)).toBe(1);
    expectNothingPrivate(haven.stderr);
  });

  it('json: every line is one JSON object with its time, level and event; nothing private either', async () => {
    dir = await dataDirWithSysop();
    const { haven, port } = await serve('json');
    const ash = await signUp(port, 'ash', PASSWORD);
    clients.push(ash);
    await wrongPassword(port);
    await enterLobby(ash);
    await say(ash, CHAT_LINE);
    await ash.end();
    await logged(haven, /"event":"log-off"/);
    haven.child.kill('SIGTERM');
    expect(await haven.exit(15_000)).toBe(0);

    const events = haven.stderr
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { t: string; level: string; event: string; member?: string });
    for (const e of events) expect(e.t).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['start', 'sign-up', 'log-in', 'log-in-failed', 'log-off', 'stop']));
    expect(events.find((e) => e.event === 'sign-up')?.member).toBe('ash');
    expectNothingPrivate(haven.stderr);
  });
});
