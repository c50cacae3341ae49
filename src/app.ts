import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LOCK_WAIT_MS, openDatabase, restrictDataFiles, type Db } from '../db/open.js';
import { Hub } from './hub.js';
import { isUserError } from './errors.js';
import { createLogger, type Logger } from './log.js';
import { AccountDeletion } from './services/account-deletion.js';
import { Accounts } from './services/accounts.js';
import { Blocks } from './services/blocks.js';
import { Boards } from './services/boards.js';
import { BbsSettings } from './services/bbs-settings.js';
import { BbsStats } from './services/bbs-stats.js';
import { Activity, type ServerFigures } from './services/activity.js';
import { Chat } from './services/chat.js';
import { ChatRooms } from './services/chat-rooms.js';
import { watchExternalChanges } from './services/db-watch.js';
import { Meetings } from './services/meetings.js';
import { MemberAdmin } from './services/member-admin.js';
import { MemberExport } from './services/member-export.js';
import { MemberPrefs } from './services/member-prefs.js';
import { Mail, MAIL_SETTINGS } from './services/mail.js';
import { WatchedWords } from './services/watched-words.js';
import { SlowMode } from './services/slow-mode.js';
import { HeldPosts } from './services/held-posts.js';
import { ModerationGate } from './services/moderation-gate.js';
import { Reports } from './services/reports.js';
import { Sanctions } from './services/sanctions.js';
import { OnlineSnapshot } from './services/online-snapshot.js';
import { announceOnlineCount } from './services/online-count.js';
import { Staff } from './services/staff.js';
import { AuditLog } from './services/audit.js';
import { ContentModeration } from './services/content-moderation.js';
import { PasswordHasher } from './services/password-hasher.js';
import { Presence } from './services/presence.js';
import { SAVE_DEADLINE_MS, writeWhenFree } from './services/database-busy.js';
import { seedDefaults } from './services/seed.js';
import { TextVersions, VERSIONED_TEXTS } from './services/text-versions.js';
import { CrisisWords } from './services/crisis-words.js';
import { MemberSafety } from './services/member-safety.js';
import { Drafts } from './services/drafts.js';
import { OptionalFiles, Texts } from './services/texts.js';
import { Banner } from './services/banner.js';
import { Bulletins } from './services/bulletins.js';
import type { Services } from './services/index.js';
import type { CommandResult, ServerLimits, SshServer } from './server/ssh-server.js';
import type { Identity } from './server/auth.js';
import { scrubTerminalEnvironment } from './server/process-guards.js';
import { connectionFigures, removeConnectionStatus, writeConnectionStatus } from './server/connection-status.js';
import { DEFAULTS, DEFAULT_HIBERNATE_SECONDS, type ServeConfig } from './config.js';

export interface RunningHaven {
  port: number;
  /** The open database, for tests that look behind the services; screens never see it. */
  db: Db;
  /** What members type to connect as `name`. */
  connectCommand(name: string): string;
  fingerprint: string;
  services: Services;
  server: SshServer;
  /**
   * Applies what a SIGHUP may change while members are connected: the name, the public host,
   * the idle time and the connection limits (for arrivals and sessions from now on).
   */
  reconfigure(config: ServeConfig): void;
  /** Tells members the BBS is going down, ends sessions, closes the database. */
  stop(message?: string): Promise<void>;
  /**
   * A graceful restart: stops taking connections, counts down on every member's status line
   * for `seconds`, then stops as `stop` does (open editors keep their drafts as sessions end).
   */
  drain(seconds: number, message?: string): Promise<void>;
  /** Stops at once: ends every session (drafts are kept) and closes the database, without waiting for clients. */
  stopNow(message?: string): void;
}

/**
 * Opens the data directory: creates it, the database (migrated), the default boards and texts.
 * The directory and the database's files are made owner-only even when they already existed
 * with wider permissions, and the log says so.
 */
export function openDataDir(dataDir: string, log?: Logger, lockWaitMs: number = LOCK_WAIT_MS.console): { db: Db; texts: Texts } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const dbPath = join(dataDir, 'haven.db');
  const fixed = restrictDataFiles(dataDir, dbPath);
  if (fixed.length > 0) log?.warn('data directory permissions fixed: only the owner may read it now', { fixed });
  const db = openDatabase(dbPath, { lockWaitMs });
  seedDefaults(db);
  return { db, texts: new Texts(dataDir) };
}

const DEFAULT_PORT = DEFAULTS.port;

