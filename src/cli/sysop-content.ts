import { UserError } from '../errors.js';
import type { Services } from '../services/index.js';
import { withServices } from './data-dir.js';
import type { Output } from './output.js';
import { boardBySlug, CONSOLE } from './sysop-boards.js';

// The console acts on posts and threads through the same service calls as a moderator on the
// BBS, as 'console': roles, reasons and the audit entry are the service's. A running server
// shows the change to whoever is reading within seconds (it follows the console's audit entries).

interface Target {
  dataDir: string;
  out: Output;
  json?: boolean;
}

const when = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** A post as the console shows it: where it is, who wrote it, and whether it is hidden. */
function postFacts(services: Services, postId: number) {
  const post = services.boards.posts.get(CONSOLE, postId);
  const thread = services.boards.posts.thread(CONSOLE, post.threadId);
  const board = services.boards.get(CONSOLE, post.boardId);
  return {
    id: post.id,
    threadId: post.threadId,
    threadSubject: thread.subject,
    board: board.slug,
    boardName: board.name,
    author: post.authorName,
    createdAt: when(post.createdAt),
    editedAt: when(post.editedAt),
    deleted: post.deleted,
    hidden: post.hidden,
    contentWarning: post.contentWarning,
    body: post.body,
  };
}

/** A thread as the console shows it. */
function threadFacts(services: Services, threadId: number) {
  const t = services.boards.posts.thread(CONSOLE, threadId);
  const board = services.boards.get(CONSOLE, t.boardId);
  return {
    id: t.id,
    subject: t.subject,
    board: board.slug,
    boardName: board.name,
    author: t.authorName,
    posts: t.postCount,
    firstPostId: t.firstPostId,
    locked: t.locked,
    pinned: t.pinned,
  };
}

function printPost(out: Output, p: ReturnType<typeof postFacts>): void {
  out.out(`Post ${p.id} by ${p.author}, ${p.createdAt?.slice(0, 16).replace('T', ' ')} UTC${p.editedAt ? ' (edited)' : ''}\n`);
  out.out(`In thread ${p.threadId} "${p.threadSubject}", board ${p.board} (${p.boardName})\n`);
  if (p.deleted) out.out('Deleted by its author.\n');
  else if (p.hidden) out.out(p.hidden.by === 'reports' ? 'Hidden pending review after reports from members.\n' : `Hidden by a moderator: ${p.hidden.reason}\n`);
  else out.out('Shown to members.\n');
  if (p.contentWarning) out.out(`CW: ${p.contentWarning}\n`);
  if (!p.deleted) out.out(`\n${p.body}\n`);
}

function printThread(out: Output, t: ReturnType<typeof threadFacts>): void {
  const flags = [t.locked ? 'locked' : '', t.pinned ? 'pinned' : ''].filter(Boolean).join(', ');
  out.out(`Thread ${t.id} "${t.subject}" by ${t.author}, board ${t.board} (${t.boardName}), ${t.posts} post${t.posts === 1 ? '' : 's'}${flags ? ` [${flags}]` : ''}\n`);
}

/** Runs one action on a post, then prints the post as it now is (a sentence, or --json). */
function onPost(opts: Target & { id: number }, said: string, act: (s: Services) => void): number {
  return withServices(opts, (services) => {
    act(services);
    const facts = postFacts(services, opts.id);
    opts.out.out(opts.json ? `${JSON.stringify(facts, null, 2)}\n` : `${said}\n`);
    return 0;
  });
}

/** Runs one action on a thread, then prints the thread as it now is. */
function onThread(opts: Target & { id: number }, said: (t: ReturnType<typeof threadFacts>) => string, act: (s: Services) => void): number {
  return withServices(opts, (services) => {
    act(services);
    const facts = threadFacts(services, opts.id);
    opts.out.out(opts.json ? `${JSON.stringify(facts, null, 2)}\n` : `${said(facts)}\n`);
    return 0;
  });
}

/** `haven sysop post show ID [--json]`: the post, where it is, and whether it is hidden. */
export function postShowCommand(opts: Target & { id: number }): number {
  return withServices(opts, (services) => {
    const facts = postFacts(services, opts.id);
    if (opts.json) opts.out.out(`${JSON.stringify(facts, null, 2)}\n`);
    else printPost(opts.out, facts);
    return 0;
  });
}

/** `haven sysop post hide ID --reason …`: members read that a moderator removed it, and why. */
export function postHideCommand(opts: Target & { id: number; reason?: string }): number {
  return onPost(opts, `Post ${opts.id} is hidden. Other members read "Removed by a moderator: ${opts.reason ?? ''}"; its author still sees it.`, (s) => {
    if (!opts.reason?.trim()) throw new UserError('Say why with --reason "…": members read it, and so does the audit log. Nothing was changed.');
    s.moderation.hidePost('console', opts.id, opts.reason);
  });
}

/** `haven sysop post restore ID [--reason …]`. */
export function postRestoreCommand(opts: Target & { id: number; reason?: string }): number {
  return onPost(opts, `Post ${opts.id} is shown to members again.`, (s) => s.moderation.restorePost('console', opts.id, opts.reason ?? ''));
}

/** `haven sysop thread lock|unlock ID [--reason …]`. */
export function threadLockCommand(opts: Target & { id: number; locked: boolean; reason?: string }): number {
  return onThread(
    opts,
    (t) => (opts.locked ? `Thread ${t.id} "${t.subject}" is locked: only staff can reply.` : `Thread ${t.id} "${t.subject}" is open for replies again.`),
    (s) => s.moderation.setThreadLocked('console', opts.id, opts.locked, opts.reason ?? ''),
  );
}

/** `haven sysop thread pin|unpin ID`. */
export function threadPinCommand(opts: Target & { id: number; pinned: boolean }): number {
  return onThread(
    opts,
    (t) => (opts.pinned ? `Thread ${t.id} "${t.subject}" is pinned to the top of ${t.boardName}.` : `Thread ${t.id} "${t.subject}" is no longer pinned.`),
    (s) => s.moderation.setThreadPinned('console', opts.id, opts.pinned),
  );
}

/** `haven sysop thread move ID --to SLUG [--reason …]`. */
export function threadMoveCommand(opts: Target & { id: number; to?: string; reason?: string }): number {
  return onThread(
    opts,
    (t) => `Thread ${t.id} "${t.subject}" is moved to ${t.boardName}.`,
    (s) => {
      if (!opts.to?.trim()) throw new UserError('Say which board to move it to: --to SLUG (`haven sysop board list` shows them). Nothing was changed.');
      s.moderation.moveThread('console', opts.id, boardBySlug(s.boards, opts.to).id, opts.reason ?? '');
    },
  );
}

/** `haven sysop thread subject ID "new subject" [--reason …]`. */
export function threadSubjectCommand(opts: Target & { id: number; subject: string; reason?: string }): number {
  return onThread(
    opts,
    (t) => `Thread ${t.id} is now called "${t.subject}".`,
    (s) => s.moderation.editSubject('console', opts.id, opts.subject, opts.reason ?? ''),
  );
}

/** `haven sysop thread show ID [--json]`: where the thread is, its first post, locked and pinned. */
export function threadShowCommand(opts: Target & { id: number }): number {
  return withServices(opts, (services) => {
    const facts = threadFacts(services, opts.id);
    if (opts.json) opts.out.out(`${JSON.stringify(facts, null, 2)}\n`);
    else {
      printThread(opts.out, facts);
      opts.out.out(`Its first post is ${facts.firstPostId}.\n`);
    }
    return 0;
  });
}
