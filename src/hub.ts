import { EventEmitter } from 'node:events';
import type { AuditEntry } from './services/audit.js';
import type { ChatLine } from './services/chat.js';

/**
 * Everything a running server announces to its sessions. The database is written first;
 * an event only says "look again" or carries what was already stored.
 */
export interface HubEvents {
  'presence:changed': { memberId: number };
  /** The number of members others can see online changed (announced at most every two seconds). */
  'online:count': { count: number };
  /** A member passed every log-in gate and is on the main menu. */
  'session:logged-in': { memberId: number; name: string; via: 'password' | 'key' | 'console' | 'sign-up' };
  /** A session that had logged in ended. */
  'session:logged-off': { memberId: number; name: string };
  /** A newcomer finished sign-up: a new account exists. */
  'member:signed-up': { memberId: number; name: string; savedKey: boolean };
  /** A member's name was given with a wrong password. */
  'log-in:failed': { name: string };
  'server:shutdown': { message: string };
  /** The server is about to stop (a restart): sessions count down to `endsAt` (epoch ms). */
  'server:draining': { endsAt: number };
  /** A member's block list changed (only that member's sessions care). */
  'blocks:changed': { memberId: number };
  /** A member asked to delete their account: every session of theirs ends, telling them when it goes. */
  'account:deletion-requested': { memberId: number; goneAt: number };
  /** A member changed a setting that their open sessions should apply. */
  'settings:changed': { memberId: number };
  /** A chat line, already stored. Whispers carry their one reader in `toMemberId`. */
  'chat:line': ChatLine;
  /** A passing note for a room that is not kept (joins, leaves, away). */
  'chat:notice': { roomId: number; memberId: number | null; text: string };
  /** Who is in a room (or away there) changed. */
  'chat:occupancy': { roomId: number };
  /** A member's last session left a room. */
  'chat:left': { roomId: number; memberId: number };
  /** Rooms were opened, renamed or closed, or a meeting schedule changed. */
  'chat:rooms-changed': Record<string, never>;
  /** A room closed; whoever is inside moves to the Lobby. */
  'chat:room-closed': { roomId: number; lobbyId: number };
  /** A room's meeting state changed (started, ended, floor, raised hands). */
  'chat:meeting': { roomId: number };
  /** Someone would like `toMemberId` to come and chat. */
  'chat:page': { toMemberId: number; fromMemberId: number; fromName: string; roomId: number; roomName: string };
  /** Mail was delivered to `recipientId` (never sent for mail held back by a block). */
  'mail:new': { recipientId: number; messageId: number; senderName: string };
  /** A member read or deleted mail: their unread count may have changed. */
  'mail:changed': { memberId: number };
  /** A member reported something; online sysops are told. */
  'report:filed': { reportId: number; kind: 'mail' | 'post' | 'chat' };
  /** A thread or a reply was committed. */
  'post:created': { boardId: number; threadId: number; postId: number; authorId: number };
  /** A post was edited, deleted by its author, or its support count changed. */
  'post:changed': { boardId: number; threadId: number; postId: number };
  /**
   * A staff action, as recorded in the audit log (from this server or, within two seconds,
   * from the console): sessions react to the ones about them (a suspension, a broadcast).
   */
  'staff:action': AuditEntry;
  /** A post was held for review, or a held post was approved or rejected. */
  'held:changed': { boardId: number };
  /** A sysop changed a board's flags, moderators or admitted members. */
  'boards:changed': { boardId: number };
}

export type HubEventName = keyof HubEvents;

/** Typed in-process events that screens subscribe to and unsubscribe from on dispose. */
export class Hub {
  private readonly emitter = new EventEmitter();

  /**
   * `onListenerError` hears what one listener threw. A listener's failure stays its own: the
   * others still hear the event (one session's screen must never keep a suspension from
   * ending another's), and the code that emitted goes on as if nothing happened.
   */
  constructor(private readonly onListenerError: (event: HubEventName, err: unknown) => void = () => {}) {
    // Every session subscribes; a busy BBS has hundreds of listeners per event.
    this.emitter.setMaxListeners(0);
  }

  emit<K extends HubEventName>(name: K, payload: HubEvents[K]): void {
    this.emitter.emit(name, payload);
  }

  /** Subscribes and returns the function that unsubscribes. */
  on<K extends HubEventName>(name: K, listener: (payload: HubEvents[K]) => void): () => void {
    const guarded = (payload: HubEvents[K]) => {
      try {
        listener(payload);
      } catch (err) {
        this.onListenerError(name, err);
      }
    };
    this.emitter.on(name, guarded);
    return () => this.emitter.off(name, guarded);
  }

  listenerCount(name: HubEventName): number {
    return this.emitter.listenerCount(name);
  }
}
