import { parseDuration, type Sanction } from '../services/sanctions.js';
import type { Services } from '../services/index.js';
import { withServices } from './data-dir.js';
import type { Output } from './output.js';

// Sanctions from the console: the same service calls a sysop makes at the BBS, recorded as
// the console's. A running server reads the audit entry within two seconds and acts on it
// (ends the member's sessions, shows the warning or the broadcast).

interface Target {
  dataDir: string;
  out: Output;
  /** Print one JSON object instead of a sentence. */
  json?: boolean;
}

function iso(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString();
}

function when(t: number): string {
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

function report(opts: Target, json: Record<string, unknown>, sentence: string): number {
  opts.out.out(opts.json ? `${JSON.stringify(json)}\n` : `${sentence}\n`);
  return 0;
}

function sanctionJson(action: string, name: string, s: Sanction): Record<string, unknown> {
  return { action, member: name, sanctionId: s.id, reason: s.reason, endsAt: iso(s.endsAt) };
}

function nameOf(services: Services, id: number): string {
  return services.accounts.findById(id)?.name ?? '';
}

/** `haven sysop user suspend NAME --for 7d --reason …` */
export function userSuspendCommand(opts: Target & { name: string; for: string; reason: string }): number {
  return withServices(opts, (services) => {
    // A wrong length is refused before anything is touched.
    const durationMs = parseDuration(opts.for);
    const s = services.sanctions.suspend('console', opts.name, { durationMs, reason: opts.reason });
    const name = nameOf(services, s.memberId);
    return report(opts, sanctionJson('suspend', name, s), `Suspended ${name} until ${when(s.endsAt!)}. A session they have open ends within seconds.`);
  });
}

/** `haven sysop user ban NAME --reason …` */
export function userBanCommand(opts: Target & { name: string; reason: string }): number {
  return withServices(opts, (services) => {
    const s = services.sanctions.ban('console', opts.name, opts.reason);
    const name = nameOf(services, s.memberId);
    return report(opts, sanctionJson('ban', name, s), `Banned ${name}. A session they have open ends within seconds.`);
  });
}

/** `haven sysop user unban NAME` */
export function userUnbanCommand(opts: Target & { name: string }): number {
  return withServices(opts, (services) => {
    const lifted = services.sanctions.unban('console', opts.name);
    const name = services.accounts.findByName(opts.name.trim())?.name ?? opts.name;
    return report(opts, { action: 'unban', member: name, lifted }, `${name} may log in again.`);
  });
}

/** `haven sysop user disconnect NAME [--reason …]` */
export function userDisconnectCommand(opts: Target & { name: string; reason?: string }): number {
  return withServices(opts, (services) => {
    services.sanctions.disconnect('console', opts.name, opts.reason ?? '');
    const name = services.accounts.findByName(opts.name.trim())?.name ?? opts.name;
    const online = services.online.list().some((r) => r.name === name);
    return report(
      opts,
      { action: 'disconnect', member: name, wasOnline: online },
      online ? `${name}'s sessions end within seconds.` : `${name} is not online as far as the server last said; nothing else to end.`,
    );
  });
}

/** `haven sysop user warn NAME --reason …` */
export function userWarnCommand(opts: Target & { name: string; reason: string }): number {
  return withServices(opts, (services) => {
    const s = services.sanctions.warn('console', opts.name, opts.reason);
    const name = nameOf(services, s.memberId);
    return report(opts, sanctionJson('warn', name, s), `Warned ${name}: they acknowledge it now if online, else when they next log in.`);
  });
}

/** `haven sysop broadcast "text"` */
export function broadcastCommand(opts: Target & { text: string }): number {
  return withServices(opts, (services) => {
    const sent = services.sanctions.broadcast('console', opts.text);
    const online = new Set(services.online.list().map((r) => r.memberId)).size;
    return report(
      opts,
      { action: 'broadcast', id: sent.id, text: sent.text, online },
      `Sent to the ${online} member${online === 1 ? '' : 's'} online: ${sent.text}`,
    );
  });
}
