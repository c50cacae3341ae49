import { afterAll, beforeAll, describe, it } from 'vitest';
import { boardSetCommand } from '../../src/cli/sysop-boards.js';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { signUp } from '../helpers/client.js';
import { captureOutput } from '../helpers/output.js';

let bbs: TestHaven;
beforeAll(async () => {
  bbs = await startTestHaven();
});
afterAll(async () => {
  await bbs.stop();
});

describe("the sysop's console and a running server", () => {
  it('a board made members-only from the console leaves an open board list within seconds', async () => {
    const member = await signUp(bbs.port, 'watcher');
    member.send('B');
    await member.waitFor('Job loss');
    // The console is another process in real life: here, another connection to the same file.
    const printed = captureOutput();
    if (boardSetCommand({ dataDir: bbs.dataDir, out: printed.out, slug: 'job-loss', membersOnly: true }) !== 0) throw new Error('board set failed');
    await member.waitForGone('Job loss');
    member.end();
  });
});
