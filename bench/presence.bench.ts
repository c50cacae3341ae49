// What a rush of log-ins costs members who did nothing: 300 idle sessions on the main menu
// while 100 more members log in one after another. Counts the paints and bytes the idle
// sessions receive, and the server's CPU per log-in.
import { openSession, type BenchSession } from './lib/ssh-session.js';
import { readableKeyPair, startHavenChild } from './lib/haven-process.js';

const MENU_PAINTED = /Main\s+menu[\s\S]*\[G\]\s*oodbye/;
const IDLE = Number(process.env.BENCH_IDLE ?? 300);
const ARRIVALS = Number(process.env.BENCH_ARRIVALS ?? 100);

export default async function presenceBench(): Promise<Record<string, number | string>> {
  const server = await startHavenChild();
  const { port } = server;
  const sessions: BenchSession[] = [];
  try {
    // A key saves for one member only: each gets their own.
    const keys = Array.from({ length: IDLE + ARRIVALS }, readableKeyPair);
    for (let i = 0; i < IDLE + ARRIVALS; i++) {
      await server.send({ kind: 'add-member', name: `mem${i}`, key: keys[i].public }, 'added');
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
    const cpuBefore = (await server.send<{ ms: number }>({ kind: 'cpu' }, 'cpu')).ms;
    const arrivals: BenchSession[] = [];
    for (let i = 0; i < ARRIVALS; i++) {
      const s = await openSession(port, `mem${IDLE + i}`, { privateKey: keys[IDLE + i].private });
      await s.until(MENU_PAINTED, 60_000);
      arrivals.push(s);
    }
    await new Promise((r) => setTimeout(r, 3000));
    const cpuAfter = (await server.send<{ ms: number }>({ kind: 'cpu' }, 'cpu')).ms;
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
    await server.stop();
  }
}
