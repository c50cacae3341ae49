import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bulletinAddCommand, bulletinListCommand, bulletinRemoveCommand } from '../../../src/cli/sysop-bulletins.js';
import { cliSandbox } from '../../helpers/cli-sandbox.js';

const cli = cliSandbox();

const query = <T>(sql: string): T[] => cli.query<T>(sql);

describe('haven sysop bulletin', () => {
  it('adds bulletins from --text, a file and standard input, lists them newest first (also as JSON) and removes one, each audited', () => {
    const out = cli.output.out;
    const file = join(cli.dataDir, 'notice.txt');
    writeFileSync(file, 'The meeting moves to Thursday.\n');
    expect(bulletinAddCommand({ dataDir: cli.dataDir, out, title: 'Maintenance', text: 'Down on Sunday\x1b[2J at 9.' })).toBe(0);
    expect(bulletinAddCommand({ dataDir: cli.dataDir, out, title: 'Meeting', file })).toBe(0);
    expect(bulletinAddCommand({ dataDir: cli.dataDir, out, title: 'Piped', stdin: () => 'From a pipe.' })).toBe(0);
    expect(cli.printed).toContain('Bulletin 1 added: "Maintenance"');
    cli.output.clear();
    expect(bulletinListCommand({ dataDir: cli.dataDir, out, json: true })).toBe(0);
    const listed = JSON.parse(cli.printed) as Array<{ id: number; title: string; body: string; createdBy: string }>;
    expect(listed.map((b) => b.title).sort()).toEqual(['Maintenance', 'Meeting', 'Piped']);
    expect(listed.find((b) => b.id === 1)).toMatchObject({ body: 'Down on Sunday at 9.', createdBy: 'console' });
    expect(listed.find((b) => b.id === 2)?.body).toBe('The meeting moves to Thursday.');
    cli.output.clear();
    expect(bulletinListCommand({ dataDir: cli.dataDir, out })).toBe(0);
    expect(cli.printed).toMatch(/1\s+.* by console\s+Maintenance/);
    expect(bulletinRemoveCommand({ dataDir: cli.dataDir, out, id: '1' })).toBe(0);
    expect(cli.printed).toContain('Bulletin 1 removed: "Maintenance".');
    expect(query<{ id: number }>('SELECT id FROM bulletins ORDER BY id')).toEqual([{ id: 2 }, { id: 3 }]);
    expect(query<{ action: string; origin: string; target_label: string }>('SELECT action, origin, target_label FROM audit_log ORDER BY id')).toEqual([
      { action: 'bulletin.add', origin: 'console', target_label: 'Maintenance' },
      { action: 'bulletin.add', origin: 'console', target_label: 'Meeting' },
      { action: 'bulletin.add', origin: 'console', target_label: 'Piped' },
      { action: 'bulletin.remove', origin: 'console', target_label: 'Maintenance' },
    ]);
  });

  it('refuses a bulletin without text or title, and an unknown number, changing nothing', () => {
    const out = cli.output.out;
    expect(bulletinAddCommand({ dataDir: cli.dataDir, out, title: 'Empty', stdin: () => '' })).toBe(1);
    expect(cli.complained).toContain('Give the bulletin\'s text');
    expect(bulletinAddCommand({ dataDir: cli.dataDir, out, title: '  ', text: 'x' })).toBe(1);
    expect(cli.complained).toContain('A bulletin needs a title.');
    expect(bulletinRemoveCommand({ dataDir: cli.dataDir, out, id: '7' })).toBe(1);
    expect(cli.complained).toContain('There is no bulletin number 7.');
    expect(query('SELECT * FROM bulletins')).toEqual([]);
    expect(query('SELECT * FROM audit_log')).toEqual([]);
  });
});
