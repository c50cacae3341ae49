import type { MemberClient } from './client.js';
import { KEY } from './screen.js';

/** From the main menu into the Lobby (the first room in the list). */
export async function enterLobby(c: MemberClient): Promise<void> {
  c.send('C');
  await c.waitFor('Choose a room');
  c.send(KEY.enter);
  await c.waitFor(/Lobby . \d+ here:/);
}

/** Says a line in the room the member is in and waits until it shows on their own screen. */
export async function say(c: MemberClient, text: string): Promise<void> {
  c.line(text);
  await c.waitFor(text.startsWith('/me ') ? text.slice(4) : text);
}
