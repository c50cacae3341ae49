// What a rush of log-ins costs members who did nothing: 300 idle sessions on the main menu
// while 100 more members log in one after another. Counts the paints and bytes the idle
// sessions receive, and the server's CPU per log-in.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ssh2 from 'ssh2';
import { openSession, type BenchSession } from './lib/ssh-session.js';

const here = dirname(fileURLToPath(import.meta.url));
const MENU_PAINTED = /Main\s+menu[\s\S]*\[G\]\s*oodbye/;
const IDLE = Number(process.env.BENCH_IDLE ?? 300);
const ARRIVALS = Number(process.env.BENCH_ARRIVALS ?? 100);

/** ssh2 now and then generates an ed25519 key it cannot read back (see src/server/host-key.ts). */
function readableKeyPair(): { public: string; private: string } {
  for (;;) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    if (!(ssh2.utils.parseKey(pair.public) instanceof Error)) return pair;
  }
}

export default async function presenceBench(): Promise<Record<string, number | string>> {
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
  const sessions: BenchSession[] = [];
  try {
    // A key saves for one member only: each gets their own.
    const keys = Array.from({ length: IDLE + ARRIVALS }, readableKeyPair);
    for (let i = 0; i < IDLE + ARRIVALS; i++) {
      child.send({ kind: 'add-member', name: `mem${i}`, key: keys[i].public });
      await next('added');
    }
    for (let i = 0; i < IDLE; i += 10) {
      const batch = await Promise.all(Array.from({ length: Math.min(10, IDLE - i) }, (_, j) => openSession(port, `mem${i + j}`, { privateKey: keys[i + j].private })));
      await Promise.all(batch.map((s) => s.until(MENU_PAINTED, 120_000)));
      sessions.push(...batch);
    }
    // Let the count of the idle members themselves settle before measuring.
    await new Promise((r) => setTimeout(r, 3000));
    const paintsBefore = sessions.map((s) => s.raw().split('\x1b7').length);
    const bytesBefore = sessions.map((s) => s.raw().length);
    child.send({ kind: 'cpu' });
    const cpuBefore = (await next<{ ms: number }>('cpu')).ms;
    const arrivals: BenchSession[] = [];
    for (let i = 0; i < ARRIVALS; i++) {
      const s = await openSession(port, `mem${IDLE + i}`, { privateKey: keys[IDLE + i].private });
      await s.until(MENU_PAINTED, 60_000);
      arrivals.push(s);
    }
    await new Promise((r) => setTimeout(r, 3000));
    child.send({ kind: 'cpu' });
    const cpuAfter = (await next<{ ms: number }>('cpu')).ms;
    const paints = sessions.reduce((n, s, i) => n + s.raw().split('\x1b7').length - paintsBefore[i], 0);
    const bytes = sessions.reduce((n, s, i) => n + s.raw().length - bytesBefore[i], 0);
    for (const s of arrivals) s.conn.end();
    return {
      [`paints of ${IDLE} idle sessions during ${ARRIVALS} log-ins`]: paints,
      [`bytes sent to the idle sessions, KB`]: bytes / 1000,
      [`server CPU per log-in, ms (${IDLE} online)`]: (cpuAfter - cpuBefore) / ARRIVALS,
    };
  } finally {
    for (const s of sessions) s.conn.end();
    child.send({ kind: 'stop' });
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