/** What the composition root may be told; everything has a default a served BBS uses. */
export interface ServiceOptions {
  /** The clock every service reads time from (tests move their own). */
  now?: () => number;
  log?: Logger;
  /** A function when the name may change while the server runs (a SIGHUP). */
  bbsName?: string | (() => string);
  hasher?: PasswordHasher;
  connectCommand?: (name: string) => string;
  /** How long a member's write keeps trying while another process holds the database. */
  saveDeadlineMs?: number;
  /** The running server's figures, where they can be had (see Services.serverFigures). */
  serverFigures?: () => ServerFigures | undefined;
}

/**
 * Builds the services over an open database. The one place where they are wired together:
 * the server, every console command and the tests all take their services from here. The
 * database stays with the caller; services hold it, screens never do.
 */
export function buildServices(db: Db, texts: Texts, opts: ServiceOptions = {}): Services {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? createLogger();
  const given = opts.bbsName ?? DEFAULTS.bbsName;
  const nameOf = typeof given === 'function' ? given : () => given;
  // A screen whose member lost a role may refuse an event (a UserError): nothing to report.
  const hub = new Hub((event, err) => {
    if (!isUserError(err)) log.error('hub listener failed', { event, err: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  });
  const hasher = opts.hasher ?? new PasswordHasher();
  const accounts = new Accounts(db, hasher, now);
  const staff = new Staff(db);
  const audit = new AuditLog(db, hub, staff, now);
  const blocks = new Blocks(db, accounts, hub, now);
  const settings = new BbsSettings(db);
  const presence = new Presence(hub, now);
  const prefs = new MemberPrefs(db);
  const chatRooms = new ChatRooms(db, hub, now);
  const chat = new Chat(db, hub, chatRooms, settings, accounts, blocks, presence, prefs, now);
  const boards = new Boards(db, hub, now, { staff, audit });
  const reports = new Reports(db, { hub, staff, audit, accounts, boards, chatRooms, settings, texts, now });
  const watchedWords = new WatchedWords(db, staff, audit, now);
  const slowMode = new SlowMode(db, hub, staff, audit, settings, now);
  const heldPosts = new HeldPosts(db, hub, staff, audit, accounts, boards.posts, now);
  const gate = new ModerationGate(db, watchedWords, slowMode, () => heldPosts, reports, staff, now);
  boards.posts.moderateWith(gate);
  chat.moderateWith(gate);
  const { key, fallback } = MAIL_SETTINGS.newAccountPosts;
  // Mail only asks "has this member written enough posts yet?": count no further than that.
  const accountDeletion = new AccountDeletion(db, { accounts, posts: boards.posts, settings, hub, log, now });
  const countPosts = (memberId: number) => boards.posts.countByAuthor(memberId, settings.number(key, fallback));
  return {
    hub,
    log,
    accounts,
    accountDeletion,
    memberExport: new MemberExport(db, { deletion: accountDeletion, get bbsName() { return nameOf(); }, now }),
    drafts: new Drafts(db, now),
    blocks,
    settings,
    boards,
    presence,
    mail: new Mail(db, { accounts, blocks, settings, reports, hub, countPosts, get bbsName() { return nameOf(); }, log, now }),
    reports,
    staff,
    audit,
    moderation: new ContentModeration(db, hub, staff, audit, now),
    sanctions: new Sanctions(db, accounts, staff, audit, chat, now),
    online: new OnlineSnapshot(db, hub, presence),
    memberAdmin: new MemberAdmin(db, accounts, staff, audit, hasher),
    stats: new BbsStats(db, now),
    activity: new Activity(db, now),
    serverFigures: opts.serverFigures ?? (() => undefined),
    watchedWords,
    heldPosts,
    slowMode,
    texts,
    banner: new Banner(new OptionalFiles(texts.dataDir), nameOf),
    bulletins: new Bulletins(db, staff, audit, now),
    textVersions: new TextVersions(db, texts, now),
    crisis: new CrisisWords(texts, reports, now),
    safety: new MemberSafety(db, now),
    prefs,
    chatRooms,
    chat,
    meetings: new Meetings(db, hub, chat, chatRooms, accounts, now),
    get bbsName() {
      return nameOf();
    },
    saveDeadlineMs: opts.saveDeadlineMs ?? SAVE_DEADLINE_MS,
    connectCommand: opts.connectCommand ?? ((name) => connectCommand(name, hostname(), DEFAULT_PORT)),
  };
}

/**
 * `ssh NAME@host export`: the member's data as JSON on stdout, exit status 0. A name with no
 * member behind it (a newcomer) is refused on stderr; any other command is not ours (undefined).
 */
export function runMemberCommand(services: Services, command: string, identity: Identity): CommandResult | undefined {
  if (command.trim() !== 'export') return undefined;
  const json = identity.member && services.memberExport.json(identity.member.id);
  if (!json) {
    return {
      exitCode: 1,
      stderr: `There is no member by that name on ${services.bbsName}, so there is nothing to export. Connect without a command to join.\r\n`,
    };
  }
  services.log.info('member data exported', { memberId: identity.member!.id, bytes: Buffer.byteLength(json) });
  return { exitCode: 0, stdout: json };
}

/** `ssh -p PORT NAME@HOST`, without the port when it is ssh's own. */
export function connectCommand(name: string, host: string, port: number): string {
  return port === 22 ? `ssh ${name}@${host}` : `ssh -p ${port} ${name}@${host}`;
}

/** The composition root: data, services, the SSH server and the screens. */
export async function startHaven(
  config: ServeConfig,
  extra: { limits?: Partial<ServerLimits>; log?: Logger; saveDeadlineMs?: number } = {},
): Promise<RunningHaven> {
  // The SSH server and the screens load here, not at the top: the sysop's console commands
  // share this module for buildServices and start faster without ssh2 and blessed.
  const [{ DEFAULT_LIMITS, SshServer }, { loadOrCreateHostKey }, { startSessionUi }] = await Promise.all([
    import('./server/ssh-server.js'),
    import('./server/host-key.js'),
    import('../screens/app.js'),
  ]);
  const log = extra.log ?? createLogger(config.logLevel);
  scrubTerminalEnvironment();
  // The server never waits long for a lock: every member shares its one event loop.
  const { db, texts } = openDataDir(config.dataDir, log, LOCK_WAIT_MS.server);
  let port = config.port;
  // What a SIGHUP may change: everything below reads it from here.
  const live = { ...config };
  // Members are told the address they can reach: the public host name, and the port listened on.
  const wildcard = config.host === '0.0.0.0' || config.host === '::';
  const shownHost = () => live.publicHost ?? (wildcard ? hostname() : config.host);
  const connectTo = (name: string) => connectCommand(name, shownHost(), port);
  let server: SshServer | undefined;
  const serverFigures = (): ServerFigures | undefined => {
    if (!server) return undefined;
    const memory = process.memoryUsage();
    return { asOf: Date.now(), ...connectionFigures(server.snapshot()), rssBytes: memory.rss, heapBytes: memory.heapUsed };
  };
  const services = buildServices(db, texts, { log, bbsName: () => live.bbsName, connectCommand: connectTo, saveDeadlineMs: extra.saveDeadlineMs, serverFigures });
  // The guidelines and disclaimer as they stand at start are a version members may have
  // accepted: an edit before anyone next logs in is then shown to them as a change.
  for (const name of VERSIONED_TEXTS) services.textVersions.current(name);
  const hostKey = loadOrCreateHostKey(join(config.dataDir, 'host_ed25519_key'));
  if (hostKey.created) log.info('host key generated', { fingerprint: hostKey.fingerprint });

  server = new SshServer({
    hostKey: hostKey.privateKey,
    log,
    limits: { idleTimeoutMs: config.idleMinutes * 60_000, ...limitsFromConfig(config, DEFAULT_LIMITS), ...extra.limits },
    authenticator: {
      byPassword: async (name, password) => {
        const member = await services.accounts.verifyPassword(name, password);
        if (!member) services.hub.emit('log-in:failed', { name });
        return member;
      },
      byKey: (name, key) => services.accounts.findByKey(name, key),
      // Bookkeeping: a log-in never waits for, or fails on, a database another process holds.
      keyLoggedIn: (member, key) =>
        writeWhenFree(
          () => services.accounts.recordKeyLogIn(member.id, key),
          (err) => log.error('recording a key log-in failed', { err: err instanceof Error ? err.stack : String(err) }),
        ),
      isMember: (name) => services.accounts.findByName(name) !== undefined,
      get bbsName() {
        return live.bbsName;
      },
    },
    startSession: (terminal, identity) =>
      startSessionUi(terminal, identity, services, {
        hibernateAfterMs: config.hibernateSeconds === 0 ? undefined : (config.hibernateSeconds ?? DEFAULT_HIBERNATE_SECONDS) * 1000,
      }),
    runCommand: (command, identity) => runMemberCommand(services, command, identity),
    connectHint: () => connectTo('yourname'),
    commandHint: () => connectCommand('yourname', live.publicHost ?? '<address>', port),
    get bbsName() {
      return live.bbsName;
    },
    legacyAlgorithms: config.legacyAlgorithms,
  });
  port = await server.listen(config.port, config.host);
  const stopActivity = services.activity.follow(services.hub, log);
  services.chat.startRetention();
  services.meetings.startTimer(log);
  const stopOnline = services.online.follow();
  const stopCounting = announceOnlineCount(services.hub, services.presence);
  // Accounts whose grace period ended while the server was down go now, then hourly.
  services.accountDeletion.start();
  // Rooms, schedules, board settings and staff actions the sysop makes at the console reach
  // members within seconds.
  let consoleSeen = services.audit.lastId();
  const stopFollowing = services.hub.on('staff:action', (entry) => services.moderation.announceConsoleAction(entry));
  const stopWatching = watchExternalChanges(db, () => {
    consoleSeen = services.audit.announceConsoleEntries(consoleSeen);
    services.hub.emit('chat:rooms-changed', {});
    services.boards.announceExternalChange();
    services.meetings.rearm();
  });

  // The console reads the connection limits' state from here (counts and hashes, no addresses).
  const writeStatus = () => {
    try {
      writeConnectionStatus(config.dataDir, server!.snapshot());
    } catch (err) {
      log.debug('connection status not written', { err: String(err) });
    }
  };
  writeStatus();
  const statusTimer = setInterval(writeStatus, 5000);
  statusTimer.unref();

  let stopped = false;
  let closed = false;
  let drainTimer: NodeJS.Timeout | undefined;
  // The name as a SIGHUP may have changed it.
  const defaultMessage = () => `${live.bbsName} is going down for maintenance. Please come back soon.`;
  const goingDown = (message = defaultMessage()) => `\r\n*** ${message} ***\r\n`;
  const beginStop = (message: string | undefined) => {
    stopped = true;
    clearTimeout(drainTimer);
    services.hub.emit('server:shutdown', { message: message ?? defaultMessage() });
    clearInterval(statusTimer);
    removeConnectionStatus(config.dataDir);
    stopWatching();
    stopFollowing();
    services.chat.stop();
    services.meetings.stop();
    services.accountDeletion.stop();
  };
  const closeDatabase = () => {
    if (closed) return;
    closed = true;
    // After the sessions: each one ending is a log-off.
    stopActivity();
    stopCounting();
    stopOnline();
    db.close();
  };
  const stop = async (message?: string) => {
    if (stopped) return;
    beginStop(message);
    await server.close(goingDown(message));
    closeDatabase();
  };
  return {
    port,
    db,
    connectCommand: connectTo,
    fingerprint: hostKey.fingerprint,
    services,
    server,
    reconfigure(next) {
      Object.assign(live, next);
      server.adjust({ idleTimeoutMs: next.idleMinutes * 60_000, ...limitsFromConfig(next, DEFAULT_LIMITS, true) });
    },
    stop,
    async drain(seconds, message) {
      if (stopped) return;
      // Nobody to warn: no reason to wait.
      if (seconds > 0 && server.sessionCount > 0) {
        void server.stopListening();
        const ms = Math.round(seconds * 1000);
        services.hub.emit('server:draining', { endsAt: Date.now() + ms });
        await new Promise<void>((resolve) => (drainTimer = setTimeout(resolve, ms)));
      }
      await stop(message);
    },
    stopNow(message) {
      if (!stopped) {
        beginStop(message);
        server.endSessions(goingDown(message));
      }
      closeDatabase();
    },
  };
}

/** The connection limits a sysop may set in `haven serve`'s options; the rest keep their defaults. */
function limitsFromConfig(config: ServeConfig, defaults: ServerLimits, all = false): Partial<ServerLimits> {
  const limits: Partial<ServerLimits> = {};
  // `all`: every limit, its default where unset (a SIGHUP that removed a line restores the default).
  if (all) {
    Object.assign(limits, {
      sessionCaps: defaults.sessionCaps,
      maxPendingPerAddress: defaults.maxPendingPerAddress,
      signupDeadlineMs: defaults.signupDeadlineMs,
      penalties: defaults.penalties,
    });
  }
  if (config.sessionsPerAddress !== undefined || config.sessionsPerMember !== undefined) {
    limits.sessionCaps = {
      ...defaults.sessionCaps,
      ...(config.sessionsPerAddress !== undefined && { perAddress: config.sessionsPerAddress }),
      ...(config.sessionsPerMember !== undefined && { perMember: config.sessionsPerMember }),
    };
  }
  if (config.pendingPerAddress !== undefined) limits.maxPendingPerAddress = config.pendingPerAddress;
  if (config.slowLinkSeconds !== undefined) limits.slowLinkHandshakeMs = config.slowLinkSeconds === 0 ? Number.POSITIVE_INFINITY : config.slowLinkSeconds * 1000;
  if (config.signupMinutes !== undefined) limits.signupDeadlineMs = config.signupMinutes * 60_000;
  if (config.penaltyThreshold !== undefined) limits.penalties = { ...defaults.penalties, refuseAt: config.penaltyThreshold };
  return limits;
}
