import { isUserError } from '../errors.js';
import type { Role } from '../services/accounts.js';
import { openExistingServices, withServices } from './data-dir.js';
import type { Output } from './output.js';

/** `haven sysop user add`: creates a member on the data dir, also while the server runs. */
export async function userAddCommand(opts: { dataDir: string; out: Output; name: string; password: string; role: Role }): Promise<number> {
  let close: (() => void) | undefined;
  try {
    const opened = openExistingServices(opts.dataDir);
    close = opened.close;
    const { accounts } = opened.services;
    // Nobody accepted anything at the console: the member does so at their first log-in.
    const member = await accounts.register({ name: opts.name, password: opts.password, role: opts.role, acceptedGuidelines: 'at-first-log-in' });
    opts.out.out(`Created ${member.role} ${member.name}. They accept the guidelines when they first log in.\n`);
    return 0;
  } catch (err) {
    opts.out.err(`${isUserError(err) ? err.message : String(err)}\n`);
    return 1;
  } finally {
    close?.();
  }
}

/** `haven sysop user list`: names, roles, when each joined and last logged in. */
export function userListCommand(opts: { dataDir: string; out: Output }): number {
  return withServices(opts, ({ accounts }) => {
    const members = accounts.list();
    const day = (t: number | null) => (t ? new Date(t).toISOString().slice(0, 10) : 'never');
    opts.out.out(`${'NAME'.padEnd(17)}${'ROLE'.padEnd(8)}${'JOINED'.padEnd(12)}LAST LOG-IN\n`);
    for (const m of members) opts.out.out(`${m.name.padEnd(17)}${m.role.padEnd(8)}${day(m.createdAt).padEnd(12)}${day(m.lastLoginAt)}\n`);
    opts.out.out(`${members.length} member${members.length === 1 ? '' : 's'}\n`);
    return 0;
  });
}
