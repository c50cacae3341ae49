// 500 members in one chat room, over real SSH on loopback: how long from one member's
// send until the last member's terminal has the line, and how many bytes each member
// receives for a 40-character line. The server runs here; the clients run in a child
// process (bench/chat-clients.ts) so that 500 decrypting clients do not share its loop.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ssh2 from 'ssh2';
import { startHaven } from '../src/app.js';
import { DEFAULTS } from '../src/config.js';
import { createLogger } from '../src/log.js';
import type { ClientsJob, ClientsMessage, LineResult } from './chat-clients.js';
import { profilePhase } from './profile.js';

const MEMBERS = Number(process.env.CHAT_BENCH_MEMBERS ?? 500);
const LINES = Number(process.env.CHAT_BENCH_LINES ?? 100);
const LINE_LENGTH = 40;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

/** An ed25519 pair; ssh2 now and then cannot re-read a public key it generated, so such a pair is skipped. */
function keyPair() {
  for (;;) {
    const keys = ssh2.utils.generateKeyPairSync('ed25519');
    const parsed = ssh2.utils.parseKey(keys.public);
    if (!(parsed instanceof Error) && !Array.isArray(parsed)) return { keys, parsed };
  }
}

const sortNum = (xs: number[]) => [...xs].sort((a, b) => a - b);

export default async function chatBench(): Promise<Record<string, number | string>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'haven-bench-chat-'));
  const haven = await startHaven(
    { ...DEFAULTS, port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', bbsName: 'Haven' },
    {
      log: createLogger('silent'),
      limits: { maxPendingPerAddress: 64, maxPendingTotal: 1000, maxSessions: MEMBERS + 100 },
    },
  );
  const child = fork(join(dirname(fileURLToPath(import.meta.url)), 'chat-clients.ts'), [], { execArgv: ['--import', 'tsx'] });
  try {
    const { accounts } = haven.services;
    const setupStart = Date.now();
    // Each member logs in with their own key, so no password hashing happens at log-in.
    const members: ClientsJob['members'] = [];
    for (let i = 0; i < MEMBERS; i += 16) {
      const batch = Array.from({ length: Math.min(16, MEMBERS - i) }, (_, k) => i + k);
      members.push(
        ...(await Promise.all(
          batch.map(async (n) => {
            const name = `m${String(n).padStart(3, '0')}`;
            const { keys, parsed } = keyPair();
            await accounts.register({
              name,
              password: 'bench password',
              acceptedGuidelines: true,
              publicKey: { algo: parsed.type, data: parsed.getPublicSSH() },
            });
            return { name, privateKey: keys.private };
          }),
        )),
      );
    }
    const registerSeconds = (Date.now() - setupStart) / 1000;

    const messages: ClientsMessage[] = [];
    let wake: (() => void) | undefined;
    child.on('message', (m: ClientsMessage) => {
      messages.push(m);
      wake?.();
    });
    const next = async (): Promise<ClientsMessage> => {
      while (messages.length === 0) await new Promise<void>((r) => (wake = r));
      const m = messages.shift()!;
      if (m.type === 'error') throw new Error(`bench clients failed: ${m.message}`);
      return m;
    };
    child.send({ port: haven.port, members, lines: LINES, warmup: 5, lineLength: LINE_LENGTH, connectConcurrency: 24 } satisfies ClientsJob);
    const ready = await next();
    const lobby = haven.services.chatRooms.lobby().id;
    const inRoom = haven.services.chat.countIn(lobby);
    if (inRoom !== MEMBERS) throw new Error(`only ${inRoom} of ${MEMBERS} members reached the Lobby`);
    // Let the joins' last throttled repaints finish before measuring.
    await new Promise((r) => setTimeout(r, 2500));
    const stopProfile = await profilePhase('chat-server');
    child.send({ go: true });
    const result = await next();
    await stopProfile();
    if (result.type !== 'result') throw new Error('unexpected message from the bench clients');

    const lines: LineResult[] = result.lines;
    const toLast = sortNum(lines.map((l) => l.toLast));
    const toEach = sortNum(lines.flatMap((l) => l.toEach));
    const bytes = sortNum(lines.flatMap((l) => l.bytes));
    return {
      members: MEMBERS,
      'lines measured': lines.length,
      'send to last recipient, median (ms)': percentile(toLast, 50),
      'send to last recipient, p99 (ms)': percentile(toLast, 99),
      'send to each recipient, median (ms)': percentile(toEach, 50),
      'bytes per recipient for a 40-char line, median': percentile(bytes, 50),
      'bytes per recipient for a 40-char line, max': bytes[bytes.length - 1]!,
      'setup: members registered (s)': registerSeconds,
      'setup: all connected and in the Lobby (s)': (ready as { connectSeconds: number }).connectSeconds,
    };
  } finally {
    child.kill();
    await haven.stop('Benchmark over');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
