// Foundation numbers: time from TCP connect to a fully painted main menu (public-key log-in),
// and the server's heap per connected idle session with 100 sessions.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ssh2 from 'ssh2';
import { openSession, percentile, type BenchSession } from './lib/ssh-session.js';

const here = dirname(fileURLToPath(import.meta.url));
const MENU_PAINTED = /Main\s+menu[\s\S]*\[G\]\s*oodbye/;

export default async function sessionBench(): Promise<Record<string, number | string>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'haven-bench-'));
  const child = fork(join(here, 'lib/server-process.ts'), [dataDir], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(kind: string) =>
    new Promise<T>((resolve) => {
      const on = (m: { kind: string }) => {
        if (m.kind !== kind) return;
        child.off('message', on);
        resolve(m as T);
      };
      child.on('message', on);
    });
  const { port } = await next<{ port: number }>('ready');
  try {
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    child.send({ kind: 'add-member', name: 'bencher', key: pair.public });
    await next('added');

    // Connect → main menu, 20 public-key log-ins one after another.
    const times: number[] = [];
    for (let i = 0; i < 21; i++) {
      const started = performance.now();
      const s = await openSession(port, 'bencher', { privateKey: pair.private });
      await s.until(MENU_PAINTED);
      const took = performance.now() - started;
      if (i > 0) times.push(took); // the first one warms up the JIT and terminfo cache
      s.conn.end();
      await new Promise((r) => setTimeout(r, 30));
    }
    times.sort((a, b) => a - b);

    await new Promise((r) => setTimeout(r, 500));
    child.send({ kind: 'measure' });
    const before = await next<{ heapUsed: number; rss: number }>('memory');
    const sessions: BenchSession[] = [];
    for (let i = 0; i < 100; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, () => openSession(port, 'bencher', { privateKey: pair.private })));
      await Promise.all(batch.map((s) => s.until(MENU_PAINTED, 60_000)));
      sessions.push(...batch);
    }
    await new Promise((r) => setTimeout(r, 500));
    child.send({ kind: 'measure' });
    const after = await next<{ heapUsed: number; rss: number; sessions: number }>('memory');
    for (const s of sessions) s.conn.end();

    return {
      'connect to main menu, median ms (20 key log-ins)': percentile(times, 50),
      'connect to main menu, p90 ms': percentile(times, 90),
      'connect to main menu, max ms': times[times.length - 1],
      'sessions open during memory measurement': after.sessions,
      'heap per idle session, KiB (100 sessions)': (after.heapUsed - before.heapUsed) / 1024 / 100,
      'rss per idle session, KiB (100 sessions)': (after.rss - before.rss) / 1024 / 100,
      'server heap with 100 sessions, MiB': after.heapUsed / 1024 / 1024,
    };
  } finally {
    child.send({ kind: 'stop' });
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
