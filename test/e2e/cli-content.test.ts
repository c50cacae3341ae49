import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, type MemberClient } from '../helpers/client.js';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { runHaven } from '../helpers/process.js';
import { KEY } from '../helpers/screen.js';

// The sysop's console, run as the sysop runs it (`node bin/haven.js sysop …`, another
// process), acting on a post and a thread that a member is reading on the running server.
let bbs: TestHaven;
let reader: MemberClient | undefined;
let threadId: number;
let postId: number;

beforeAll(async () => {
  bbs = await startTestHaven();
  const { accounts, boards } = bbs.haven.services;
  const author = await accounts.register({ name: 'rowan', password: 'correct horse', acceptedGuidelines: true });
  await accounts.register({ name: 'ash', password: 'correct horse', acceptedGuidelines: true });
  const grief = boards.list(author).find((b) => b.slug === 'bereavement')!.id;
  ({ threadId, postId } = boards.posts.startThread(author, grief, { subject: 'What helped me', body: 'Stop taking your pills' }));
});
afterAll(async () => {
  reader?.end();
  await bbs?.stop();
});

describe('haven sysop post and thread, while the server runs', () => {
  it("`post hide` from the console reaches a connected reader's screen within seconds; `thread lock` too", async () => {
    reader = await logIn(bbs.port, 'ash');
    reader.send('B');
    await reader.waitFor('Announcements');
    reader.send(KEY.down);
    reader.send(KEY.down);
    reader.send(KEY.enter);
    await reader.waitFor(/Bereavement & loss.*page 1/);
    reader.send(KEY.enter);
    await reader.waitFor('Stop taking your pills');

    const hidden = await runHaven(['sysop', 'post', 'hide', String(postId), '--reason', 'Unsafe medical advice', '--data-dir', bbs.dataDir]);
    expect(hidden).toMatchObject({ code: 0, stderr: '' });
    expect(hidden.stdout).toContain(`Post ${postId} is hidden.`);
    const since = Date.now();
    await reader.waitFor('Removed by a moderator: Unsafe medical advice', 10_000);
    // The server looks at the database every two seconds.
    expect(Date.now() - since).toBeLessThan(5_000);
    expect(reader.text()).not.toContain('Stop taking your pills');

    const locked = await runHaven(['sysop', 'thread', 'lock', String(threadId), '--data-dir', bbs.dataDir, '--json']);
    expect(locked).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(locked.stdout)).toMatchObject({ id: threadId, locked: true, board: 'bereavement' });
    await reader.waitFor('[Locked]', 10_000);

    const refused = await runHaven(['sysop', 'post', 'hide', String(postId), '--data-dir', bbs.dataDir]);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toContain('Say why with --reason');
    expect(bbs.haven.services.audit.list('console').map((e) => [e.action, e.origin])).toEqual([['thread.lock', 'console'], ['post.hide', 'console']]);
  }, 120_000);

  it('each group has its help, and a number that is not one is refused as such', async () => {
    const help = await runHaven(['sysop', 'thread', '--help']);
    expect(help.code).toBe(0);
    for (const sub of ['show <id>', 'lock <id>', 'unlock <id>', 'pin <id>', 'unpin <id>', 'move <id>', 'subject <id> <subject>']) expect(help.stdout).toContain(sub);
    const notANumber = await runHaven(['sysop', 'post', 'hide', 'abc', '--reason', 'Spam', '--data-dir', bbs.dataDir]);
    expect(notANumber).toMatchObject({ code: 1, stdout: '' });
    expect(notANumber.stderr).toContain('The post number is a whole number such as 12, not "abc".');
  }, 120_000);
});
