import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { EventEmitter } from 'node:events';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { SSH2_CONNECTION_SHAPES, SSH2_VERSION, packetWriter, rawSocket } from '../../../src/server/ssh2-internals.js';
import { checkShapes } from '../../../src/shape-check.js';

const installed = (createRequire(import.meta.url)('ssh2/package.json') as { version: string }).version;

type Client = new (...args: unknown[]) => EventEmitter;
function connection(): EventEmitter {
  const IncomingClient = (ssh2.Server as unknown as { IncomingClient: Client }).IncomingClient;
  const socket = new PassThrough();
  const client = new IncomingClient(socket, {}, undefined, undefined, undefined, new EventEmitter(), {});
  client.on('error', () => {});
  setImmediate(() => socket.destroy());
  return client;
}

describe('the shapes of ssh2 that Haven relies on', () => {
  it('hold for the installed ssh2 (checked when the module loaded), and reach the socket and packet writer', () => {
    expect(SSH2_VERSION).toBe(installed);
    const client = connection();
    expect(() => checkShapes('ssh2', SSH2_VERSION, 'a connection', client, SSH2_CONNECTION_SHAPES)).not.toThrow();
    const c = client as unknown as ssh2.Connection;
    expect(typeof rawSocket(c)?.destroy).toBe('function');
    expect(packetWriter(c)).toBeDefined();
  });

  it('fail loudly, naming the version and the missing shape, when a connection differs', () => {
    const client = connection() as unknown as Record<string, unknown>;
    const doctored = { ...client, _sock: undefined, _protocol: { ...(client._protocol as object), _cipher: {} } };
    const check = () => checkShapes('ssh2', SSH2_VERSION, 'a connection', doctored, SSH2_CONNECTION_SHAPES);
    expect(check).toThrow(`ssh2 ${installed} is not shaped as Haven expects`);
    expect(check).toThrow('_sock.destroy should be a function but is undefined');
    expect(check).toThrow('_protocol._cipher.encrypt should be a function but is undefined');
  });
});
