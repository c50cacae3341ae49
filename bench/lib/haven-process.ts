// Haven in a child process for a bench, so its memory and CPU are measured apart from the
// clients'. See server-process.ts for the messages it answers.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ssh2 from 'ssh2';

const here = dirname(fileURLToPath(import.meta.url));

export interface HavenChild {
  port: number;
  /** Sends a message and resolves with the first reply of kind `reply`. */
  send<T>(msg: object, reply: string): Promise<T>;
  stop(): Promise<void>;
}

/** Starts Haven on a fresh data directory; `args` follow the data directory (the hibernate seconds). */
export async function startHavenChild(args: string[] = []): Promise<HavenChild> {
  const dataDir = mkdtempSync(join(tmpdir(), 'haven-bench-'));
  const child = fork(join(here, 'server-process.ts'), [dataDir, ...args], {
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
  return {
    port,
    send<T>(msg: object, reply: string) {
      const answer = next<T>(reply);
      child.send(msg);
      return answer;
    },
    async stop() {
      child.send({ kind: 'stop' });
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An ed25519 key pair ssh2 can read back (its generator now and then makes one it cannot). */
export function readableKeyPair(): { public: string; private: string } {
  for (;;) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    if (!(ssh2.utils.parseKey(pair.public) instanceof Error)) return pair;
  }
}
