import type { Db } from '../../../db/open.js';
import type { Hub, HubEventName, HubEvents } from '../../../src/hub.js';
import type { Accounts, Member } from '../../../src/services/accounts.js';
import type { BbsSettings } from '../../../src/services/bbs-settings.js';
import type { Blocks } from '../../../src/services/blocks.js';
import type { Chat } from '../../../src/services/chat.js';
import type { ChatRooms } from '../../../src/services/chat-rooms.js';
import type { Meetings } from '../../../src/services/meetings.js';
import type { MemberPrefs } from '../../../src/services/member-prefs.js';
import { PasswordHasher } from '../../../src/services/password-hasher.js';
import type { Presence } from '../../../src/services/presence.js';
import { testServices } from '../../helpers/services.js';

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
  const clock = { t: start };
  const { services, db } = testServices({ now: () => clock.t, hasher: new PasswordHasher(4, 64), seedAt: start });
  const { hub, accounts, blocks, settings, presence, prefs, chatRooms: rooms, chat, meetings } = services;
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
