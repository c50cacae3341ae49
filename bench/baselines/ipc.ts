// The child-process protocol the baseline servers share with bench/lib/server-process.ts:
// 'ready' {port} once listening, 'measure' → heap and RSS after a full GC, 'stop'.
import ssh2 from 'ssh2';

export interface BaselineServer {
  port: number;
  sessionCount(): number;
  close(): Promise<void>;
}

/** An ed25519 host key ssh2 can read back (its generator now and then makes one it cannot). */
export function readableHostKey(): string {
  for (;;) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    const parsed = ssh2.utils.parseKey(pair.private);
    if (!(parsed instanceof Error) && !Array.isArray(parsed) && parsed.getPublicSSH().length === 51) return pair.private;
  }
}

export function serveOverIpc(server: BaselineServer): void {
  process.on('message', async (msg: { kind: string }) => {
    if (msg.kind === 'measure') {
      for (let i = 0; i < 3; i++) global.gc?.();
      const m = process.memoryUsage();
      process.send!({ kind: 'memory', heapUsed: m.heapUsed, rss: m.rss, sessions: server.sessionCount() });
    } else if (msg.kind === 'stop') {
      await server.close();
      process.exit(0);
    }
  });
  process.send!({ kind: 'ready', port: server.port });
}
