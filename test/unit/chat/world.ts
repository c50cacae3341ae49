import { openDatabase, type Db } from '../../../db/open.js';
import { Hub, type HubEventName, type HubEvents } from '../../../src/hub.js';
import { Accounts, type Member } from '../../../src/services/accounts.js';
import { BbsSettings } from '../../../src/services/bbs-settings.js';
import { Blocks } from '../../../src/services/blocks.js';
import { Chat } from '../../../src/services/chat.js';
import { ChatRooms } from '../../../src/services/chat-rooms.js';
import { Meetings } from '../../../src/services/meetings.js';
import { MemberPrefs } from '../../../src/services/member-prefs.js';
import { PasswordHasher } from '../../../src/services/password-hasher.js';
import { Presence } from '../../../src/services/presence.js';
import { seedDefaults } from '../../../src/services/seed.js';

/** The chat services over a real in-memory database, with a clock the test moves. */
export interface ChatWorld {
  db: Db;
  hub: Hub;
  clock: { t: number };
  accounts: Accounts;
  blocks: Blocks;
  settings: BbsSettings;
  presence: Presence;
  prefs: MemberPrefs;
  rooms: ChatRooms;
  chat: Chat;
  meetings: Meetings;
  member(name: string, role?: 'member' | 'sysop'): Promise<Member>;
  /** Every payload of an event from now on. */
  record<K extends HubEventName>(name: K): Array<HubEvents[K]>;
}

export function chatWorld(start = Date.UTC(2026, 10, 24, 12, 0)): ChatWorld {
  const db = openDatabase(':memory:');
  seedDefaults(db, start);
  const hub = new Hub();
  const clock = { t: start };
  const now = () => clock.t;
  const accounts = new Accounts(db, new PasswordHasher(4, 64), now);
  const blocks = new Blocks(db, accounts, hub, now);
  const settings = new BbsSettings(db);
  const presence = new Presence(hub, now);
  const prefs = new MemberPrefs(db);
  const rooms = new ChatRooms(db, hub, now);
  const chat = new Chat(db, hub, rooms, settings, accounts, blocks, presence, prefs, now);
  const meetings = new Meetings(db, hub, chat, rooms, accounts, now);
  return {
    db, hub, clock, accounts, blocks, settings, presence, prefs, rooms, chat, meetings,
    member: (name, role = 'member') => accounts.register({ name, password: 'correct horse', acceptedGuidelines: true, role }),
    record(name) {
      const seen: Array<HubEvents[typeof name]> = [];
      hub.on(name, (p) => seen.push(p));
      return seen;
    },
  };
}
