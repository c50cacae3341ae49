import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, isUserError } from '../errors.js';
import { describeHostKey } from '../server/host-key.js';
import { printJson, type Output } from './output.js';

/** Where `haven serve` keeps the server's key in a data directory. */
export const HOST_KEY_FILE = 'host_ed25519_key';

/**
 * `haven host-key`: the host key's fingerprint in the form ssh shows a member on first
 * connect ("ED25519 key fingerprint is SHA256:…"), and the line for a known_hosts file, to
 * publish where members can check them. Reads the key; never makes one.
 */
export function hostKeyCommand(opts: { dataDir: string; out: Output; json?: boolean }): number {
  try {
    const path = join(opts.dataDir, HOST_KEY_FILE);
    if (!existsSync(path)) {
      throw new UserError(`There is no host key at ${path} yet: \`haven serve\` makes one the first time it starts.`);
    }
    const key = describeHostKey(readFileSync(path));
    if (opts.json) {
      printJson(opts.out, [key]);
      return 0;
    }
    opts.out.out(
      `${key.type} key fingerprint is ${key.fingerprint}\n` +
        `known_hosts line (put your host name in front): ${key.publicKey}\n`,
    );
    return 0;
  } catch (err) {
    if (!isUserError(err)) throw err;
    opts.out.err(`${err.message}\n`);
    return 1;
  }
}
