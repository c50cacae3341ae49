import { connect, createServer, type Server, type Socket } from 'node:net';

/** A link: bits per second each way, and the delay each way in milliseconds. */
export interface Link {
  bitsPerSecond: number;
  delayMs: number;
}

export interface ThrottleProxy {
  port: number;
  /** Bytes carried so far, server to client and client to server. */
  bytes: { down: number; up: number };
  close(): Promise<void>;
}

/**
 * A TCP proxy to `targetPort` that behaves like a slow modem line: each direction carries
 * `bitsPerSecond` (a chunk arrives once its last bit would have) after `delayMs` of latency.
 */
export async function throttleProxy(targetPort: number, link: Link): Promise<ThrottleProxy> {
  const bytes = { down: 0, up: 0 };
  const sockets = new Set<Socket>();
  const pipe = (from: Socket, to: Socket, count: (n: number) => void) => {
    let free = 0;
    from.on('data', (chunk: Buffer) => {
      count(chunk.length);
      const now = performance.now();
      const start = Math.max(now, free);
      free = start + (chunk.length * 8 * 1000) / link.bitsPerSecond;
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
      }, free + link.delayMs - now);
    });
    from.on('close', () => setTimeout(() => to.destroy(), Math.max(0, free + link.delayMs - performance.now())));
    from.on('error', () => {});
  };
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    pipe(client, upstream, (n) => (bytes.up += n));
    pipe(upstream, client, (n) => (bytes.down += n));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The proxy has no port.');
  return {
    port: address.port,
    bytes,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
