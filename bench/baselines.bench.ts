// Haven beside two baselines, measured in the same run on the same machine:
//   naive — an ssh2 + blessed server written from the libraries' documentation (bench/baselines/naive-server.ts);
//   bare  — ssh2 alone, writing one static menu (bench/baselines/bare-server.ts).
// For each: server RSS and heap per idle session (slope from 0 to BENCH_SESSIONS sessions,
// default 200), the bytes of the main menu's first paint and of one selection move,
// connect → main menu (median of 10 key log-ins), and one log-in through a 9,600 bit/s line.
// BENCH_SKIP=naive,bare leaves servers out; BENCH_VERBOSE=1 prints progress on stderr.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ssh2 from 'ssh2';
import type { Figures } from './run.js';
import { openSession, percentile, type BenchSession } from './lib/ssh-session.js';
import { throttleProxy } from './lib/throttle-proxy.js';

const here = dirname(fileURLToPath(import.meta.url));
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 200);
const LOGINS = 10;
const MENU_PAINTED = /Main\s+menu[\s\S]*\[G\]\s*oodbye/;
/** A paint is over when nothing more has come for this long. */
const QUIET_MS = 300;
const SLOW_LINE = { bitsPerSecond: 9600, delayMs: 100 };
/** The budget, in KB (1,000 bytes), for the server's memory per idle session. */
const BUDGET_KB = 250;
/** Haven's --hibernate-seconds here: an idle member's screen is given up after this long. */
const HIBERNATE_SECONDS = 2;

type Name = 'Haven' | 'naive' | 'bare';
/**
 * `sessions`: how many are opened for the memory figure, `batch` how many log in at once. The
 * naive server holds only a few: past about ten screens in one process its memory doubles with
 * each new session (260, 410, 710 MB, then over 3 GB) and the next menu never paints. It is
 * measured up to NAIVE_SESSIONS, one log-in at a time.
 */
const NAIVE_SESSIONS = 8;
const SERVERS: Array<{ name: Name; script: string; members: boolean; sessions: number; batch: number }> = [
  { name: 'Haven', script: 'lib/server-process.ts', members: true, sessions: SESSIONS, batch: 10 },
  { name: 'naive', script: 'baselines/naive-server.ts', members: false, sessions: Math.min(SESSIONS, NAIVE_SESSIONS), batch: 1 },
  { name: 'bare', script: 'baselines/bare-server.ts', members: false, sessions: SESSIONS, batch: 10 },
];

interface Measured {
  rssPerSessionKB: number;
  heapPerSessionKB: number;
  sessionsOpen: number;
  firstPaintBytes: number;
  moveBytes: number;
  connectMedianMs: number;
  slowConnectMs: number;
  slowBytesDown: number;
}

interface Credential {
  username: string;
  privateKey: string;
  publicKey: string;
}

/** ssh2 now and then generates an ed25519 key it cannot read back (see src/server/host-key.ts). */
function readableKeyPair(): { public: string; private: string } {
  for (;;) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    if (!(ssh2.utils.parseKey(pair.public) instanceof Error)) return pair;
  }
}

function talk(child: ChildProcess) {
  return <T>(kind: string) =>
    new Promise<T>((resolve, reject) => {
      const on = (m: { kind: string }) => {
        if (m.kind !== kind) return;
        child.off('message', on);
        child.off('exit', exited);
        resolve(m as T);
      };
      const exited = (code: number | null) => reject(new Error(`the server exited (${code}) while waiting for '${kind}'`));
      child.on('message', on);
      child.once('exit', exited);
    });
}

/** Counts the bytes a session receives and when the last of them came. */
function byteCounter(s: BenchSession) {
  const counter = { bytes: 0, last: performance.now() };
  s.channel.on('data', (d: Buffer) => {
    counter.bytes += d.length;
    counter.last = performance.now();
  });
  return counter;
}

