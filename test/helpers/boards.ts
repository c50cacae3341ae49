import type { MemberClient } from './client.js';
import { KEY } from './screen.js';

/** From the main menu into a board, by its place in the list. */
export async function openBoard(c: MemberClient, name: string, downs: number): Promise<void> {
  c.send('B');
  await c.waitFor('Announcements');
  for (let i = 0; i < downs; i++) c.send(KEY.down);
  c.send(KEY.enter);
  await c.waitFor(new RegExp(`${name}.*page 1`));
}

/** In a board's thread list: P, subject, (warning), body, Ctrl-S; waits for the thread view. */
export async function startThread(c: MemberClient, subject: string, body: string): Promise<void> {
  c.send('P');
  await c.waitFor('Subject:');
  c.send(subject);
  c.send(KEY.tab);
  c.send(KEY.tab);
  c.send(body);
  c.send(KEY.ctrlS);
  await c.waitFor(/#1 · \w+ · /);
}

/** From the main menu: searches all boards for `words` and waits for the results' count. */
export async function searchAllBoards(c: MemberClient, words: string, found: string): Promise<void> {
  c.send('B');
  await c.waitFor('Announcements');
  c.send('/');
  await c.waitFor('Search all boards for');
  c.line(words);
  await c.waitFor(found);
}
