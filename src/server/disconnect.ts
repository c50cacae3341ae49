import type { Connection } from 'ssh2';

/** SSH_MSG_DISCONNECT reason codes (RFC 4253 §11.1) that Haven sends. */
export const DISCONNECT = {
  BY_APPLICATION: 11,
  NO_MORE_AUTH_METHODS_AVAILABLE: 14,
} as const;

const MSG_DISCONNECT = 1;

/** The parts of ssh2 1.17's connection internals that writing one packet needs. */
interface ProtocolShape {
  _packetRW: { write: { allocStartKEX: number; alloc(len: number, forceNew: boolean): Buffer; finalize(packet: Buffer, force: boolean): Buffer } };
  _cipher: { encrypt(packet: Buffer): void };
}

function protocolOf(client: Connection): ProtocolShape | undefined {
  const proto = (client as unknown as { _protocol?: Partial<ProtocolShape> })._protocol;
  const write = proto?._packetRW?.write;
  if (!write || typeof write.alloc !== 'function' || typeof write.finalize !== 'function' || typeof write.allocStartKEX !== 'number') return undefined;
  if (typeof proto?._cipher?.encrypt !== 'function') return undefined;
  return proto as ProtocolShape;
}

/**
 * Closes the connection with a DISCONNECT that carries `description`, which clients print
 * (OpenSSH: "Received disconnect from … :14: Too many failed log-in attempts").
 * ssh2's own `end()` always sends an empty description, so the packet is written here the
 * way ssh2 writes its own DISCONNECT; if ssh2's internals ever differ, it falls back to `end()`.
 */
export function disconnectWithReason(client: Connection, reason: number, description: string): void {
  const proto = protocolOf(client);
  const sock = (client as unknown as { _sock?: { end(): void; writable?: boolean; destroyed?: boolean } })._sock;
  if (!proto || !sock) {
    client.end();
    return;
  }
  if (!sock.writable || sock.destroyed) return;
  const text = Buffer.from(description, 'utf8');
  const write = proto._packetRW.write;
  // byte MSG_DISCONNECT, uint32 reason, string description, string language tag
  const length = 1 + 4 + 4 + text.length + 4;
  let p = write.allocStartKEX;
  const packet = write.alloc(length, true);
  packet[p] = MSG_DISCONNECT;
  packet.writeUInt32BE(reason, (p += 1));
  packet.writeUInt32BE(text.length, (p += 4));
  text.copy(packet, (p += 4));
  packet.writeUInt32BE(0, p + text.length);
  try {
    proto._cipher.encrypt(write.finalize(packet, true));
  } finally {
    sock.end();
  }
}
