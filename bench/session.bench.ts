// Foundation numbers: time from TCP connect to a fully painted main menu (public-key log-in),
// and the server's heap and RSS per connected session: idle at the main menu, in a chat
// room, and reading a thread. Each memory phase runs against a fresh server process.
//
// Counts are options, as environment variables (comma-separated where several):
//   HAVEN_BENCH_IDLE=100,500,1000  idle sessions, measured at each count as they grow
//   HAVEN_BENCH_CHAT=200           sessions in the lobby chat room (0 skips)
//   HAVEN_BENCH_THREAD=200         sessions reading a thread (0 skips)
//   HAVEN_BENCH_HIBERNATE=2        the server's --hibernate-seconds (0: never)
// Sessions are measured once they have been left alone for longer than that.
import { openSession, percentile, type BenchSession } from './lib/ssh-session.js';
import { readableKeyPair, startHavenChild } from './lib/haven-process.js';

const MENU_PAINTED = /Main\s+menu[\s\S]*\[G\]\s*oodbye/;
const counts = (name: string, fallback: string) =>
  (process.env[name] ?? fallback).split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0).sort((a, b) => a - b);
const HIBERNATE_SECONDS = Number(process.env.HAVEN_BENCH_HIBERNATE ?? 2);
/** How long sessions stay untouched before they are measured: past the hibernation delay. */
const SETTLE_MS = HIBERNATE_SECONDS * 1000 + 1500;
const BATCH = 10;

interface Memory {
  heapUsed: number;
  rss: number;
  sessions: number;
}

interface Server {
  port: number;
  key: { private: string };
  measure(): Promise<Memory>;
  send<T>(msg: object, reply: string): Promise<T>;
  stop(): Promise<void>;
}

async function startServer(): Promise<Server> {
  const child = await startHavenChild([String(HIBERNATE_SECONDS)]);
  const pair = readableKeyPair();
  await child.send({ kind: 'add-member', name: 'bencher', key: pair.public }, 'added');
  return {
    ...child,
    key: pair,
    measure: () => child.send<Memory>({ kind: 'measure' }, 'memory'),
  };
}

const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

/** Opens `count` sessions in batches, each taken to where `go` leaves it. */
async function openMany(server: Server, count: number, go: (s: BenchSession) => Promise<void>): Promise<BenchSession[]> {
  const out: BenchSession[] = [];
  for (let i = 0; i < count; i += BATCH) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(BATCH, count - i) }, () => openSession(server.port, 'bencher', { privateKey: server.key.private })),
    );
    await Promise.all(batch.map(async (s) => {
      await s.until(MENU_PAINTED, 120_000);
      await go(s);
    }));
    out.push(...batch);
  }
  return out;
}

const perSession = (before: Memory, after: Memory, n: number) => ({
  heap: (after.heapUsed - before.heapUsed) / 1024 / n,
  rss: (after.rss - before.rss) / 1024 / n,
});

async function closeAll(sessions: BenchSession[]): Promise<void> {
  for (const s of sessions) s.conn.end();
  await new Promise((r) => setTimeout(r, 200));
}

export default async function sessionBench(): Promise<Record<string, number | string>> {
  const results: Record<string, number | string> = {};

  // Connect → main menu, 20 public-key log-ins one after another.
  {
    const server = await startServer();
    try {
      const times: number[] = [];
      for (let i = 0; i < 21; i++) {
        const started = performance.now();
        const s = await openSession(server.port, 'bencher', { privateKey: server.key.private });
        await s.until(MENU_PAINTED);
        const took = performance.now() - started;
        if (i > 0) times.push(took); // the first one warms up the JIT and terminfo cache
        s.conn.end();
        await new Promise((r) => setTimeout(r, 30));
      }
      times.sort((a, b) => a - b);
      results['connect to main menu, median ms (20 key log-ins)'] = percentile(times, 50);
      results['connect to main menu, p90 ms'] = percentile(times, 90);
      results['connect to main menu, max ms'] = times[times.length - 1]!;
    } finally {
      await server.stop();
    }
  }

  // Idle at the main menu, measured at each count as the sessions grow.
  const idle = counts('HAVEN_BENCH_IDLE', '100');
  if (idle.length) {
    const server = await startServer();
    try {
      await openMany(server, 1, async () => {}).then(closeAll); // warm-up
      await new Promise((r) => setTimeout(r, 500));
      const before = await server.measure();
      const sessions: BenchSession[] = [];
      for (const n of idle) {
        sessions.push(...(await openMany(server, n - sessions.length, async () => {})));
        await settle();
        const after = await server.measure();
        const per = perSession(before, after, n);
        results[`idle at main menu ×${n}: sessions open`] = after.sessions;
        results[`idle at main menu ×${n}: heap per session, KiB`] = per.heap;
        results[`idle at main menu ×${n}: rss per session, KiB`] = per.rss;
        results[`idle at main menu ×${n}: server rss, MiB`] = after.rss / 1024 / 1024;
      }
      await closeAll(sessions);
    } finally {
      await server.stop();
    }
  }

  const place = async (label: string, n: number, setup: ((server: Server) => Promise<void>) | undefined, go: (s: BenchSession) => Promise<void>) => {
    if (n <= 0) return;
    const server = await startServer();
    try {
      await setup?.(server);
      await openMany(server, 1, go).then(closeAll); // warm-up
      await new Promise((r) => setTimeout(r, 500));
      const before = await server.measure();
      const sessions = await openMany(server, n, go);
      await settle();
      const after = await server.measure();
      const per = perSession(before, after, n);
      results[`${label} ×${n}: heap per session, KiB`] = per.heap;
      results[`${label} ×${n}: rss per session, KiB`] = per.rss;
      results[`${label} ×${n}: server rss, MiB`] = after.rss / 1024 / 1024;
      await closeAll(sessions);
    } finally {
      await server.stop();
    }
  };

  await place('in a chat room', counts('HAVEN_BENCH_CHAT', '0')[0] ?? 0, undefined, async (s) => {
    s.channel.write('C');
    await s.until(/Choose a room/, 120_000);
    s.channel.write('\r');
    await s.until(/here:/, 120_000);
  });

  let boardIndex = 0;
  const addThread = async (server: Server) => {
    boardIndex = (await server.send<{ index: number }>({ kind: 'add-thread', name: 'bencher' }, 'added')).index;
  };
  await place('reading a thread', counts('HAVEN_BENCH_THREAD', '0')[0] ?? 0, addThread, async (s) => {
    s.channel.write('B');
    await s.until(/Boards[\s\S]*Open/, 120_000);
    s.channel.write('j'.repeat(boardIndex) + '\r');
    await s.until(/Bench thread/, 120_000);
    s.channel.write('\r');
    await s.until(/Paragraph 1:/, 120_000);
  });

  return results;
}
