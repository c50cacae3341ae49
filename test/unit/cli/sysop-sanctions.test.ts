import { describe, expect, it } from 'vitest';
import { cliSandbox } from '../../helpers/cli-sandbox.js';
import { openDataDir } from '../../../src/app.js';
import {
  broadcastCommand,
  userBanCommand,
  userDisconnectCommand,
  userSuspendCommand,
  userUnbanCommand,
  userWarnCommand,
} from '../../../src/cli/sysop-sanctions.js';

const cli = cliSandbox();

function addMember(name: string, role = 'member'): void {
  const { db } = openDataDir(cli.dataDir);
  db.prepare(`INSERT INTO members (name, name_key, password_hash, role, created_at, guidelines_accepted_at) VALUES (?, ?, 'x', ?, 0, 0)`).run(name, name, role);
  db.close();
}

function count(sql: string): number {
  const { db } = openDataDir(cli.dataDir);
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('haven sysop user suspend, ban, unban, disconnect, warn; haven sysop broadcast', () => {
  it('each acts as the console, with one audit entry, and prints a sentence or --json', () => {
    addMember('rowan');
    const at = { dataDir: cli.dataDir, out: cli.output.out };
    expect(userSuspendCommand({ ...at, name: 'Rowan', for: '7d', reason: 'Repeated harassment.' })).toBe(0);
    expect(cli.printed).toMatch(/^Suspended rowan until \d{4}-\d\d-\d\d \d\d:\d\d UTC\. A session they have open ends within seconds\.\n$/);
    cli.output.clear();
    expect(userBanCommand({ ...at, json: true, name: 'rowan', reason: 'Threats.' })).toBe(0);
    expect(JSON.parse(cli.printed)).toMatchObject({ action: 'ban', member: 'rowan', reason: 'Threats.', endsAt: null });
    cli.output.clear();
    expect(userUnbanCommand({ ...at, json: true, name: 'rowan' })).toBe(0);
    expect(JSON.parse(cli.printed)).toEqual({ action: 'unban', member: 'rowan', lifted: 2 });
    expect(userWarnCommand({ ...at, name: 'rowan', reason: 'Please be kind.' })).toBe(0);
    expect(userDisconnectCommand({ ...at, name: 'rowan' })).toBe(0);
    cli.output.clear();
    expect(broadcastCommand({ ...at, json: true, text: 'Back in five minutes' })).toBe(0);
    expect(JSON.parse(cli.printed)).toEqual({ action: 'broadcast', id: 1, text: 'Back in five minutes', online: 0 });
    const { db } = openDataDir(cli.dataDir);
    const actions = db.prepare("SELECT action, origin FROM audit_log ORDER BY id").all();
    db.close();
    expect(actions).toEqual(
      ['member.suspend', 'member.ban', 'member.unban', 'member.warn', 'member.disconnect', 'broadcast'].map((action) => ({ action, origin: 'console' })),
    );
  });

  it('refuses a wrong name, a wrong length, a sysop and a missing reason, exit 1, nothing changed', () => {
    addMember('rowan');
    addMember('keeper', 'sysop');
    const at = { dataDir: cli.dataDir, out: cli.output.out };
    expect(userSuspendCommand({ ...at, name: 'rowan', for: '7x', reason: 'x' })).toBe(1);
    expect(cli.complained).toContain('"7x" is not a length of time: say e.g. 30m, 12h, 7d or 2w.');
    expect(userSuspendCommand({ ...at, name: 'nobody', for: '7d', reason: 'x' })).toBe(1);
    expect(cli.complained).toContain('There is no member called "nobody".');
    expect(userBanCommand({ ...at, name: 'keeper', reason: 'x' })).toBe(1);
    expect(cli.complained).toContain('keeper is a sysop: sysops cannot be sanctioned.');
    expect(userWarnCommand({ ...at, name: 'rowan', reason: ' ' })).toBe(1);
    expect(cli.complained).toContain('Please give a reason');
    expect(userUnbanCommand({ ...at, name: 'rowan' })).toBe(1);
    expect(cli.complained).toContain('rowan is not suspended or banned.');
    expect(broadcastCommand({ ...at, text: '' })).toBe(1);
    expect(cli.printed).toBe('');
    expect(count('SELECT count(*) AS n FROM sanctions') + count('SELECT count(*) AS n FROM audit_log') + count('SELECT count(*) AS n FROM broadcasts')).toBe(0);
  });
});
