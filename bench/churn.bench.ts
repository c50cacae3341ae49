// What log-ins leave behind: members log in by key one after another, reach the main menu
// and leave, on an otherwise empty server. Prints the server's RSS and heap (after a full GC)
// before and after, and after every quarter. HAVEN_BENCH_LOGINS sets the count (1,000).
import { openSession } from './lib/ssh-session.js';
import { readableKeyPair, startHavenChild } from './lib/haven-process.js';

const LOGINS = Number(process.env.HAVEN_BENCH_LOGINS ?? 1000);
const MENU_PAINTED = /Main\s+menu[\s\S]*\[G\]\s*oodbye/;

interface Memory {
  heapUsed: number;
  rss: number;
}

export default async function churnBench(): Promise<Record<string, number | string>> {
  const server = await startHavenChild();
  try {
    const pair = readableKeyPair();
    await server.send({ kind: 'add-member', name: 'churner', key: pair.public }, 'added');
    const mib = (n: number) => n / 1024 / 1024;
    const measure = () => server.send<Memory>({ kind: 'measure' }, 'memory');
    const before = await measure();
    const results: Record<string, number | string> = {
      'before: RSS / heap after GC, MiB': `${mib(before.rss).toFixed(1)} / ${mib(before.heapUsed).toFixed(1)}`,
    };
    for (let i = 1; i <= LOGINS; i++) {
      const s = await openSession(server.port, 'churner', { privateKey: pair.private });
      await s.until(MENU_PAINTED, 60_000);
      s.conn.end();
      await new Promise<void>((r) => s.conn.once('close', () => r()));
      if (i % Math.max(1, Math.floor(LOGINS / 4)) === 0) {
        const m = await measure();
        results[`after ${i} log-ins: RSS / heap after GC, MiB`] = `${mib(m.rss).toFixed(1)} / ${mib(m.heapUsed).toFixed(1)}`;
      }
    }
    const after = await measure();
    results['heap left per log-in after GC, KiB'] = (after.heapUsed - before.heapUsed) / 1024 / LOGINS;
    return results;
  } finally {
    await server.stop();
  }
}
