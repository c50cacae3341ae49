import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHaven, type TestHaven } from '../helpers/haven.js';
import { signUp, type MemberClient } from '../helpers/client.js';
import { KEY, WAIT_MS } from '../helpers/screen.js';
import { openBoard, startThread } from '../helpers/boards.js';

// Two members share one BBS through a whole story: each `it` continues where the last left off.
let bbs: TestHaven;
let annie: MemberClient;
let bruno: MemberClient;

beforeAll(async () => {
  bbs = await startTestHaven();
  annie = await signUp(bbs.port, 'annie');
  bruno = await signUp(bbs.port, 'bruno');
});
afterAll(async () => {
  annie?.end();
  bruno?.end();
  await bbs.stop();
});

/** The screen line holding `text`. */
const lineWith = (c: MemberClient, text: string) => c.screen.lines().find((l) => l.includes(text)) ?? '';

/**
 * Waits until the terminal cursor sits on the line showing `text`: keys sent before focus has
 * moved could arrive in one chunk with the Tab, which the editor takes for pasted text.
 */
async function waitForCursorOn(c: MemberClient, text: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const y = c.screen.term.buffer.active.cursorY;
    if (c.screen.lines()[y]?.includes(text)) return;
    if (Date.now() > deadline) throw new Error(`The cursor never reached "${text}". The screen shows:\n${c.text()}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

describe('boards and threads between two members', () => {
  it('annie starts a thread; bruno sees the unread count and the thread, and replies quoting her', async () => {
    await openBoard(annie, 'Introductions', 1);
    await startThread(annie, 'Hello from annie', 'My mum died in March. Some days I cannot get up.');
    await annie.waitFor('Some days I cannot get up.');

    bruno.send('B');
    await bruno.waitFor('Introductions');
    // Threads, posts, unread.
    expect(lineWith(bruno, 'Introductions')).toMatch(/\s1\s+1\s+1\s/);
    bruno.send(KEY.down);
    bruno.send(KEY.enter);
    await bruno.waitFor('1 thread · 1 unread');
    expect(lineWith(bruno, 'Hello from annie')).toMatch(/^\s*\* Hello from annie\s+annie\s+0\s/);
    bruno.send(KEY.enter);
    await bruno.waitFor('Some days I cannot get up.');
    expect(lineWith(bruno, '#1')).toMatch(/#1 · annie · .* · new/);

    bruno.send('Q');
    await bruno.waitFor('annie wrote:');
    expect(bruno.text()).toContain('> My mum died in March.');
    bruno.send('I am so sorry. I lost my dad last year.');
    bruno.send(KEY.ctrlS);
    await bruno.waitFor('#2 · bruno');
    await bruno.waitFor('I lost my dad last year.');
  });

  it('annie, reading the thread, sees the reply arrive without reopening it', async () => {
    await annie.waitFor('I lost my dad last year.');
    expect(annie.text()).toContain('> My mum died in March.');
    expect(annie.text()).toMatch(/#2 · bruno · .* · new/);
    expect(lineWith(annie, 'Hello from annie')).toContain('1/2');
  });

  it('newscan walks bruno through exactly the posts he has not read, across threads and boards', async () => {
    // Away from the thread, so that what annie writes next stays unread for him.
    for (let i = 0; i < 3; i++) bruno.send(KEY.escape);
    await bruno.waitFor('Main menu');
    annie.send('R');
    await annie.waitFor('Reply: Hello from annie');
    annie.send('Thank you, bruno.');
    annie.send(KEY.ctrlS);
    await annie.waitFor('#3 · annie');
    annie.send(KEY.escape);
    await annie.waitFor('Introductions');
    annie.send(KEY.escape);
    await annie.waitFor('Bereavement & loss');
    annie.send(KEY.down);
    annie.send(KEY.enter);
    await annie.waitFor(/Bereavement & loss.*page 1/);
    await startThread(annie, 'Anniversary', 'One year today.');

    bruno.send('N');
    await bruno.waitFor('Thank you, bruno.');
    expect(lineWith(bruno, 'Hello from annie')).toContain('3/3');
    expect(lineWith(bruno, '#3')).toMatch(/#3 · annie · .* · new/);
    expect(lineWith(bruno, '#1')).not.toContain('new');
    bruno.send('N');
    await bruno.waitFor('One year today.');
    expect(lineWith(bruno, 'Anniversary')).toContain('1/1');
    bruno.send('N');
    await bruno.waitFor('No unread posts left: you are all caught up.');
    bruno.send(KEY.escape);
    await bruno.waitFor('Main menu');
    bruno.send('B');
    await bruno.waitFor('Introductions');
    expect(lineWith(bruno, 'Introductions')).toMatch(/\s1\s+3\s+-\s/);
    expect(lineWith(bruno, 'Bereavement')).toMatch(/\s1\s+1\s+-\s/);
    bruno.send(KEY.escape);
    await bruno.waitFor('Main menu');
  });

  it('a post behind a content warning shows only the warning until it is opened', async () => {
    annie.send('R');
    await annie.waitFor('Reply: Anniversary');
    annie.send(KEY.tab);
    await waitForCursorOn(annie, 'CW (optional):');
    annie.send('CW: pregnancy loss');
    annie.send(KEY.tab);
    await waitForCursorOn(annie, 'Write here');
    annie.send('We lost the baby at twelve weeks.');
    annie.send(KEY.ctrlS);
    await annie.waitFor('#2 · annie');

    bruno.send('N');
    await bruno.waitFor('CW: pregnancy loss');
    expect(bruno.text()).toContain('[O] opens this post.');
    expect(bruno.text()).not.toContain('twelve weeks');
    bruno.send('O');
    await bruno.waitFor('We lost the baby at twelve weeks.');
  });

  it('support is counted, seen live by the author, and can be taken back', async () => {
    bruno.send('S');
    await bruno.waitFor('You sent annie your support.');
    await bruno.waitFor('Support: 1 (you)');
    await annie.waitFor('Support: 1');
    bruno.send('S');
    await bruno.waitFor('Your support is taken back.');
    await annie.screen.waitForGone('Support: 1');
  });

  it('an author edits and deletes their posts; readers see "edited" and "deleted by author", replies stay', async () => {
    annie.send('E');
    await annie.waitFor('Edit your post');
    annie.send(' Her name was Hope.');
    annie.send(KEY.ctrlS);
    await annie.waitFor('Her name was Hope.');
    await bruno.waitFor('Her name was Hope.');
    expect(lineWith(bruno, '#2')).toMatch(/#2 · annie · .* · edited/);

    annie.send('[');
    annie.send('D');
    await annie.waitFor('Delete this post?');
    annie.send('y');
    await annie.waitFor('Your post is deleted.');
    await bruno.waitFor('(deleted by author)');
    expect(bruno.text()).not.toContain('One year today.');
    expect(bruno.text()).toContain('Her name was Hope.');
  });

  it('search finds a post by a word in its body and opens the thread at it', async () => {
    bruno.send(KEY.escape);
    await bruno.waitFor('Main menu');
    bruno.send('B');
    await bruno.waitFor('Announcements');
    bruno.send('/');
    await bruno.waitFor('Search all boards for');
    bruno.line('dad');
    await bruno.waitFor('1 found for "dad" in all boards');
    expect(bruno.text()).toContain('I lost my dad last year.');
    bruno.send(KEY.enter);
    await bruno.waitFor(/Hello from annie\s+2\/3/);
    bruno.send(KEY.escape);
    await bruno.waitFor('found for "dad"');
    bruno.send(KEY.escape);
    await bruno.waitFor('Unread');
    bruno.send(KEY.escape);
    await bruno.waitFor('Main menu');
  });

  it('escape sequences and blessed tags in a post show as harmless text', async () => {
    annie.send(KEY.escape);
    await annie.waitFor(/Bereavement & loss.*page 1/);
    annie.send('P');
    await annie.waitFor('Subject:');
    annie.send('Tags {bold}here{/bold}');
    annie.send(KEY.tab);
    annie.send(KEY.tab);
    annie.send('before \x1b[2J after {red-fg}not red{/red-fg} \x1b]52;c;SGVsbG8=\x07 end {/escape}');
    annie.send(KEY.ctrlS);
    await annie.waitFor('#1 · annie');

    const before = bruno.raw.length;
    bruno.send('N');
    await bruno.waitFor('{red-fg}not red{/red-fg}');
    expect(bruno.text()).toContain('Tags {bold}here{/bold}');
    expect(bruno.text()).toMatch(/before\s+after \{red-fg\}not red\{\/red-fg\}\s+end \{\/escape\}/);
    expect(bruno.text()).not.toContain('52;c');
    const received = bruno.raw.slice(before);
    expect(received).not.toContain('\x1b]52');
    expect(received).not.toContain('\x1b[2J');
  });
});
