// Runs Haven in a child process so that its memory is measured apart from the clients'.
// The parent sends 'measure' and gets back heap figures taken after a full GC.
import { startHaven } from '../../src/app.js';
import { DEFAULTS } from '../../src/config.js';
import { createLogger } from '../../src/log.js';

const dataDir = process.argv[2];
const haven = await startHaven(
  { ...DEFAULTS, port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', sessionsPerAddress: 100_000, sessionsPerMember: 5000, hibernateSeconds: Number(process.argv[3] ?? 30) },
  // Every bench client connects from 127.0.0.1: lift the per-address caps.
  { log: createLogger('silent'), limits: { maxPendingPerAddress: 1000, maxPendingTotal: 2000 } },
);

process.on('message', async (msg: { kind: string; name?: string; key?: string }) => {
  if (msg.kind === 'measure') {
    for (let i = 0; i < 3; i++) global.gc?.();
    const m = process.memoryUsage();
    process.send!({ kind: 'memory', heapUsed: m.heapUsed, rss: m.rss, sessions: haven.server.sessionCount });
  } else if (msg.kind === 'cpu') {
    const used = process.cpuUsage();
    process.send!({ kind: 'cpu', ms: (used.user + used.system) / 1000 });
  } else if (msg.kind === 'add-member') {
    const { utils } = (await import('ssh2')).default;
    const parsed = utils.parseKey(msg.key!);
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (key instanceof Error) throw key;
    await haven.services.accounts.register({
      name: msg.name!,
      password: 'bench password',
      acceptedGuidelines: true,
      publicKey: { algo: key.type, data: key.getPublicSSH() },
    });
    process.send!({ kind: 'added' });
  } else if (msg.kind === 'add-thread') {
    // A thread of forty paragraphs on the first board, for members to sit reading.
    const member = haven.services.accounts.findByName(msg.name!)!;
    const boards = haven.services.boards.list(member);
    const index = boards.findIndex((b) => b.canPost);
    const board = boards[index]!;
    const body = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1}: one day at a time, and today was a good one.`).join('\n\n');
    haven.services.boards.posts.startThread(member, board.id, { subject: 'Bench thread', body });
    process.send!({ kind: 'added', index });
  } else if (msg.kind === 'add-varied-thread') {
    // Sixty lines unlike their neighbours in Introductions, as a real post's are.
    const author = haven.services.accounts.findByName(msg.name!)!;
    const board = haven.services.boards.list(author).find((b) => b.name === 'Introductions')!;
    const words = ['the', 'week', 'went', 'slowly', 'and', 'what', 'helped', 'most', 'was', 'talking', 'here', 'each', 'evening'];
    const body = Array.from({ length: 60 }, (_, i) => `${Array.from({ length: 4 + (i % 7) }, (_, k) => words[(i * 5 + k * 3) % words.length]).join(' ')}.`).join('\n');
    haven.services.boards.posts.startThread(author, board.id, { subject: 'How the week went', body });
    process.send!({ kind: 'added' });
  } else if (msg.kind === 'stop') {
    await haven.stop();
    process.exit(0);
  }
});
process.send!({ kind: 'ready', port: haven.port });
