import type { Hub } from '../hub.js';
import type { Logger } from '../log.js';
import type { AccountDeletion } from './account-deletion.js';
import type { Accounts } from './accounts.js';
import type { AuditLog } from './audit.js';
import type { Blocks } from './blocks.js';
import type { Boards } from './boards.js';
import type { BbsSettings } from './bbs-settings.js';
import type { BbsStats } from './bbs-stats.js';
import type { Activity, ServerFigures } from './activity.js';
import type { Chat } from './chat.js';
import type { ContentModeration } from './content-moderation.js';
import type { ChatRooms } from './chat-rooms.js';
import type { Meetings } from './meetings.js';
import type { MemberAdmin } from './member-admin.js';
import type { MemberPrefs } from './member-prefs.js';
import type { Mail } from './mail.js';
import type { OnlineSnapshot } from './online-snapshot.js';
import type { MemberExport } from './member-export.js';
import type { Presence } from './presence.js';
import type { Reports } from './reports.js';
import type { Sanctions } from './sanctions.js';
import type { Staff } from './staff.js';
import type { Texts } from './texts.js';
import type { WatchedWords } from './watched-words.js';
import type { HeldPosts } from './held-posts.js';
import type { SlowMode } from './slow-mode.js';
import type { TextVersions } from './text-versions.js';
import type { CrisisWords } from './crisis-words.js';
import type { MemberSafety } from './member-safety.js';
import type { Drafts } from './drafts.js';
import type { Banner } from './banner.js';
import type { Bulletins } from './bulletins.js';

/**
 * Everything screens may call: built once by the composition root (src/app.ts). The database
 * is not here on purpose: a screen reaches data only through a service, never by SQL.
 */
export interface Services {
  hub: Hub;
  log: Logger;
  accounts: Accounts;
  /** A member deletes their account: a grace period, then the purge. */
  accountDeletion: AccountDeletion;
  /** Everything Haven holds about a member, for them. */
  memberExport: MemberExport;
  /** What members were writing when a session ended before they sent it. */
  drafts: Drafts;
  blocks: Blocks;
  boards: Boards;
  settings: BbsSettings;
  presence: Presence;
  mail: Mail;
  reports: Reports;
  /** Roles: who may moderate what. */
  staff: Staff;
  /** Staff actions on posts and threads: hide, restore, lock, pin, move, edit a subject. */
  moderation: ContentModeration;
  /** Every staff action, append-only. */
  audit: AuditLog;
  /** Warnings, mutes, suspensions, bans, disconnects and broadcasts. */
  sanctions: Sanctions;
  /** Who is online as the running server last wrote it, for the console (another process). */
  online: OnlineSnapshot;
  /** The sysop's operations on accounts: role, rename, password reset, a member's whole picture. */
  memberAdmin: MemberAdmin;
  /** Who is online (as the server last wrote it) and the BBS's counts, for the console. */
  stats: BbsStats;
  /** Hourly counts of log-ins, posts, mail, chat lines (no one's id), for the status screen. */
  activity: Activity;
  /** The running server's connections and memory: its own in the server, its status file at the console. */
  serverFigures(): ServerFigures | undefined;
  /** Words and phrases held, blocked or flagged in posts and chat. */
  watchedWords: WatchedWords;
  /** Posts waiting for a moderator's approval. */
  heldPosts: HeldPosts;
  /** Slow mode on boards and rooms, and new members' posting pace. */
  slowMode: SlowMode;
  texts: Texts;
  /** The sysop's welcome banner, shown before sign-up and log-in. */
  banner: Banner;
  /** The sysop's notices: shown once after log-in, then in a list. */
  bulletins: Bulletins;
  /** Which version of the guidelines and disclaimer each member accepted. */
  textVersions: TextVersions;
  /** The sysop's crisis phrases, asked about a member's own draft only. */
  crisis: CrisisWords;
  /** Muted words and boards, and breaks: what members chose to protect themselves. */
  safety: MemberSafety;
  prefs: MemberPrefs;
  chatRooms: ChatRooms;
  chat: Chat;
  meetings: Meetings;
  bbsName: string;
  /** How long a member's write keeps trying while another process holds the database. */
  saveDeadlineMs: number;
  /** The command a member types to reach this BBS as `name` (`ssh -p 2222 name@host`), for hints. */
  connectCommand(name: string): string;
}
