import { describe, expect, it } from 'vitest';
import { useConsoleDataDir } from '../../helpers/console-data-dir.js';
import { reportsCloseCommand, reportsListCommand, reportsShowCommand } from '../../../src/cli/sysop-reports.js';
import { Hub } from '../../../src/hub.js';
import { Reports } from '../../../src/services/reports.js';

const sandbox = useConsoleDataDir();
const { withDb } = sandbox;
const printed = () => sandbox.output();

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
    expect(reportsListCommand({ ...sandbox.target(), all: false })).toBe(0);
    expect(printed().text()).toMatch(new RegExp(`^${id}\\s+mail\\s+open\\s+.*rowan\\s+ash\\s+Unwanted contact$`, 'm'));
    expect(printed().text()).toContain('1 open report');

    printed().clear();
    expect(reportsShowCommand({ ...sandbox.target(), id })).toBe(0);
    expect(printed().text()).toContain('Reason: Unwanted contact');
    expect(printed().text()).toContain('The reported message (a copy), by ash');
    expect(printed().text()).toContain('The reported words');

    expect(reportsCloseCommand({ ...sandbox.target(), id })).toBe(0);
    printed().clear();
    reportsListCommand({ ...sandbox.target(), all: false });
    expect(printed().text()).toContain('0 open reports');
    printed().clear();
    reportsListCommand({ ...sandbox.target(), all: true });
    expect(printed().text()).toMatch(new RegExp(`^${id}\\s+mail\\s+closed`, 'm'));

    expect(reportsShowCommand({ ...sandbox.target(), id: 999 })).toBe(1);
    expect(reportsCloseCommand({ ...sandbox.target(), id: 999 })).toBe(1);
    expect(printed().errors()).toContain('There is no report number 999.');
  });
});
