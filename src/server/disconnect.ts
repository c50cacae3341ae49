import type { Connection } from 'ssh2';
import { packetWriter, rawSocket } from './ssh2-internals.js';

/** SSH_MSG_DISCONNECT reason codes (RFC 4253 §11.1) that Haven sends. */
export const DISCONNECT = {
  BY_APPLICATION: 11,
  NO_MORE_AUTH_METHODS_AVAILABLE: 14,
} as const;

const MSG_DISCONNECT = 1;

/**
 * Closes the connection with a DISCONNECT that carries `description`, which clients print
 * (OpenSSH: "Received disconnect from … :14: Too many failed log-in attempts").
 * ssh2's own `end()` always sends an empty description, so the packet is written here the
 * way ssh2 writes its own DISCONNECT; if those internals are ever missing, it falls back to `end()`.
 */
export function disconnectWithReason(client: Connection, reason: number, description: string): void {
  const proto = packetWriter(client);
  const sock = rawSocket(client);
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
