import { beforeEach, describe, expect, it } from 'vitest';
import { openExistingServices } from '../../../src/cli/data-dir.js';
import {
  postHideCommand, postRestoreCommand, postShowCommand, threadLockCommand, threadMoveCommand, threadPinCommand, threadShowCommand,
  threadSubjectCommand,
} from '../../../src/cli/sysop-content.js';
import { useConsoleDataDir } from '../../helpers/console-data-dir.js';

const sandbox = useConsoleDataDir();
const printed = () => sandbox.output();
let threadId = 0;
let postId = 0;
let replyId = 0;

/** The data directory's services for a moment, as the server would have them. */
async function withServices<T>(work: (s: ReturnType<typeof openExistingServices>['services']) => T | Promise<T>): Promise<T> {
  const opened = openExistingServices(sandbox.dataDir());
  try {
    return await work(opened.services);
  } finally {
    opened.close();
  }
}

const audit = () => withServices((s) => s.audit.list('console').map((e) => [e.action, e.actorName, e.targetId, e.reason]));

beforeEach(async () => {
  await withServices(async (s) => {
    const rowan = await s.accounts.register({ name: 'rowan', password: 'correct horse', acceptedGuidelines: true });
    const ash = await s.accounts.register({ name: 'ash', password: 'correct horse', acceptedGuidelines: true });
    const grief = s.boards.list(rowan).find((b) => b.slug === 'bereavement')!.id;
    ({ threadId, postId } = s.boards.posts.startThread(rowan, grief, { subject: 'What helped me', body: 'Stop taking your pills' }));
    replyId = s.boards.posts.reply(ash, threadId, { body: 'Please ask your doctor' });
  });
});

describe('haven sysop post', () => {
  it('hides a post with a reason, shows it with its hidden state, and restores it; each is audited as the console', async () => {
    expect(postHideCommand({ ...sandbox.target(), id: postId, reason: 'Unsafe medical advice' })).toBe(0);
    expect(printed().text()).toContain(`Post ${postId} is hidden. Other members read "Removed by a moderator: Unsafe medical advice"`);
    printed().clear();
    expect(postShowCommand({ ...sandbox.target(), id: postId })).toBe(0);
    expect(printed().text()).toContain(`Post ${postId} by rowan`);
    expect(printed().text()).toContain(`In thread ${threadId} "What helped me", board bereavement (Bereavement & loss)`);
    expect(printed().text()).toContain('Hidden by a moderator: Unsafe medical advice');
    expect(printed().text()).toContain('Stop taking your pills');

    printed().clear();
    expect(postShowCommand({ ...sandbox.target(), id: postId, json: true })).toBe(0);
    expect(JSON.parse(printed().text())).toMatchObject({
      id: postId, threadId, board: 'bereavement', author: 'rowan', hidden: { reason: 'Unsafe medical advice', by: 'moderator' }, deleted: false,
    });

    printed().clear();
    expect(postRestoreCommand({ ...sandbox.target(), id: postId, reason: 'Reviewed', json: true })).toBe(0);
    expect(JSON.parse(printed().text())).toMatchObject({ id: postId, hidden: null });
    expect(await audit()).toEqual([
      ['post.restore', 'console', postId, 'Reviewed'],
      ['post.hide', 'console', postId, 'Unsafe medical advice'],
    ]);
  });

  it('refuses a missing reason, a wrong number and a post that is not hidden, exit 1, nothing changed', async () => {
    expect(postHideCommand({ ...sandbox.target(), id: postId })).toBe(1);
    expect(printed().errors()).toContain('Say why with --reason');
    expect(postHideCommand({ ...sandbox.target(), id: postId, reason: '   ' })).toBe(1);
    expect(postHideCommand({ ...sandbox.target(), id: 999, reason: 'Spam' })).toBe(1);
    expect(printed().errors()).toContain('There is no post number 999.');
    expect(postRestoreCommand({ ...sandbox.target(), id: replyId })).toBe(1);
    expect(printed().errors()).toContain('That post is not hidden.');
    expect(postShowCommand({ ...sandbox.target(), id: 999 })).toBe(1);
    expect(printed().text()).toBe('');
    expect(await audit()).toEqual([]);
    expect(await withServices((s) => s.boards.posts.get(s.accounts.findByName('ash')!, postId).hidden)).toBeNull();
  });
});

