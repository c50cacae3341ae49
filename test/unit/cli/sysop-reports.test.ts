import { beforeEach, describe, expect, it } from 'vitest';
import type { CapturedOutput } from '../../helpers/output.js';
import { useConsoleDataDir } from '../../helpers/console-data-dir.js';
import { reportsCloseCommand, reportsListCommand, reportsShowCommand } from '../../../src/cli/sysop-reports.js';
import { Hub } from '../../../src/hub.js';
import { Reports } from '../../../src/services/reports.js';

const sandbox = useConsoleDataDir();
const withDb = sandbox.withDb;
let dataDir: string;
let output: CapturedOutput;
beforeEach(() => {
  dataDir = sandbox.dataDir();
  output = sandbox.output();
});

describe('haven sysop reports', () => {
  it('lists open reports, shows one with its copy, and closes it', () => {
    const id = withDb((db) => {
      const add = db.prepare("INSERT INTO members (name, name_key, password_hash, created_at, guidelines_accepted_at) VALUES (?, ?, 'x', 0, 0)");
      const reporter = Number(add.run('rowan', 'rowan').lastInsertRowid);
      const author = Number(add.run('ash', 'ash').lastInsertRowid);
      return new Reports(db, new Hub()).file({
        kind: 'mail', targetId: 5, reporterId: reporter, authorId: author, authorName: 'ash',
        title: 'A subject', text: 'The reported words', writtenAt: 0, reason: 'Unwanted contact',
      }).id;
    });
    expect(reportsListCommand({ dataDir, out: output.out, all: false })).toBe(0);
    expect(output.text()).toMatch(new RegExp(`^${id}\\s+mail\\s+open\\s+.*rowan\\s+ash\\s+Unwanted contact$`, 'm'));
    expect(output.text()).toContain('1 open report');

    output.clear();
    expect(reportsShowCommand({ dataDir, out: output.out, id })).toBe(0);
    expect(output.text()).toContain('Reason: Unwanted contact');
    expect(output.text()).toContain('The reported message (a copy), by ash');
    expect(output.text()).toContain('The reported words');

    expect(reportsCloseCommand({ dataDir, out: output.out, id })).toBe(0);
    output.clear();
    reportsListCommand({ dataDir, out: output.out, all: false });
    expect(output.text()).toContain('0 open reports');
    output.clear();
    reportsListCommand({ dataDir, out: output.out, all: true });
    expect(output.text()).toMatch(new RegExp(`^${id}\\s+mail\\s+closed`, 'm'));

    expect(reportsShowCommand({ dataDir, out: output.out, id: 999 })).toBe(1);
    expect(reportsCloseCommand({ dataDir, out: output.out, id: 999 })).toBe(1);
    expect(output.errors()).toContain('There is no report number 999.');
  });
});
