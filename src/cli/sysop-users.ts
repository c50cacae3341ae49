import { openDataDir } from '../app.js';
import { isUserError } from '../errors.js';
import { Accounts, type Role } from '../services/accounts.js';
import { PasswordHasher } from '../services/password-hasher.js';
import { withDataDir } from './data-dir.js';

/** `haven sysop user add`: creates a member on the data dir, also while the server runs. */
export async function userAddCommand(opts: { dataDir: string; name: string; password: string; role: Role }): Promise<number> {
  const { db } = openDataDir(opts.dataDir);
  try {
    const accounts = new Accounts(db, new PasswordHasher());
    // Nobody accepted anything at the console: the member does so at their first log-in.
    const member = await accounts.register({ name: opts.name, password: opts.password, role: opts.role, acceptedGuidelines: 'at-first-log-in' });
    process.stdout.write(`Created ${member.role} ${member.name}. They accept the guidelines when they first log in.\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`${isUserError(err) ? err.message : String(err)}\n`);
    return 1;
  } finally {
    db.close();
  }
}

/** `haven sysop user list`: names, roles, when each joined and last logged in. */
export function userListCommand(opts: { dataDir: string }): number {
  return withDataDir(opts.dataDir, (db) => {
    const members = new Accounts(db, new PasswordHasher()).list();
    const day = (t: number | null) => (t ? new Date(t).toISOString().slice(0, 10) : 'never');
    process.stdout.write(`${'NAME'.padEnd(17)}${'ROLE'.padEnd(8)}${'JOINED'.padEnd(12)}LAST LOG-IN\n`);
    for (const m of members) process.stdout.write(`${m.name.padEnd(17)}${m.role.padEnd(8)}${day(m.createdAt).padEnd(12)}${day(m.lastLoginAt)}\n`);
    process.stdout.write(`${members.length} member${members.length === 1 ? '' : 's'}\n`);
    return 0;
  });
}