describe('haven sysop thread', () => {
  it('locks and unlocks, pins and unpins, moves and renames a thread, printing what it now is', async () => {
    expect(threadLockCommand({ ...sandbox.target(), id: threadId, locked: true, reason: 'Going in circles' })).toBe(0);
    expect(printed().text()).toContain(`Thread ${threadId} "What helped me" is locked: only staff can reply.`);
    expect(threadPinCommand({ ...sandbox.target(), id: threadId, pinned: true })).toBe(0);
    expect(printed().text()).toContain('is pinned to the top of Bereavement & loss.');
    printed().clear();
    expect(threadShowCommand({ ...sandbox.target(), id: threadId })).toBe(0);
    expect(printed().text()).toContain(`Thread ${threadId} "What helped me" by rowan, board bereavement (Bereavement & loss), 2 posts [locked, pinned]`);
    expect(printed().text()).toContain(`Its first post is ${postId}.`);

    expect(threadMoveCommand({ ...sandbox.target(), id: threadId, to: 'recovery' })).toBe(0);
    expect(printed().text()).toContain('is moved to Addiction & recovery.');
    expect(threadSubjectCommand({ ...sandbox.target(), id: threadId, subject: 'What helped (edited)', reason: 'Misleading' })).toBe(0);
    expect(printed().text()).toContain(`Thread ${threadId} is now called "What helped (edited)".`);
    expect(threadLockCommand({ ...sandbox.target(), id: threadId, locked: false })).toBe(0);
    printed().clear();
    expect(threadPinCommand({ ...sandbox.target(), id: threadId, pinned: false, json: true })).toBe(0);
    expect(JSON.parse(printed().text())).toMatchObject({ id: threadId, board: 'recovery', subject: 'What helped (edited)', locked: false, pinned: false });
    expect((await audit()).map((e) => e[0])).toEqual(['thread.unpin', 'thread.unlock', 'thread.subject', 'thread.move', 'thread.pin', 'thread.lock']);
  });

  it('refuses a wrong thread number, a missing or unknown board, and what is already so, exit 1, nothing changed', async () => {
    expect(threadLockCommand({ ...sandbox.target(), id: 999, locked: true })).toBe(1);
    expect(printed().errors()).toContain('There is no thread number 999.');
    expect(threadMoveCommand({ ...sandbox.target(), id: threadId })).toBe(1);
    expect(printed().errors()).toContain('Say which board to move it to: --to SLUG');
    expect(threadMoveCommand({ ...sandbox.target(), id: threadId, to: 'nowhere' })).toBe(1);
    expect(printed().errors()).toContain('There is no board "nowhere"');
    expect(threadMoveCommand({ ...sandbox.target(), id: threadId, to: 'bereavement' })).toBe(1);
    expect(printed().errors()).toContain('That thread is already in Bereavement & loss.');
    expect(threadPinCommand({ ...sandbox.target(), id: threadId, pinned: false })).toBe(1);
    expect(printed().errors()).toContain('That thread is not pinned.');
    expect(threadLockCommand({ ...sandbox.target(), id: threadId, locked: false })).toBe(1);
    expect(threadSubjectCommand({ ...sandbox.target(), id: threadId, subject: '  ' })).toBe(1);
    expect(threadSubjectCommand({ ...sandbox.target(), id: 999, subject: 'New' })).toBe(1);
    expect(threadShowCommand({ ...sandbox.target(), id: 999 })).toBe(1);
    expect(printed().text()).toBe('');
    expect(await audit()).toEqual([]);
  });
});
