// The members of the chat benchmark: real ssh2 clients in a child process, so that their
// decryption does not share the server's event loop. Run by bench/chat.bench.ts over IPC.
import { StringDecoder } from 'node:string_decoder';
import ssh2 from 'ssh2';
import { profilePhase } from './profile.js';

export interface ClientsJob {
  port: number;
  members: Array<{ name: string; privateKey: string }>;
  lines: number;
  warmup: number;
  lineLength: number;
  connectConcurrency: number;
}

export interface LineResult {
  /** ms from the sender's write to the last recipient receiving the line. */
  toLast: number;
  /** ms from the sender's write to each recipient receiving it. */
  toEach: number[];
  /** Bytes each recipient received for the line. */
  bytes: number[];
}

export type ClientsMessage =
  | { type: 'ready'; connectSeconds: number }
  | { type: 'result'; lines: LineResult[] }
  | { type: 'error'; message: string };

type Waiter = { test: () => boolean; resolve: () => void };

class Bot {
  bytes = 0;
  /** Recent text with escape sequences taken out and cursor-forward moves as spaces. */
  plain = '';
  /** Recent raw text, for finding a marker that may straddle two packets. */
  raw = '';
  readable = true;
  private channel: ssh2.ClientChannel | undefined;
  private readonly decoder = new StringDecoder('utf8');
  private waiters: Waiter[] = [];
  onChunk: ((bot: Bot, at: number) => void) | undefined;

  constructor(readonly name: string, private readonly conn: ssh2.Client) {}

  static connect(port: number, name: string, privateKey: string): Promise<Bot> {
    const conn = new ssh2.Client();
    const bot = new Bot(name, conn);
    return new Promise((resolve, reject) => {
      conn.once('error', reject);
      conn.once('ready', () => {
        conn.shell({ term: 'xterm-256color', cols: 80, rows: 24 }, (err, channel) => {
          if (err) return reject(err);
          bot.channel = channel;
          channel.on('data', (d: Buffer) => bot.receive(d));
          resolve(bot);
        });
      });
      conn.connect({ host: '127.0.0.1', port, username: name, privateKey, readyTimeout: 60_000 });
    });
  }

  private receive(d: Buffer): void {
    const at = performance.now();
    this.bytes += d.length;
    const text = this.decoder.write(d);
    this.raw = this.raw.length > 400 ? this.raw.slice(-200) + text : this.raw + text;
    // Readable text is only needed to find one's way in; while lines are timed, the raw bytes do.
    if (this.readable) {
      this.plain = (
        this.plain +
        text.replace(/\x1b\[(\d*)C/g, (_m, n: string) => ' '.repeat(Number(n || 1))).replace(/\x1b(\[[0-9;?]*[A-Za-z]|[78()][0-9A-Z]?|[=>])/g, '')
      ).slice(-4000);
    }
    this.onChunk?.(this, at);
    if (this.waiters.length) {
      this.waiters = this.waiters.filter((w) => {
        if (!w.test()) return true;
        w.resolve();
        return false;
      });
    }
  }

  waitForText(s: string, timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.plain.includes(s)) return resolve();
      const timer = setTimeout(() => reject(new Error(`${this.name} never saw "${s}"; it shows ...${JSON.stringify(this.plain.slice(-300))}`)), timeoutMs);
      this.waiters.push({ test: () => this.plain.includes(s), resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  send(s: string): void {
    this.channel?.write(s);
  }

  end(): void {
    this.conn.end();
  }
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}

async function run(job: ClientsJob): Promise<void> {
  const started = performance.now();
  const bots = await inBatches(job.members, job.connectConcurrency, async (m) => {
    const bot = await Bot.connect(job.port, m.name, m.privateKey);
    await bot.waitForText('Main menu');
    bot.send('C');
    await bot.waitForText('Choose a room');
    bot.send('\r');
    await bot.waitForText('here:');
    return bot;
  });
  process.send!({ type: 'ready', connectSeconds: (performance.now() - started) / 1000 } satisfies ClientsMessage);
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  for (const b of bots) b.readable = false;
  const stopProfile = await profilePhase('chat-clients');

  const results: LineResult[] = [];
  const quiet = () => new Promise((r) => setTimeout(r, 40));
  for (let i = 0; i < job.warmup + job.lines; i++) {
    const sender = bots[i % bots.length]!;
    const marker = `MK${String(i).padStart(5, '0')}X`;
    const text = (marker + ' the quick brown fox jumps over a dog').slice(0, job.lineLength).padEnd(job.lineLength, '.');
    const recipients = bots.filter((b) => b !== sender);
    const arrivals = new Map<Bot, number>();
    const bytesBefore = new Map(recipients.map((b) => [b, b.bytes]));
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    for (const b of recipients) {
      b.onChunk = (bot, at) => {
        if (arrivals.has(bot) || !bot.raw.includes(marker)) return;
        arrivals.set(bot, at);
        if (arrivals.size === recipients.length) done();
      };
    }
    // The member types the line, then sends it: the time runs from Enter.
    sender.readable = true;
    sender.send(text);
    await sender.waitForText(marker, 10_000);
    sender.readable = false;
    await quiet();
    const t0 = performance.now();
    sender.send('\r');
    const timeout = setTimeout(() => done(), 15_000);
    await all;
    clearTimeout(timeout);
    await quiet();
    for (const b of recipients) b.onChunk = undefined;
    if (arrivals.size < recipients.length) throw new Error(`line ${i}: only ${arrivals.size} of ${recipients.length} received it`);
    if (i < job.warmup) continue;
    const each = recipients.map((b) => arrivals.get(b)! - t0);
    results.push({ toLast: Math.max(...each), toEach: each, bytes: recipients.map((b) => b.bytes - bytesBefore.get(b)!) });
  }
  await stopProfile();
  process.send!({ type: 'result', lines: results } satisfies ClientsMessage);
  for (const b of bots) b.end();
}

process.once('message', (job: ClientsJob) => {
  run(job).catch((err: unknown) => {
    process.send!({ type: 'error', message: err instanceof Error ? err.stack ?? err.message : String(err) } satisfies ClientsMessage);
  });
});
