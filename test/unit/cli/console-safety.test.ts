import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliSandbox } from '../../helpers/cli-sandbox.js';
import { openDataDir } from '../../../src/app.js';
import { boardListCommand, boardPersonCommand } from '../../../src/cli/sysop-boards.js';
import { configSetCommand } from '../../../src/cli/sysop-config.js';
import { roomAddCommand } from '../../../src/cli/sysop-rooms.js';
import { userAddCommand, userListCommand } from '../../../src/cli/sysop-users.js';
import { explainUnknownCommand, type CommandTree } from '../../../src/cli/unknown-command.js';

const cli = cliSandbox();

describe('a console command pointed at a directory with no BBS in it', () => {
  it('refuses with the directory it looked in and how to point at the right one, and creates nothing', async () => {
    const elsewhere = join(cli.dataDir, 'elsewhere');
    expect(userListCommand({ dataDir: elsewhere, out: cli.output.out })).toBe(1);
    expect(await userAddCommand({ dataDir: elsewhere, out: cli.output.out, name: 'rowan', password: 'a good password', role: 'sysop' })).toBe(1);
    expect(boardListCommand({ dataDir: elsewhere, out: cli.output.out })).toBe(1);
    expect(configSetCommand({ dataDir: elsewhere, out: cli.output.out, key: 'mail.daily_limit', value: '3' })).toBe(1);
    expect(cli.printed).toBe('');
    expect(cli.complained).toContain(`There is no Haven data directory at ${elsewhere} (no haven.db there); nothing was changed.`);
    expect(cli.complained).toContain('--data-dir DIR or HAVEN_DATA_DIR=DIR');
    expect(cli.complained).toContain('--init');
    expect(existsSync(elsewhere)).toBe(false);
  });
});

describe('what the console prints', () => {
  it('a name typed with escape sequences is echoed inert, as members see members\' text', () => {
    const name = '\x1b]0;owned\x07\x1b[2J\x1b[31mbob\x9b1m';
    expect(boardPersonCommand({ dataDir: cli.dataDir, out: cli.output.out, slug: 'announcements', name, as: 'moderator', remove: false })).toBe(1);
    expect(cli.complained).toBe('There is no member called "bob". `haven sysop user list` shows them.\n');
    expect(roomAddCommand({ dataDir: cli.dataDir, out: cli.output.out, name: 'Night\x1b[8m owls' })).toBe(0);
    expect(cli.printed).toBe('Opened the room Night owls.\n');
  });

  it('a name stored before cleaning rules existed prints inert too', () => {
    const { db } = openDataDir(cli.dataDir);
    db.prepare(`INSERT INTO members (name, name_key, password_hash, created_at, guidelines_accepted_at) VALUES ('eve\x1b[2J', 'eve', 'x', 0, 0)`).run();
    db.close();
    expect(userListCommand({ dataDir: cli.dataDir, out: cli.output.out })).toBe(0);
    expect(cli.printed).toMatch(/^eve\s+member/m);
    expect(cli.printed).not.toContain('\x1b');
  });
});

describe('a misspelt command', () => {
  const tree: CommandTree = { serve: {}, sysop: { user: { add: {}, list: {} }, reports: { list: {}, show: {} } } };

  it('is named and the nearest command suggested, at whichever level it was typed', () => {
    expect(explainUnknownCommand('Unknown argument: uesr', ['sysop', 'uesr', 'list'], tree)).toBe("Unknown command 'uesr'. Did you mean 'user'?");
    expect(explainUnknownCommand('Unknown argument: lst', ['--data-dir', 'x', 'sysop', 'user', 'lst'], tree)).toBe("Unknown command 'lst'. Did you mean 'list'?");
    expect(explainUnknownCommand('Unknown argument: rep', ['sysop', 'rep'], tree)).toBe("Unknown command 'rep'. Did you mean 'reports'?");
    expect(explainUnknownCommand('Unknown argument: xyzzy', ['xyzzy'], tree)).toBe("Unknown command 'xyzzy'. The commands here are: serve, sysop.");
  });

  it('leaves other complaints as they were: a stray word after a whole command, an unknown option', () => {
    expect(explainUnknownCommand('Unknown argument: extra', ['serve', 'extra'], tree)).toBeUndefined();
    expect(explainUnknownCommand('Unknown arguments: prot', ['serve', '--prot', '1'], tree)).toBeUndefined();
    expect(explainUnknownCommand('Missing required argument: password', ['sysop', 'user', 'add', 'x'], tree)).toBeUndefined();
  });
});
