import { createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import ssh2, { type Connection, type KexAlgorithm, type MacAlgorithm, type CipherAlgorithm, type ServerChannel, type PseudoTtyInfo } from 'ssh2';
import { ChannelTerminal, DEFAULT_OUTPUT_LIMITS, type OutputLimits } from './channel-terminal.js';
import { PendingConnections } from './address-limits.js';
import { ConnectionAuth, type Authenticator, type Identity } from './auth.js';
import { DEFAULT_SESSION_CAPS, SessionCaps, type Admitted, type SessionCapLimits } from './session-caps.js';
import { DEFAULT_PENALTY_LIMITS, NameThrottle, SourcePenalties, type PenalisedSource, type PenaltyLimits } from './source-penalties.js';
import { inHashLane } from '../services/password-hasher.js';
import type { Member } from '../services/accounts.js';
import { DISCONNECT, disconnectWithReason } from './disconnect.js';
import { rawSocket } from './ssh2-internals.js';
import { profileForTerm } from './terminal-profile.js';
import type { Logger } from '../log.js';

export interface ServerLimits {
  /** From TCP connect to a finished log-in. */
  loginDeadlineMs: number;
  /** From TCP connect to the client's first SSH words: a silent socket is dropped and penalised. */
  handshakeDeadlineMs: number;
  /** From log-in to a running shell: a pty without a shell, or nothing at all, is closed. */
  shellDeadlineMs: number;
  /** A newcomer has this long to finish sign-up, then is kindly told goodbye. */
  signupDeadlineMs: number;
  maxPasswordFailures: number;
  maxAuthAttempts: number;
  /** Connections not logged in yet, per address (generous: a clinic behind one NAT). */
  maxPendingPerAddress: number;
  /** Random early drop of arrivals not yet logged in starts at this many… */
  earlyDropStart: number;
  /** …refusing this percentage of them, rising to all at `maxPendingTotal`. */
  earlyDropRate: number;
  maxPendingTotal: number;
  maxSessions: number;
  sessionCaps: SessionCapLimits;
  penalties: PenaltyLimits;
  /** Wrong passwords for one name beyond `freeFailures` are answered only after a growing delay. */
  nameThrottle: { freeFailures: number; baseDelayMs: number; maxDelayMs: number; halfLifeMs: number; maxNames: number };
  /** A session with no keystroke for this long is closed. */
  idleTimeoutMs: number;
  /** The member is warned this long before (with a countdown, and any key keeps the session). */
  idleWarningMs: number;
  output: OutputLimits;
  /** A key exchange that takes longer than this (from TCP connect) marks a slow link: the light look. */
  slowLinkHandshakeMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  loginDeadlineMs: 60_000,
  handshakeDeadlineMs: 10_000,
  shellDeadlineMs: 10_000,
  signupDeadlineMs: 10 * 60_000,
  maxPasswordFailures: 3,
  maxAuthAttempts: 20,
  maxPendingPerAddress: 40,
  earlyDropStart: 100,
  earlyDropRate: 30,
  maxPendingTotal: 300,
  maxSessions: 2000,
  sessionCaps: DEFAULT_SESSION_CAPS,
  penalties: DEFAULT_PENALTY_LIMITS,
  nameThrottle: { freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 20_000, halfLifeMs: 5 * 60_000, maxNames: 10_000 },
  // Measured through a throttling proxy with 100 ms each way: about 5 s at 2,400 bit/s (the
  // client's own offer is over a kilobyte), 1.5 s at 9,600, tens of milliseconds on broadband.
  slowLinkHandshakeMs: 4000,
  idleTimeoutMs: 60 * 60_000,
  idleWarningMs: 2 * 60_000,
  output: DEFAULT_OUTPUT_LIMITS,
};

/** What the UI layer gives back for a running session, so the server can end it. */
export interface SessionHandle {
  /** Tears the UI down, then closes the connection with a last plain-text line. */
  end(farewell: string): void;
  /** Who is logged in now: a newcomer has no member until sign-up is finished. */
  member?(): Member | undefined;
}

/** What the sysop may see of the connection limits: counts, and penalised sources as keyed hashes. */
export interface ConnectionSnapshot {
  pending: number;
  sessions: number;
  penalised: PenalisedSource[];
}

interface PendingSocket {
  address: string;
  /** When the TCP connection was accepted. */
  connectedAt: number;
  identified(): void;
  loggedIn(): void;
}

/** What a command run over exec prints (stdout, stderr) and the exit status it ends with. */
export interface CommandResult {
  stdout?: string;
  stderr?: string;
  exitCode: number;
}

export type SessionStarter = (terminal: ChannelTerminal, identity: Identity) => SessionHandle;

export interface SshServerOptions {
  hostKey: Buffer;
  authenticator: Authenticator;
  startSession: SessionStarter;
  log: Logger;
  limits?: Partial<ServerLimits>;
  /** How to connect, shown to clients that ask for a shell with no terminal. */
  connectHint: () => string;
  /**
   * The same for a refused command, which is never told the machine's host name: the public
   * host the sysop set, or a placeholder for the address.
   */
  commandHint?: () => string;
  /**
   * Runs the one command a member may give (`ssh NAME@host export`), or returns undefined
   * when `command` is none it knows, which is then refused with how to connect.
   */
  runCommand?: (command: string, identity: Identity) => CommandResult | undefined;
  /** The BBS's name as members know it (`--name`). */
  bbsName: string;
  /** Also offer the older algorithms of LEGACY_ALGORITHMS, for clients that know no better. */
  legacyAlgorithms?: boolean;
}

/**
 * Key exchange methods, in the server's order: curve25519 only (~5 ms a handshake; the NIST
 * curves fail an SSH configuration audit, and DH groups are a CPU-exhaustion lever). The
 * client's order picks the method (RFC 4253 §7.1); the server's first entry only decides
 * whether a client that guesses guessed right.
 *
 * Dropbear's client sends its first key-exchange packet before reading ours, guessing its own
 * first method (first_kex_packet_follows). ssh2 1.17 discards that packet even when the guess
 * is right (it compares the method with the first *character* of the client's list), then
 * waits for a packet that never comes. Leading with the @libssh.org name of curve25519, which
 * no guessing client puts first, makes every guess wrong by RFC 4253 §7: the client sends the
 * packet again after our KEXINIT, which ssh2 reads, and the method agreed is the same curve.
 */
export const SERVER_KEX: KexAlgorithm[] = ['curve25519-sha256@libssh.org', 'curve25519-sha256'];

/**
 * One encrypt-then-MAC SHA-2, besides the AEAD ciphers that need no MAC: no SHA-1, no
 * encrypt-and-MAC. Every client that knows encrypt-then-MAC knows this one, and each name
 * left out is bytes a member on a slow link does not wait for (the lists go both ways).
 */
export const SERVER_MACS: MacAlgorithm[] = ['hmac-sha2-256-etm@openssh.com'];

/** The AEAD ciphers, and AES-CTR for clients without them; each is offered for both directions. */
export const SERVER_CIPHERS: CipherAlgorithm[] = ['chacha20-poly1305@openssh.com', 'aes128-gcm@openssh.com', 'aes256-gcm@openssh.com', 'aes128-ctr', 'aes256-ctr'];

/**
 * What `--legacy-algorithms` adds, after the preferred ones, for old clients: the NIST curves
 * and encrypt-and-MAC SHA-2 (an audit warns of both; neither is broken). Never SHA-1.
 */
export const LEGACY_ALGORITHMS: { kex: KexAlgorithm[]; hmac: MacAlgorithm[]; cipher: CipherAlgorithm[] } = {
  kex: ['ecdh-sha2-nistp256', 'ecdh-sha2-nistp384'],
  hmac: ['hmac-sha2-512-etm@openssh.com', 'hmac-sha2-256', 'hmac-sha2-512'],
  cipher: ['aes192-ctr'],
};

/** What the client prints when a connection is closed for failed log-ins. */
export const TOO_MANY_FAILURES = 'Too many failed log-in attempts';

const NOT_INTERACTIVE = (bbsName: string, hint: string) =>
  `${bbsName} is a text-mode BBS and needs an interactive terminal.\r\nConnect with: ${hint}\r\n`;

/** The refusal of an unknown command: how to connect, and the one command there is. */
const NO_SUCH_COMMAND = (bbsName: string, hint: string) =>
  `${NOT_INTERACTIVE(bbsName, hint)}` +
  `The one command it runs is "export", which prints what ${bbsName} holds about you as JSON: ${hint} export > my-haven.json\r\n`;

/** The SSH transport: limits, authentication, and one interactive session per connection. */
export class SshServer {
  private readonly server: ssh2.Server;
  /** Accepts TCP first: ssh2 reports a connection only once the client has spoken, too late for limits. */
  private readonly tcp: NetServer;
  private listenerClosed: Promise<void> | undefined;
  private readonly unauthenticated = new Map<string, PendingSocket>();
  /** Sockets that have not spoken SSH yet, oldest first: when crowded, arrivals displace them. */
  private readonly silent = new Map<Socket, { since: number; evict(): void }>();
  private readonly sockets = new Set<Socket>();
  private readonly limits: ServerLimits;
  private readonly pending: PendingConnections;
  private readonly sessions = new Set<SessionHandle>();
  private readonly connections = new Set<Connection>();
  private readonly caps: SessionCaps;
  readonly penalties: SourcePenalties;
  private readonly nameThrottle: NameThrottle;

  constructor(private readonly opts: SshServerOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    const { maxPendingPerAddress, earlyDropStart, earlyDropRate, maxPendingTotal } = this.limits;
    this.pending = new PendingConnections(maxPendingPerAddress, { start: earlyDropStart, rate: earlyDropRate, full: maxPendingTotal });
    this.caps = new SessionCaps(this.limits.sessionCaps);
    this.penalties = new SourcePenalties(this.limits.penalties);
    this.nameThrottle = new NameThrottle(this.limits.nameThrottle);
    this.server = new ssh2.Server(
      {
        hostKeys: [opts.hostKey],
        ident: 'Haven',
        algorithms: {
          kex: opts.legacyAlgorithms ? [...SERVER_KEX, ...LEGACY_ALGORITHMS.kex] : SERVER_KEX,
          hmac: opts.legacyAlgorithms ? [...SERVER_MACS, ...LEGACY_ALGORITHMS.hmac] : SERVER_MACS,
          cipher: opts.legacyAlgorithms ? [...SERVER_CIPHERS, ...LEGACY_ALGORITHMS.cipher] : SERVER_CIPHERS,
          compress: ['none'],
        },
      },
      (client, info) => this.onConnection(client, this.unauthenticated.get(`${info.ip}:${info.port}`)),
    );
    this.server.on('error', (err: Error) => opts.log.error('ssh server error', { err: err.message }));
    this.tcp = createServer((socket) => this.onSocket(socket));
    this.tcp.on('error', (err: Error) => opts.log.error('listener error', { err: err.message }));
  }

  /**
   * Applies new connection limits and idle time from now on (a SIGHUP): arrivals and new
   * sessions get them; sessions already open keep what they started with.
   */
  adjust(limits: Partial<Pick<ServerLimits, 'idleTimeoutMs' | 'signupDeadlineMs' | 'maxPendingPerAddress' | 'sessionCaps' | 'penalties' | 'slowLinkHandshakeMs'>>): void {
    Object.assign(this.limits, limits);
    if (limits.maxPendingPerAddress !== undefined) this.pending.setMaxPerAddress(limits.maxPendingPerAddress);
    if (limits.sessionCaps) this.caps.setLimits(limits.sessionCaps);
    if (limits.penalties) this.penalties.setLimits(limits.penalties);
  }

  /** Limits that apply before a word of SSH: per-address and total pending, and the log-in deadline. */
  private onSocket(socket: Socket): void {
    socket.on('error', () => {});
    // Interactive traffic: small writes must not wait on Nagle's algorithm and delayed ACKs.
    socket.setNoDelay(true);
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    const address = socket.remoteAddress ?? 'unknown';
    // A penalised address is refused before the handshake costs us anything.
    if (this.penalties.refuses(address)) {
      socket.destroy();
      return;
    }
    const release = this.pending.acquire(address, this.displaceSilent());
    if (!release) {
      socket.destroy();
      return;
    }
    const key = `${address}:${socket.remotePort}`;
    const overrun = () => {
      this.penalties.add(address, 'graceOverrun');
      socket.destroy();
    };
    // A connection that has not logged in by the deadline is dropped, however far it got;
    // one that has not even spoken SSH is dropped sooner.
    const deadline = setTimeout(overrun, this.limits.loginDeadlineMs);
    const silent = setTimeout(overrun, this.limits.handshakeDeadlineMs);
    const loggedIn = () => {
      clearTimeout(deadline);
      clearTimeout(silent);
      release();
      this.unauthenticated.delete(key);
      this.silent.delete(socket);
    };
    const identified = () => {
      clearTimeout(silent);
      this.silent.delete(socket);
    };
    this.silent.set(socket, {
      since: Date.now(),
      evict: () => {
        loggedIn();
        overrun();
      },
    });
    this.unauthenticated.set(key, { address, connectedAt: Date.now(), identified, loggedIn });
    socket.once('close', loggedIn);
    this.server.injectSocket(socket);
  }

  /**
   * Once pending connections pass the early-drop start, an arrival first displaces the oldest
   * socket that has sat silent for half a second or more: honest clients speak at once, so a flood
   * of silent sockets makes room for them instead of for more of itself.
   */
  private displaceSilent(): boolean {
    if (this.pending.size < this.limits.earlyDropStart) return false;
    const oldest = this.silent.values().next();
    if (oldest.done || Date.now() - oldest.value.since < 500) return false;
    oldest.value.evict();
    return true;
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.tcp.once('error', reject);
      this.tcp.listen(port, host, () => {
        this.tcp.off('error', reject);
        resolve((this.tcp.address() as AddressInfo).port);
      });
    });
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  /** Counts and penalised sources (keyed hashes, never addresses) for the sysop. */
  snapshot(): ConnectionSnapshot {
    return { pending: this.pending.size, sessions: this.sessions.size, penalised: this.penalties.snapshot() };
  }

  /**
   * Stops accepting connections; those open carry on. Resolves once the listener is closed
   * and every connection has gone.
   */
  stopListening(): Promise<void> {
    this.listenerClosed ??= new Promise<void>((resolve) => this.tcp.close(() => resolve()));
    return this.listenerClosed;
  }

  /** Ends every session with a message, at once (their connections close as they can). */
  endSessions(farewell: string): void {
    for (const session of [...this.sessions]) session.end(farewell);
  }

  /** Ends every session with a message, stops listening, and resolves when all is closed. */
  async close(farewell: string): Promise<void> {
    // Each session ends its own connection once the client has closed the channel, which
    // means the farewell has arrived; connections still open a little later are ended, then dropped.
    this.endSessions(farewell);
    const closed = this.stopListening();
    const ending = setTimeout(() => {
      for (const client of this.connections) client.end();
    }, 500);
    const force = setTimeout(() => {
      for (const socket of this.sockets) socket.destroy();
    }, 1500);
    await closed;
    clearTimeout(ending);
    clearTimeout(force);
  }

  private onConnection(client: Connection, pending: PendingSocket | undefined): void {
    // An unhandled 'error' on a client would crash the process (ssh2 #447, #1144).
    client.on('error', (err: Error) => this.opts.log.debug('client error', { err: err.message }));
    if (!pending) {
      destroySocket(client);
      return;
    }
    this.connections.add(client);
    pending.identified();
    const { address } = pending;
    const auth = new ConnectionAuth(this.guardedAuthenticator(address), { maxPasswordFailures: this.limits.maxPasswordFailures, maxAttempts: this.limits.maxAuthAttempts }, () => {
      this.opts.log.info('log-in refused: too many failed attempts');
      disconnectWithReason(client, DISCONNECT.NO_MORE_AUTH_METHODS_AVAILABLE, TOO_MANY_FAILURES);
    });
    let sessionOpened = false;
    let session: SessionHandle | undefined;
    let admitted: Admitted | undefined;
    // The first key exchange is the one exchange no person takes part in: its time is the link's.
    let slowLink = false;
    client.once('handshake', () => {
      slowLink = Date.now() - pending.connectedAt > this.limits.slowLinkHandshakeMs;
    });

    client.on('authentication', (ctx) => auth.handle(ctx));
    client.on('ready', () => {
      pending.loggedIn();
      const identity = auth.identity!;
      const admission = this.caps.admit(address, identity.member?.id);
      if ('refusal' in admission) {
        this.opts.log.info('log-in refused: session cap');
        disconnectWithReason(client, DISCONNECT.BY_APPLICATION, admission.refusal);
        return;
      }
      admitted = admission;
      // A shell must follow promptly, or the log-in deadline would be a loophole: a pty with
      // no shell, a refused subsystem or nothing at all is closed and counts against the address.
      const shellDeadline = setTimeout(() => {
        if (session) return;
        this.penalties.add(address, 'graceOverrun');
        destroySocket(client);
      }, this.limits.shellDeadlineMs);
      client.once('close', () => clearTimeout(shellDeadline));
      client.on('session', (accept, reject) => {
        if (sessionOpened || this.sessions.size >= this.limits.maxSessions) return reject();
        sessionOpened = true;
        this.onSessionChannel(accept(), client, identity, address, slowLink, (handle) => {
          session = handle;
          clearTimeout(shellDeadline);
          if (!identity.member) this.watchSignup(handle, admission);
        });
      });
    });
    client.on('close', () => {
      admitted?.release();
      this.connections.delete(client);
      if (session) {
        // An abrupt drop fires only the connection's close: make sure the UI is destroyed.
        this.sessions.delete(session);
        session.end('');
      }
    });
  }

  private onSessionChannel(
    channelSession: import('ssh2').Session,
    client: Connection,
    identity: Identity,
    address: string,
    slowLink: boolean,
    started: (handle: SessionHandle) => void,
  ): void {
    let pty: PseudoTtyInfo | undefined;
    let terminal: ChannelTerminal | undefined;
    const hint = this.opts.connectHint();
    let channelClosed = false;
    // OpenSSH exits at once on a disconnect, dropping output it has not yet written (the
    // farewell) and reporting failure: the connection ends only after the client closed the channel.
    const endAfterChannel = (channel: ServerChannel) => {
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        client.end();
      };
      if (channelClosed) return end();
      channel.once('close', end);
      setTimeout(end, 1000).unref();
    };

    channelSession.on('pty', (accept, _reject, info) => {
      pty = info;
      // Sizes only: clients differ in what they report (OpenSSH sends 0x0 when its stdin is no tty).
      this.opts.log.debug('pty requested', { cols: info.cols, rows: info.rows });
      accept?.();
    });
    channelSession.on('window-change', (accept, _reject, info) => {
      accept?.();
      terminal?.resize(info.cols, info.rows);
    });
    channelSession.on('env', (accept) => accept?.());
    // One program per session channel (RFC 4254 6.5): a second shell or exec request on it is
    // refused, and the first carries on; accepting it again would tear down the member's own session.
    let programStarted = false;
    channelSession.on('exec', (accept, reject, info) => {
      if (programStarted) return reject?.();
      programStarted = true;
      const channel = accept();
      channel.once('close', () => (channelClosed = true));
      channel.on('error', (err: Error) => this.opts.log.debug('channel error', { err: err.message }));
      const result = this.opts.runCommand?.(info.command, identity);
      if (result) {
        if (result.stdout) channel.write(result.stdout);
        if (result.stderr) channel.stderr.write(result.stderr);
        channel.exit(result.exitCode);
        channel.end();
      } else {
        this.refuse(channel, NO_SUCH_COMMAND(this.opts.bbsName, (this.opts.commandHint ?? this.opts.connectHint)()));
      }
      endAfterChannel(channel);
    });
    channelSession.on('subsystem', (_accept, reject) => {
      // sftp and the like: nothing here for them, and the connection has no other use.
      reject();
      this.penalties.add(address, 'refusedRequest');
      client.end();
    });
    channelSession.on('shell', (accept, reject) => {
      if (programStarted) return reject?.();
      programStarted = true;
      const channel = accept();
      channel.once('close', () => (channelClosed = true));
      channel.on('error', (err: Error) => this.opts.log.debug('channel error', { err: err.message }));
      if (!pty) {
        this.refuse(channel, NOT_INTERACTIVE(this.opts.bbsName, hint));
        endAfterChannel(channel);
        return;
      }
      terminal = new ChannelTerminal(channel, profileForTerm(pty.term), { cols: pty.cols, rows: pty.rows }, this.limits.output, undefined, slowLink);
      const handle = this.opts.startSession(terminal, identity);
      this.sessions.add(handle);
      started(handle);
      this.watchIdle(terminal, handle);
      terminal.once('close', () => {
        this.sessions.delete(handle);
        handle.end('');
        endAfterChannel(channel);
        // A stalled client never reads our disconnect: drop the socket rather than hold its buffers.
        setTimeout(() => destroySocket(client), 2000).unref();
      });
    });
  }

  /**
   * Password log-ins queue in the hasher by address, so one address's guesses never starve
   * another's log-in, and an address that failed lately waits behind those that have not; a wrong password counts against the address and slows the next guess
   * at that name (the answer is held back), while a right one is never delayed.
   */
  private guardedAuthenticator(address: string): Authenticator {
    const base = this.opts.authenticator;
    return {
      ...base,
      byPassword: async (name, password) => {
        const member = await inHashLane(address, () => base.byPassword(name, password), this.penalties.suspect(address));
        if (!member) {
          this.penalties.add(address, 'authFailure');
          const hold = this.nameThrottle.failed(name);
          if (hold > 0) await new Promise((resolve) => setTimeout(resolve, hold).unref());
        }
        return member;
      },
    };
  }

  /** A newcomer who has not finished sign-up by the deadline is told goodbye kindly. */
  private watchSignup(handle: SessionHandle, admitted: Admitted): void {
    const started = Date.now();
    const check = setInterval(() => {
      if (!this.sessions.has(handle)) {
        clearInterval(check);
      } else if (handle.member?.()) {
        clearInterval(check);
        admitted.joined();
      } else if (Date.now() - started >= this.limits.signupDeadlineMs) {
        clearInterval(check);
        const limit = idleText(this.limits.signupDeadlineMs);
        handle.end(`\r\nSign-up has a time limit of ${limit}, and it has passed. You are welcome to connect again and start afresh. Take care.\r\n`);
      }
    }, Math.min(2000, this.limits.signupDeadlineMs / 4));
    check.unref();
  }

  private watchIdle(terminal: ChannelTerminal, handle: SessionHandle): void {
    const { idleTimeoutMs, idleWarningMs } = this.limits;
    terminal.watchIdle(idleTimeoutMs, Math.min(idleWarningMs, idleTimeoutMs / 2), () => {
      handle.end(`\r\nYou were idle for ${idleText(idleTimeoutMs)}. Goodbye, and take care.\r\n`);
    });
  }

  private refuse(channel: ServerChannel, message: string): void {
    channel.on('error', () => {});
    channel.write(message);
    channel.exit(1);
    channel.end();
  }
}

function idleText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes >= 1) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const seconds = Math.round(ms / 1000);
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

function destroySocket(client: Connection): void {
  rawSocket(client)?.destroy();
}
