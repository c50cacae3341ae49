import { describe, expect, it } from 'vitest';
import { useConsoleDataDir } from '../../helpers/console-data-dir.js';
import { reportsCloseCommand, reportsHandleCommand, reportsListCommand, reportsShowCommand } from '../../../src/cli/sysop-reports.js';
import { configSetCommand } from '../../../src/cli/sysop-config.js';
import { buildServices } from '../../../src/app.js';
import { createLogger } from '../../../src/log.js';
import { Texts } from '../../../src/services/texts.js';

const sandbox = useConsoleDataDir();
const { withDb } = sandbox;
const printed = () => sandbox.output();

/** Members and their reports, made the way the running server would (in its own connection). */
function fileReports(): { mailReport: number; postReports: number[]; postId: number } {
  return withDb((db) => {
    const s = buildServices(db, new Texts(sandbox.dataDir()), { log: createLogger('silent') });
    const add = db.prepare("INSERT INTO members (name, name_key, password_hash, created_at, guidelines_accepted_at) VALUES (?, ?, 'x', 0, 0)");
    const [rowan, ash, birch] = ['rowan', 'ash', 'birch'].map((n) => s.accounts.findById(Number(add.run(n, n).lastInsertRowid))!);
    const mail = s.mail.send(ash, { to: 'rowan', subject: 'A subject', body: 'The reported words' });
    const mailReport = s.mail.report(rowan!, mail.id, { category: 'other', reason: 'Unwanted contact' }).id;
    const board = s.boards.list(ash!).find((b) => !b.readOnly)!;
    const postId = s.boards.posts.startThread(ash!, board.id, { subject: 'Advice', body: 'Stop your medication' }).postId;
    const postReports = [rowan, birch].map((m) => s.reports.reportPost(m!, postId, { category: 'harmful' }).id);
    return { mailReport, postReports, postId };
  });
}

describe('haven sysop reports', () => {
  it('lists open reports with their reason, shows one with its copy, and acts on it', () => {
    const { mailReport: id } = fileReports();
    expect(reportsListCommand({ ...sandbox.target(), all: false })).toBe(0);
    expect(printed().text()).toMatch(new RegExp(`^${id}\\s+mail\\s+other\\s+open\\s+.*rowan\\s+ash\\s+Unwanted contact$`, 'm'));
    expect(printed().text()).toContain('3 open reports');

    printed().clear();
    expect(reportsShowCommand({ ...sandbox.target(), id })).toBe(0);
    expect(printed().text()).toContain('Reason: Something else: Unwanted contact');
    expect(printed().text()).toContain('The reported message (a copy), by ash');
    expect(printed().text()).toContain('The reported words');

    expect(reportsCloseCommand({ ...sandbox.target(), id })).toBe(0);
    printed().clear();
    reportsListCommand({ ...sandbox.target(), all: false });
    expect(printed().text()).toContain('2 open reports');
    printed().clear();
    reportsListCommand({ ...sandbox.target(), all: true });
    expect(printed().text()).toMatch(new RegExp(`^${id}\\s+mail\\s+other\\s+acted`, 'm'));

    expect(reportsShowCommand({ ...sandbox.target(), id: 999 })).toBe(1);
    expect(reportsCloseCommand({ ...sandbox.target(), id: 999 })).toBe(1);
    expect(printed().errors()).toContain('There is no report number 999.');
  });

  it('dismiss closes every report of the same post with one audit entry; a second time is refused', () => {
    const { postReports, postId } = fileReports();
    printed().clear();
    expect(reportsShowCommand({ ...sandbox.target(), id: postReports[0]! })).toBe(0);
    expect(printed().text()).toContain('1 other open report about the same post');
    expect(reportsHandleCommand({ ...sandbox.target(), id: postReports[1]!, outcome: 'dismissed', note: 'Within the guidelines' })).toBe(0);
    expect(printed().text()).toContain(`Dismissed: 2 reports (${postReports.join(', ')}) about the post by ash.`);
    const audit = withDb((db) => db.prepare("SELECT action, origin, actor_name, reason, detail FROM audit_log WHERE action LIKE 'report.%'").all());
    expect(audit).toEqual([{
      action: 'report.dismiss', origin: 'console', actor_name: 'console', reason: 'Within the guidelines',
      detail: JSON.stringify({ kind: 'post', targetId: postId, reportIds: postReports, outcome: 'dismissed' }),
    }]);
    expect(reportsHandleCommand({ ...sandbox.target(), id: postReports[0]!, outcome: 'acted' })).toBe(1);
    expect(printed().errors()).toContain('Nothing about that post is open: its reports were dismissed already.');
  });

  it('--json prints reports for scripts', () => {
    const { postReports } = fileReports();
    printed().clear();
    expect(reportsListCommand({ ...sandbox.target(), all: false, json: true })).toBe(0);
    const rows = JSON.parse(printed().text()) as Array<{ id: number; category: string; by: string }>;
    expect(rows.map((r) => r.category).sort()).toEqual(['harmful', 'harmful', 'other']);
    printed().clear();
    expect(reportsShowCommand({ ...sandbox.target(), id: postReports[0]!, json: true })).toBe(0);
    expect(JSON.parse(printed().text())).toMatchObject({ id: postReports[0], kind: 'post', category: 'harmful', by: 'rowan', otherOpenReports: 1, atRiskNote: null });
  });

  it('the number of reports that hides a post is a setting the console changes within its range', () => {
    expect(configSetCommand({ ...sandbox.target(), key: 'reports.hide_at', value: '2' })).toBe(0);
    expect(printed().text()).toContain('reports.hide_at is now 2 (default 3; a whole number from 0 to 100).');
    const { postId } = fileReports();
    expect(withDb((db) => db.prepare('SELECT hidden_by FROM posts WHERE id = ?').get(postId))).toEqual({ hidden_by: 'reports' });
    expect(configSetCommand({ ...sandbox.target(), key: 'reports.hide_at', value: '500' })).toBe(1);
  });
});
