import { PassThrough } from 'node:stream';
import { EventEmitter } from 'node:events';
import ssh2, { type Connection } from 'ssh2';
import { checkShapes, installedVersion, type ShapeRule } from '../shape-check.js';

/**
 * Every use of ssh2's undocumented internals goes through this module: a connection's
 * socket (to drop a client at once) and its packet writer (to send a DISCONNECT with a
 * reason). What they rely on is checked when the module loads, on a connection built over a
 * stream that is closed at once, and a difference throws naming the ssh2 version.
 */
export const SSH2_VERSION = installedVersion('ssh2');

/** What must hold of a server-side connection. */
export const SSH2_CONNECTION_SHAPES: readonly ShapeRule[] = [
  ['_sock.end', 'function'],
  ['_sock.destroy', 'function'],
  ['_protocol._packetRW.write.allocStartKEX', 'number'],
  ['_protocol._packetRW.write.alloc', 'function'],
  ['_protocol._packetRW.write.finalize', 'function'],
  ['_protocol._cipher.encrypt', 'function'],
];

type IncomingClient = new (socket: NodeJS.ReadWriteStream, hostKeys: object, ident: undefined, offer: undefined, debug: undefined, server: EventEmitter, config: object) => Connection;

/** Builds a connection the way ssh2's server does for each client, over a stream closed at once. */
function probeConnection(): unknown {
  const Client = (ssh2.Server as unknown as { IncomingClient?: IncomingClient }).IncomingClient;
  if (typeof Client !== 'function') {
    throw new Error(`ssh2 ${SSH2_VERSION} is not shaped as Haven expects: Server.IncomingClient should be a function but is ${typeof Client}.`);
  }
  const socket = new PassThrough();
  const client = new Client(socket, {}, undefined, undefined, undefined, new EventEmitter(), {});
  // The closed stream makes the connection fail on its next turn; nobody is listening for that.
  client.on('error', () => {});
  socket.destroy();
  return client;
}

checkShapes('ssh2', SSH2_VERSION, 'a connection', probeConnection(), SSH2_CONNECTION_SHAPES);

interface Socket {
  end(): void;
  destroy(): void;
  writable?: boolean;
  destroyed?: boolean;
}
/** The parts of a connection's protocol that writing one packet needs. */
export interface PacketWriter {
  _packetRW: { write: { allocStartKEX: number; alloc(len: number, forceNew: boolean): Buffer; finalize(packet: Buffer, force: boolean): Buffer } };
  _cipher: { encrypt(packet: Buffer): void };
}
const inside = (client: Connection) => client as unknown as { _sock?: Socket; _protocol?: PacketWriter };

/** The connection's TCP socket (absent once ssh2 has let go of it). */
export function rawSocket(client: Connection): Socket | undefined {
  return inside(client)._sock;
}

/** The connection's packet writer and cipher, if they are as checked at start-up. */
export function packetWriter(client: Connection): PacketWriter | undefined {
  const proto = inside(client)._protocol as Partial<PacketWriter> | undefined;
  const write = proto?._packetRW?.write;
  if (!write || typeof write.alloc !== 'function' || typeof write.finalize !== 'function' || typeof write.allocStartKEX !== 'number') return undefined;
  if (typeof proto?._cipher?.encrypt !== 'function') return undefined;
  return proto as PacketWriter;
}
