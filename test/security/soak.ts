// `npm run soak -- --minutes 10`: every connection attack of test/security at once, for as
// long as asked, while a member logs in by password and by key every second. Not part of
// `npm test`. The server runs in this process, so RSS and descriptors include the attackers'.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { startHaven } from '../../src/app.js';
import { DEFAULTS } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { guessPasswords, openShell, percentile, publicKeyOf, silentSocket, sourceAddress, sshLogIn, timedMemberLogIn } from './attackers.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const minutes = arg('minutes', 10);
const until = Date.now() + minutes * 60_000;
const PASSWORD = 'a long honest password';

const fds = () => readdirSync('/proc/self/fd').length;
const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);

const dataDir = mkdtempSync(join(tmpdir(), 'haven-soak-'));
const haven = await startHaven({ ...DEFAULTS, port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent' }, { log: createLogger('silent') });
const port = haven.port;
const accounts = haven.services.accounts;
const pair = ssh2.utils.generateKeyPairSync('ed25519');
const member = await accounts.register({ name: 'member', password: PASSWORD, acceptedGuidelines: true });
accounts.addKey(member.id, publicKeyOf(pair));
for (let i = 0; i < 20; i++) await accounts.register({ name: `victim${i}`, password: PASSWORD, acceptedGuidelines: true });

const before = { rss: rssMb(), fds: fds() };
const counts = { attempted: 0, refused: 0, guesses: 0 };
const timings = { password: [] as number[], key: [] as number[], failed: 0, reasons: new Map<string, number>() };
const running = () => Date.now() < until;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Attackers rotate through many addresses, as a botnet would; each block is one attack.
let next = 0;
const address = (block: number) => sourceAddress(block, next++ % 2000);

async function attempt(work: () => Promise<boolean>): Promise<void> {
  counts.attempted++;
  try {
    if (!(await work())) counts.refused++;
  } catch {
    counts.refused++;
  }
}

const attacks = [
  // 1: sign-up sessions held from one address.
  (async () => {
    while (running()) {
      await Promise.all(
        Array.from({ length: 10 }, () =>
          attempt(async () => {
            const conn = await sshLogIn({ port, localAddress: sourceAddress(61, 0), username: `flood${next++}` });
            await openShell(conn, 'Choose a name', 15_000);
            setTimeout(() => conn.end(), 30_000).unref();
            return true;
          }),
        ),
      );
      await pause(2000);
    }
  })(),
  // 2: log in, ask for a pty and never a shell.
  (async () => {
    while (running()) {
      await Promise.all(
        Array.from({ length: 5 }, () =>
          attempt(async () => {
            const conn = await sshLogIn({ port, localAddress: address(62), username: `ptyonly${next++}` });
            (conn as unknown as { _protocol: { shell: () => void } })._protocol.shell = () => {};
            conn.shell({ term: 'xterm', cols: 80, rows: 24 }, () => {});
            await new Promise<void>((r) => conn.once('close', () => r()));
            return true;
          }),
        ),
      );
      await pause(1000);
    }
  })(),
  // 3: twenty scripts guessing members' passwords.
  ...Array.from({ length: 20 }, (_, a) =>
    (async () => {
      while (running()) {
        await attempt(async () => {
          const sent = await guessPasswords(port, address(63), `victim${a}`);
          counts.guesses += sent;
          return sent > 0;
        });
      }
    })(),
  ),
  // 4: silent sockets, a hundred at a time.
  (async () => {
    while (running()) {
      const batch = Array.from({ length: 100 }, () => silentSocket(port, address(64)));
      counts.attempted += batch.length;
      await Promise.all(batch.map((s) => s.closed));
      counts.refused += batch.filter((s) => !s.greeted()).length;
    }
  })(),
  // 5: one address guessing one name.
  ...Array.from({ length: 4 }, () =>
    (async () => {
      while (running()) {
        await attempt(async () => {
          const sent = await guessPasswords(port, sourceAddress(65, 0), 'member');
          counts.guesses += sent;
          if (!sent) await pause(20);
          return sent > 0;
        });
      }
    })(),
  ),
];

const honest = (async () => {
  for (let i = 0; running(); i++) {
    const byKey = i % 2 === 1;
    try {
      const ms = await timedMemberLogIn({
        port,
        localAddress: `127.250.0.${(i % 200) + 1}`,
        username: 'member',
        ...(byKey ? { privateKey: pair.private } : { password: PASSWORD }),
      });
      (byKey ? timings.key : timings.password).push(ms);
    } catch (err) {
      timings.failed++;
      const why = String((err as Error).message).slice(0, 60);
      timings.reasons.set(why, (timings.reasons.get(why) ?? 0) + 1);
    }
    await pause(1000);
  }
})();

const progress = setInterval(() => process.stdout.write(`  ${Math.max(0, Math.round((until - Date.now()) / 1000))} s left; ${counts.attempted} attempted, ${counts.refused} refused\n`), 30_000);
await Promise.all([...attacks, honest]);
clearInterval(progress);
await pause(35_000); // held sign-ups end, deadlines pass
const penalised = haven.server.snapshot().penalised.length;
await haven.stop('Soak over');
const after = { rss: rssMb(), fds: fds() };
rmSync(dataDir, { recursive: true, force: true });

const row = (label: string, value: string | number) => process.stdout.write(`| ${label.padEnd(44)} | ${String(value).padStart(14)} |\n`);
process.stdout.write(`\n| Soak, ${minutes} min, all five attacks at once`.padEnd(47) + '|                |\n|' + '-'.repeat(46) + '|' + '-'.repeat(16) + '|\n');
row('attacker log-ins attempted', counts.attempted);
row('attacker log-ins refused / closed before in', counts.refused);
row('passwords guessed (answered)', counts.guesses);
row('sources penalised at the end', penalised);
row('member log-ins by password (p50 / p99 ms)', `${timings.password.length} (${percentile(timings.password, 50)} / ${percentile(timings.password, 99)})`);
row('member log-ins by key (p50 / p99 ms)', `${timings.key.length} (${percentile(timings.key, 50)} / ${percentile(timings.key, 99)})`);
row('member log-ins that failed (first try)', timings.failed);
for (const [why, n] of timings.reasons) process.stdout.write(`    failed ${n}x: ${why}\n`);
row('RSS MB before / after', `${before.rss} / ${after.rss}`);
row('file descriptors before / after', `${before.fds} / ${after.fds}`);
process.exit(0);
