import { describe, expect, it } from 'vitest';
import { cliSandbox } from '../../helpers/cli-sandbox.js';
import { openDataDir } from '../../../src/app.js';
import { boardListCommand, boardPersonCommand, boardSetCommand } from '../../../src/cli/sysop-boards.js';
import { Hub } from '../../../src/hub.js';
import type { Member } from '../../../src/services/accounts.js';
import { Boards } from '../../../src/services/boards.js';

const cli = cliSandbox();

describe('haven sysop board', () => {
  it('makes a board members-only, admits a member, names a moderator, and lists it all', () => {
    const { db } = openDataDir(cli.dataDir);
    db.prepare(`INSERT INTO members (name, name_key, password_hash, created_at, guidelines_accepted_at) VALUES ('sam', 'sam', 'x', 0, 0), ('kim', 'kim', 'x', 0, 0)`).run();
    db.close();
    expect(boardSetCommand({ dataDir: cli.dataDir, out: cli.output.out, slug: 'bereavement', membersOnly: true })).toBe(0);
    expect(boardPersonCommand({ dataDir: cli.dataDir, out: cli.output.out, slug: 'bereavement', name: 'sam', as: 'member', remove: false })).toBe(0);
    expect(boardPersonCommand({ dataDir: cli.dataDir, out: cli.output.out, slug: 'announcements', name: 'kim', as: 'moderator', remove: false })).toBe(0);
    expect(boardPersonCommand({ dataDir: cli.dataDir, out: cli.output.out, slug: 'nowhere', name: 'kim', as: 'moderator', remove: false })).toBe(1);
    expect(cli.all).toContain('There is no board "nowhere"');
    expect(boardListCommand({ dataDir: cli.dataDir, out: cli.output.out })).toBe(0);
    expect(cli.all).toMatch(/^3\s+bereavement\s+Bereavement & loss\s+members-only\s+0\s+-\s+-\s+Grieving/m);
    expect(cli.all).toMatch(/^bereavement admits: sam$/m);
    expect(cli.all).toMatch(/^1\s+announcements\s+Announcements\s+read-only\s+0\s+kim\s+-\s+News/m);

    const reopened = openDataDir(cli.dataDir).db;
    const boards = new Boards(reopened, new Hub());
    const member = (id: number, name: string): Member => ({ id, name, role: 'member', createdAt: 0, lastLoginAt: null, timeZone: 'UTC', monochrome: false });
    expect(boards.list(member(1, 'sam')).some((b) => b.slug === 'bereavement')).toBe(true);
    expect(boards.list(member(2, 'kim')).some((b) => b.slug === 'bereavement')).toBe(false);
    expect(boards.list(member(2, 'kim'))[0]).toMatchObject({ slug: 'announcements', canPost: true });
    reopened.close();
  });
});
