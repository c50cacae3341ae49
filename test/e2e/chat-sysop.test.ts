import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { signUp } from '../helpers/client.js';
import { captureOutput } from '../helpers/output.js';
import { KEY } from '../helpers/screen.js';
import { roomAddCommand, roomCloseCommand, roomRenameCommand, roomScheduleCommand } from '../../src/cli/sysop-rooms.js';

let bbs: TestHaven;
// The console's commands print what they did; the test reads the members' screens instead.
const sysop = captureOutput();
beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

describe("the sysop's console while the server runs", () => {
  it('a room opened, scheduled, renamed and closed from the console reaches members within seconds', async () => {
    const rosa = await signUp(bbs.port, 'rosa');
    rosa.send('C');
    await rosa.waitFor('Choose a room');
    expect(roomAddCommand({ dataDir: bbs.dataDir, out: sysop.out, name: 'Caregivers', topic: 'Looking after someone', board: 'caring-for-a-parent' })).toBe(0);
    await rosa.waitFor(/Caregivers\s+0 here\s+Looking after someone/);
    expect(roomScheduleCommand({ dataDir: bbs.dataDir, out: sysop.out, name: 'caregivers', day: 'sun', time: '18:00', zone: 'UTC', minutes: 45 })).toBe(0);
    await rosa.waitFor(/Caregivers\s+0 here\s+Next meeting Sun 18:00/);

    rosa.send(KEY.down);
    rosa.send(KEY.enter);
    await rosa.waitFor(/Caregivers . 1 here: rosa/);
    expect(roomRenameCommand({ dataDir: bbs.dataDir, out: sysop.out, name: 'Caregivers', newName: 'Carers' })).toBe(0);
    await rosa.waitFor(/Carers . 1 here: rosa/);
    await rosa.waitFor('Chat: Carers');
    expect(roomCloseCommand({ dataDir: bbs.dataDir, out: sysop.out, name: 'carers' })).toBe(0);
    await rosa.waitFor('The sysop closed that room, so you are in the Lobby now.');
    await rosa.waitFor(/Lobby . 1 here: rosa/);
    expect(bbs.haven.services.presence.visible().find((m) => m.name === 'rosa')?.place).toBe('Chat: Lobby');
    rosa.end();
  });
});