async function quiet(counter: { last: number }, since: number): Promise<void> {
  while (counter.last < since || performance.now() - counter.last < QUIET_MS) {
    // Nothing came at all (the bare server ignores keys): a second of silence is the answer.
    if (counter.last < since && performance.now() - since > 1000) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function close(s: BenchSession): Promise<void> {
  await new Promise<void>((resolve) => {
    s.conn.once('close', () => resolve());
    s.conn.end();
  });
}

interface Running {
  port: number;
  next: <T>(kind: string) => Promise<T>;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts one server in a child process; Haven gets a member for each credential. */
async function start(server: (typeof SERVERS)[number], credentials: Credential[]): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'haven-bench-'));
  const child = fork(join(here, server.script), [dataDir, String(HIBERNATE_SECONDS)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = talk(child);
  const stop = async () => {
    if (child.exitCode === null && child.connected) {
      child.send({ kind: 'stop' });
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const { port } = await next<{ port: number }>('ready');
    if (server.members) {
      // A key saves for one member only, and a member may hold ten sessions: one member each.
      for (const c of credentials) {
        child.send({ kind: 'add-member', name: c.username, key: c.publicKey });
        await next('added');
      }
    }
    return { port, next, child, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Each phase on a fresh server process (the naive one does not survive many screens in one). */
async function measure(server: (typeof SERVERS)[number], credentials: Credential[]): Promise<Measured> {
  const memory = await measureMemory(server, credentials);
  const traffic = await measureLogIns(server, credentials[0]);
  return { ...memory, ...traffic };
}

async function measureMemory(server: (typeof SERVERS)[number], credentials: Credential[]) {
  const { port, next, child, stop } = await start(server, credentials.slice(0, server.sessions));
  const logIn = (c: Credential) => openSession(port, c.username, { privateKey: c.privateKey });
  const open: BenchSession[] = [];
  try {
    // Heap and RSS after a full GC at 0, ¼, ½, ¾ and all the sessions; the per-session
    // figure is the least-squares slope through those points.
    const points: Array<{ n: number; heap: number; rss: number }> = [];
    const sample = async () => {
      // Idle: left alone past the hibernation delay (every server waits the same).
      await new Promise((r) => setTimeout(r, HIBERNATE_SECONDS * 1000 + 1500));
      child.send({ kind: 'measure' });
      const m = await next<{ heapUsed: number; rss: number; sessions: number }>('memory');
      points.push({ n: m.sessions, heap: m.heapUsed, rss: m.rss });
    };
    await sample();
    const count = server.sessions;
    const step = Math.max(server.batch, Math.ceil(count / 4 / server.batch) * server.batch);
    for (let i = 0; i < count; i += server.batch) {
      const batch = await Promise.all(credentials.slice(i, Math.min(count, i + server.batch)).map(logIn));
      await Promise.all(batch.map((s) => s.until(MENU_PAINTED, 120_000)));
      open.push(...batch);
      if (open.length % step === 0 || open.length === count) {
        await sample();
        progress(`${server.name}: ${open.length} sessions`);
      }
    }
    return {
      rssPerSessionKB: slope(points, 'rss') / 1000,
      heapPerSessionKB: slope(points, 'heap') / 1000,
      sessionsOpen: points[points.length - 1].n,
    };
  } finally {
    await Promise.all(open.map(close));
    await stop();
  }
}

async function measureLogIns(server: (typeof SERVERS)[number], credential: Credential) {
  const { port, stop } = await start(server, [credential]);
  const logIn = (c: Credential) => openSession(port, c.username, { privateKey: c.privateKey });
  const credentials = [credential];
  try {
    // Connect → main menu, the first paint's bytes and one selection move, one log-in at a time.
    const times: number[] = [];
    const paints: number[] = [];
    const moves: number[] = [];
    for (let i = 0; i <= LOGINS; i++) {
      const started = performance.now();
      const s = await logIn(credentials[0]);
      const counter = byteCounter(s);
      await s.until(MENU_PAINTED);
      const took = performance.now() - started;
      await quiet(counter, started);
      const painted = counter.bytes;
      const at = performance.now();
      s.channel.write('\x1b[B');
      await quiet(counter, at);
      // The first log-in warms up the JIT (and, for blessed, its terminfo).
      if (i > 0) {
        times.push(took);
        paints.push(painted);
        moves.push(counter.bytes - painted);
      }
      await close(s);
    }
    times.sort((a, b) => a - b);
    paints.sort((a, b) => a - b);
    moves.sort((a, b) => a - b);

    // One log-in over a slow line: time to the painted menu, and every byte sent to the client.
    const proxy = await throttleProxy(port, SLOW_LINE);
    const slowStarted = performance.now();
    const slow = await openSession(proxy.port, credentials[0].username, { privateKey: credentials[0].privateKey });
    const slowCounter = byteCounter(slow);
    await slow.until(MENU_PAINTED, 120_000);
    const slowConnectMs = performance.now() - slowStarted;
    await quiet(slowCounter, slowStarted);
    const slowBytesDown = proxy.bytes.down;
    await close(slow);
    await proxy.close();

    progress(`${server.name}: log-ins timed`);
    return {
      firstPaintBytes: percentile(paints, 50),
      moveBytes: percentile(moves, 50),
      connectMedianMs: percentile(times, 50),
      slowConnectMs,
      slowBytesDown,
    };
  } finally {
    await stop();
  }
}

function progress(what: string): void {
  if (process.env.BENCH_VERBOSE) process.stderr.write(`  ${new Date().toISOString().slice(11, 19)} ${what}\n`);
}

function slope(points: Array<{ n: number } & Record<'heap' | 'rss', number>>, of: 'heap' | 'rss'): number {
  const meanN = points.reduce((a, p) => a + p.n, 0) / points.length;
  const meanY = points.reduce((a, p) => a + p[of], 0) / points.length;
  const num = points.reduce((a, p) => a + (p.n - meanN) * (p[of] - meanY), 0);
  const den = points.reduce((a, p) => a + (p.n - meanN) ** 2, 0);
  return num / den;
}

export default async function baselinesBench(): Promise<Figures> {
  const credentials: Credential[] = Array.from({ length: Math.max(1, SESSIONS) }, (_, i) => {
    const pair = readableKeyPair();
    return { username: `member${i}`, privateKey: pair.private, publicKey: pair.public };
  });
  const m = {} as Record<Name, Measured>;
  for (const server of SERVERS) {
    if (process.env.BENCH_SKIP?.split(',').includes(server.name)) continue;
    m[server.name] = await measure(server, credentials);
  }

  const row = (of: keyof Measured, extra: Record<string, string> = {}) => ({
    Haven: m.Haven?.[of] ?? '–',
    naive: m.naive?.[of] ?? '–',
    bare: m.bare?.[of] ?? '–',
    'Haven/naive': m.Haven && m.naive?.[of] ? (m.Haven[of] / m.naive[of]).toFixed(2) : '–',
    ...extra,
  });
  const budget = { budget: `≤ ${BUDGET_KB} KB per idle session` };
  return {
    [`RSS per idle session, KB (slope, 0 to ${SESSIONS} sessions; naive ${Math.min(SESSIONS, NAIVE_SESSIONS)})`]: row('rssPerSessionKB', budget),
    [`heap per idle session, KB (slope, 0 to ${SESSIONS} sessions; naive ${Math.min(SESSIONS, NAIVE_SESSIONS)})`]: row('heapPerSessionKB', budget),
    'sessions open at the last memory sample': row('sessionsOpen'),
    'main menu first paint, bytes': row('firstPaintBytes'),
    'one selection move (Down), bytes': row('moveBytes'),
    [`connect to main menu, median ms (${LOGINS} key log-ins)`]: row('connectMedianMs'),
    'connect to main menu at 9,600 bit/s, 100 ms each way, ms': row('slowConnectMs'),
    'that log-in: bytes sent to the client (handshake + menu)': row('slowBytesDown'),
  };
}
