import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionSnapshot } from './ssh-server.js';
import type { ServerFigures } from '../services/activity.js';

/**
 * The running server's connection limits, for the console (another process) to show. It holds
 * counts and keyed hashes only, never an address, and is rewritten every few seconds.
 */
export const CONNECTION_STATUS_FILE = 'connection-status.json';

export interface ConnectionStatus extends ConnectionSnapshot {
  writtenAt: number;
  /** The server's resident memory and JavaScript heap in use, in bytes. */
  memory?: { rss: number; heapUsed: number };
  /** How many sources are penalised in all (`penalised` lists at most 50). */
  penalisedCount?: number;
}

/** Counts for the status screen from a snapshot: no hashes, no addresses. */
export function connectionFigures(snapshot: ConnectionSnapshot): { sessions: number; pending: number; penalised: number; refusing: number } {
  return {
    sessions: snapshot.sessions,
    pending: snapshot.pending,
    penalised: snapshot.penalised.length,
    refusing: snapshot.penalised.filter((p) => p.refusing).length,
  };
}

/** The status file as the status screen's figures, or undefined when no server wrote one. */
export function figuresFromStatus(status: ConnectionStatus | undefined): ServerFigures | undefined {
  if (!status) return undefined;
  return {
    asOf: status.writtenAt,
    ...connectionFigures(status),
    penalised: status.penalisedCount ?? status.penalised.length,
    rssBytes: status.memory?.rss,
    heapBytes: status.memory?.heapUsed,
  };
}

export function writeConnectionStatus(dataDir: string, snapshot: ConnectionSnapshot, now = Date.now()): void {
  const path = join(dataDir, CONNECTION_STATUS_FILE);
  const { rss, heapUsed } = process.memoryUsage();
  const status: ConnectionStatus = {
    writtenAt: now,
    ...snapshot,
    penalised: snapshot.penalised.slice(0, 50),
    penalisedCount: snapshot.penalised.length,
    memory: { rss, heapUsed },
  };
  writeFileSync(`${path}.tmp`, JSON.stringify(status), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

export function removeConnectionStatus(dataDir: string): void {
  rmSync(join(dataDir, CONNECTION_STATUS_FILE), { force: true });
}

export function readConnectionStatus(dataDir: string): ConnectionStatus | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, CONNECTION_STATUS_FILE), 'utf8')) as ConnectionStatus;
  } catch {
    return undefined;
  }
}

/** Lines for `haven sysop stats`: counts, then penalised sources as hashes. */
export function formatConnectionStatus(status: ConnectionStatus | undefined, now = Date.now()): string[] {
  if (!status) return ['Connections: no running server has written its status.'];
  const age = Math.round((now - status.writtenAt) / 1000);
  const lines = [
    `Connections: ${status.sessions} in session, ${status.pending} not logged in yet (as of ${age} s ago${age > 30 ? ': the server may not be running' : ''})`,
  ];
  if (!status.penalised.length) return [...lines, 'Penalised sources: none'];
  lines.push(`Penalised sources (hashed; ${status.penalised.filter((p) => p.refusing).length} refused now):`);
  for (const p of status.penalised.slice(0, 20)) {
    lines.push(
      `  ${p.source}  score ${p.score}${p.refusing ? ' (refused)' : ''}  failed log-ins ${p.authFailures}, deadlines overrun ${p.graceOverruns}, refused requests ${p.refusedRequests}, connections refused ${p.connectionsRefused}`,
    );
  }
  return lines;
}
