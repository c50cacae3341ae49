// Haven over a slow modem line: a throttling proxy carries 2,400 or 9,600 bit/s each way
// with 100 ms of delay each way. Times each step a member takes, from the key (or the
// connect) to the last byte of the paint it caused, and the bytes the server sent.
import ssh2 from 'ssh2';
import type { ClientChannel } from 'ssh2';
import { throttleProxy, type Link } from './lib/throttle-proxy.js';
import { visibleText } from './lib/ssh-session.js';
import { readableKeyPair, startHavenChild } from './lib/haven-process.js';

const LINKS: Array<[string, Link]> = [
  ['2400', { bitsPerSecond: 2400, delayMs: 100 }],
  ['9600', { bitsPerSecond: 9600, delayMs: 100 }],
];
/** A paint is over when nothing more has come for this long. */
const QUIET_MS = 1500;

interface Watched {
  channel: ClientChannel;
  text(): string;
  /** Waits for `pattern`, then for the line to go quiet; returns ms from `since` to the last byte. */
  paintedAfter(since: number, pattern: RegExp): Promise<number>;
}

function watch(channel: ClientChannel): Watched {
  let raw = '';
  let last = performance.now();
  channel.on('data', (d: Buffer) => {
    raw += d.toString('utf8');
    last = performance.now();
  });
  return {
    channel,
    text: () => visibleText(raw),
    async paintedAfter(since, pattern) {
      const deadline = Date.now() + 120_000;
      while (last < since || !pattern.test(visibleText(raw))) {
        if (Date.now() > deadline) throw new Error(`never saw ${pattern}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      while (performance.now() - last < QUIET_MS) await new Promise((r) => setTimeout(r, 50));
      return last - since;
    },
  };
}

export default async function slowLinkBench(): Promise<Record<string, number | string>> {
  const server = await startHavenChild();
  const { port } = server;
  const results: Record<string, number | string> = {};
  try {
    const pair = readableKeyPair();
    await server.send({ kind: 'add-member', name: 'modem', key: pair.public }, 'added');
    await server.send({ kind: 'add-varied-thread', name: 'modem' }, 'added');
    for (const [name, link] of LINKS) {
      const proxy = await throttleProxy(port, link);
      const conn = new ssh2.Client();
      const started = performance.now();
      await new Promise<void>((resolve, reject) => {
        conn.once('ready', () => resolve());
        conn.once('error', reject);
        conn.connect({ host: '127.0.0.1', port: proxy.port, username: 'modem', privateKey: pair.private, readyTimeout: 120_000 });
      });
      const authenticated = performance.now() - started;
      const handshakeDown = proxy.bytes.down;
      const handshakeUp = proxy.bytes.up;
      const channel = await new Promise<ClientChannel>((resolve, reject) =>
        conn.shell({ term: 'xterm-256color', cols: 80, rows: 24 }, (err, ch) => (err ? reject(err) : resolve(ch))),
      );
      const shellOpen = performance.now() - started;
      const s = watch(channel);
      const menu = await s.paintedAfter(started, /Main\s+menu[\s\S]*\[G\]\s*oodbye/);
      const menuBytes = proxy.bytes.down - handshakeDown;
      const step = async (keys: string, pattern: RegExp) => {
        const before = proxy.bytes.down;
        const at = performance.now();
        channel.write(keys);
        const ms = await s.paintedAfter(at, pattern);
        return { ms, bytes: proxy.bytes.down - before };
      };
      const move = await step('\x1b[B', /./);
      const boards = await step('B', /Announcements[\s\S]*Introductions/);
      await step('\x1b[B', /./);
      const board = await step('\r', /How the week went/);
      const thread = await step('\r', /evening/);
      const line = await step('\x1b[B', /./);
      results[`${name} bit/s: connect to authenticated, ms`] = authenticated;
      results[`${name} bit/s: connect to shell open, ms`] = shellOpen;
      results[`${name} bit/s: connect to main menu painted, ms`] = menu;
      results[`${name} bit/s: handshake bytes (server to client)`] = handshakeDown;
      results[`${name} bit/s: handshake bytes (client to server)`] = handshakeUp;
      results[`${name} bit/s: main menu bytes`] = menuBytes;
      results[`${name} bit/s: selection move, ms / bytes`] = `${move.ms.toFixed(0)} / ${move.bytes}`;
      results[`${name} bit/s: board list, ms / bytes`] = `${boards.ms.toFixed(0)} / ${boards.bytes}`;
      results[`${name} bit/s: opening a board, ms / bytes`] = `${board.ms.toFixed(0)} / ${board.bytes}`;
      results[`${name} bit/s: opening a thread, ms / bytes`] = `${thread.ms.toFixed(0)} / ${thread.bytes}`;
      results[`${name} bit/s: one line scroll, ms / bytes`] = `${line.ms.toFixed(0)} / ${line.bytes}`;
      conn.end();
      await proxy.close();
    }
    return results;
  } finally {
    await server.stop();
  }
}
