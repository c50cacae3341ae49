import ssh2 from 'ssh2';
import type { ClientChannel } from 'ssh2';

/** What a terminal shows once escape sequences are dropped (blessed may move the cursor instead of printing spaces). */
export function visibleText(raw: string): string {
  return raw.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]|\x1b[78=>]/g, ' ');
}

export interface BenchSession {
  conn: InstanceType<typeof ssh2.Client>;
  channel: ClientChannel;
  raw: () => string;
  /** Resolves when `pattern` has appeared in the visible text. */
  until(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/** Opens an interactive session (pty 80x24) as `username` with a private key or a password. */
export async function openSession(port: number, username: string, auth: { privateKey?: string; password?: string }): Promise<BenchSession> {
  const conn = new ssh2.Client();
  await new Promise<void>((resolve, reject) => {
    conn.once('ready', () => resolve());
    conn.once('error', reject);
    conn.connect({ host: '127.0.0.1', port, username, ...auth, readyTimeout: 60_000 });
  });
  conn.on('error', () => {});
  const channel = await new Promise<ClientChannel>((resolve, reject) =>
    conn.shell({ term: 'xterm-256color', cols: 80, rows: 24 }, (err, ch) => (err ? reject(err) : resolve(ch))),
  );
  let raw = '';
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  channel.on('data', (d: Buffer) => {
    raw += d.toString('utf8');
    const text = visibleText(raw);
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].pattern.test(text)) {
        waiters[i].resolve();
        waiters.splice(i, 1);
      }
    }
  });
  return {
    conn,
    channel,
    raw: () => raw,
    until(pattern, timeoutMs = 30_000) {
      if (pattern.test(visibleText(raw))) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}`)), timeoutMs);
        waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
