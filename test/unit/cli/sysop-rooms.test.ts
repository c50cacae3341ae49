import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliSandbox } from '../../helpers/cli-sandbox.js';
import { openDataDir } from '../../../src/app.js';
import { roomAddCommand, roomCloseCommand, roomListCommand, roomRenameCommand, roomScheduleCommand } from '../../../src/cli/sysop-rooms.js';
import { configListCommand, configSetCommand } from '../../../src/cli/sysop-config.js';

const cli = cliSandbox();

describe('haven sysop room', () => {
  it('opens a room for a support group, gives it a weekly meeting, renames and closes it', () => {
    const { db } = openDataDir(cli.dataDir);
    db.prepare(`INSERT INTO members (name, name_key, password_hash, created_at, guidelines_accepted_at) VALUES ('dana', 'dana', 'x', 0, 0)`).run();
    db.close();
    const opening = join(cli.dataDir, 'opening.txt');
    writeFileSync(opening, 'Welcome.\nWhat is said here stays here.\n');
    expect(roomAddCommand({ dataDir: cli.dataDir, out: cli.output.out, name: 'Recovery', topic: 'One day at a time', board: 'recovery' })).toBe(0);
    expect(roomScheduleCommand({ dataDir: cli.dataDir, out: cli.output.out, name: 'recovery', day: 'thu', time: '20:00', zone: 'America/Chicago', minutes: 75, facilitator: 'dana', openingFile: opening })).toBe(0);
    expect(cli.all).toContain('Recovery meets every Thursday at 20:00 America/Chicago for 75 minutes.');
    expect(roomListCommand({ dataDir: cli.dataDir, out: cli.output.out })).toBe(0);
    expect(cli.all).toMatch(/Recovery\s+One day at a time\n\s+meets Thursdays 20:00 America\/Chicago, 75 min, facilitator dana/);

    expect(roomRenameCommand({ dataDir: cli.dataDir, out: cli.output.out, name: 'recovery', newName: 'Recovery circle' })).toBe(0);
    expect(roomCloseCommand({ dataDir: cli.dataDir, out: cli.output.out, name: 'Recovery circle' })).toBe(0);
    cli.output.clear();
    expect(roomListCommand({ dataDir: cli.dataDir, out: cli.output.out })).toBe(0);
    expect(cli.all).not.toContain('Recovery');
  });

  it('refuses plainly: the Lobby cannot close, names must exist, schedules must make sense', () => {
    expect(roomCloseCommand({ dataDir: cli.dataDir, out: cli.output.out, name: 'Lobby' })).toBe(1);
    expect(cli.all).toContain('The Lobby is open around the clock and cannot be closed.');
    expect(roomRenameCommand({ dataDir: cli.dataDir, out: cli.output.out, name: 'Nowhere', newName: 'Somewhere' })).toBe(1);
    expect(cli.all).toContain('There is no open room called "Nowhere"');
    expect(roomScheduleCommand({ dataDir: cli.dataDir, out: cli.output.out, name: 'Lobby', day: 'thu' })).toBe(1);
    expect(cli.all).toContain('Give --day, --time and --zone');
    expect(roomScheduleCommand({ dataDir: cli.dataDir, out: cli.output.out, name: 'Lobby', day: 'thu', time: '25:00', zone: 'UTC' })).toBe(1);
    expect(cli.all).toContain('"25:00" is not a time of day');
    expect(roomAddCommand({ dataDir: cli.dataDir, out: cli.output.out, name: 'a/b' })).toBe(1);
  });

  it('the chat limits are among the settings the sysop can change', () => {
    expect(configSetCommand({ dataDir: cli.dataDir, out: cli.output.out, key: 'chat.retention_days', value: '3' })).toBe(0);
    expect(configListCommand({ dataDir: cli.dataDir, out: cli.output.out })).toBe(0);
    expect(cli.all).toMatch(/chat\.retention_days\s+3\s+7\s+1-3650\s+Days chat lines are kept/);
    expect(cli.all).toMatch(/chat\.flood_lines\s+5\s+5/);
  });
});
