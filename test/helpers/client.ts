import ssh2 from 'ssh2';
import type { ClientChannel, ConnectConfig } from 'ssh2';
import { HeadlessScreen, KEY } from './screen.js';

/** Handshake and log-in: a loaded shared machine has taken over 20 s to finish one. */
const CONNECT_MS = 30_000;

export interface ConnectOptions {
  port: number;
  username: string;
  password?: string;
  privateKey?: Buffer | string;
  cols?: number;
  rows?: number;
  term?: string;
  /** false: open a shell without a pty. */
  pty?: boolean;
  /** Run this command instead of a shell. */
  exec?: string;
  /** The methods to try, in this order (ssh2's own order tries the password before a key). */
  authOrder?: Array<'none' | 'password' | 'publickey' | 'keyboard-interactive'>;
  /** Answer keyboard-interactive prompts with this (default: the password). */
  keyboardAnswer?: string;
  /** Binds the client's end to this local address (127.0.0.x: many sources on one machine). */
  localAddress?: string;
  /** Sees the server's host key (the raw public key blob) before anything else is sent. */
  onHostKey?: (key: Buffer) => void;
}

/** The local headless view never grows past `max`: the server is what is under test at absurd sizes. */
function viewSize(n: number, max: number): number {
  return Math.max(1, Math.min(n, max));
}

/** A member at an ssh2 client with a pty, watching a headless terminal. */
export class MemberClient {
  readonly screen: HeadlessScreen;
  readonly closed: Promise<void>;
  /** Everything received, raw (for tests about bytes on the wire). */
  raw = '';
  private channel: ClientChannel | undefined;

  private constructor(
    readonly conn: InstanceType<typeof ssh2.Client>,
    cols: number,
    rows: number,
  ) {
    this.screen = new HeadlessScreen(cols, rows);
    this.closed = new Promise((resolve) => conn.once('close', () => resolve()));
  }

  static async connect(opts: ConnectOptions): Promise<MemberClient> {
    const conn = new ssh2.Client();
    const client = new MemberClient(conn, viewSize(opts.cols ?? 80, 400), viewSize(opts.rows ?? 24, 200));
    const config: ConnectConfig = {
      host: '127.0.0.1',
      port: opts.port,
      username: opts.username,
      password: opts.password,
      privateKey: opts.privateKey,
      tryKeyboard: true,
      ...(opts.authOrder ? { authHandler: opts.authOrder } : {}),
      readyTimeout: CONNECT_MS,
      localAddress: opts.localAddress,
      hostVerifier: (key: Buffer) => {
        opts.onHostKey?.(key);
        return true;
      },
    };
    conn.on('keyboard-interactive', (_name, _instr, _lang, prompts, finish) => {
      finish(prompts.map(() => opts.keyboardAnswer ?? opts.password ?? ''));
    });
    await new Promise<void>((resolve, reject) => {
      conn.once('ready', () => resolve());
      conn.once('error', reject);
      // A server that drops the socket (a log-in deadline, a limit) gives no error: fail, don't hang.
      conn.once('close', () => reject(new Error('The server closed the connection before log-in finished.')));
      conn.connect(config);
    });
    conn.on('error', () => {});
    // Listening starts in the callback itself: a session the server ends at once (a refused
    // log-in) may send its last words in the same read as the reply to the shell request.
    const listen = (channel: ClientChannel) => {
      client.channel = channel;
      channel.on('data', (d: Buffer) => {
        client.raw += d.toString('utf8');
        client.screen.feed(d);
      });
      channel.stderr.on('data', (d: Buffer) => (client.raw += d.toString('utf8')));
      channel.on('close', () => conn.end());
    };
    await new Promise<void>((resolve, reject) => {
      const done = (err: Error | undefined, ch: ClientChannel) => (err ? reject(err) : (listen(ch), resolve()));
      if (opts.exec) conn.exec(opts.exec, done);
      else if (opts.pty === false) conn.shell(false, done);
      else conn.shell({ term: opts.term ?? 'xterm-256color', cols: opts.cols ?? 80, rows: opts.rows ?? 24 }, done);
    });
    return client;
  }

  send(data: string): void {
    this.channel?.write(data);
  }

  /**
   * Types `text` as two SSH packets cut `at` bytes into its UTF-8 encoding (by default in
   * the middle of its first multi-byte character), as a slow link or a client's buffer may.
   */
  sendSplit(text: string, at?: number): void {
    const bytes = Buffer.from(text, 'utf8');
    const first = bytes.findIndex((b) => b >= 0xc0);
    const cut = at ?? (first >= 0 ? first + 1 : Math.floor(bytes.length / 2));
    this.channel?.write(bytes.subarray(0, cut));
    this.channel?.write(bytes.subarray(cut));
  }

  /** Types text and presses Enter. */
  line(text: string): void {
    this.send(text + KEY.enter);
  }

  press(key: keyof typeof KEY): void {
    this.send(KEY[key]);
  }

  /** Asks the server for a new size; the local view follows, within what a test can hold in memory. */
  resize(cols: number, rows: number): void {
    this.screen.resize(viewSize(cols, 400), viewSize(rows, 200));
    this.channel?.setWindow(rows, cols, 0, 0);
  }

  waitFor(expected: string | RegExp, timeoutMs?: number): Promise<string> {
    return this.screen.waitFor(expected, timeoutMs);
  }

  waitForGone(unexpected: string | RegExp, timeoutMs?: number): Promise<void> {
    return this.screen.waitForGone(unexpected, timeoutMs);
  }

  text(): string {
    return this.screen.text();
  }

  /**
   * Presses Ctrl-L (repaint everything) and returns the screen's cells once the repaint is
   * drawn: what the member should have been seeing all along.
   */
  async repainted(timeoutMs = 20_000): Promise<string[]> {
    await this.screen.settled(timeoutMs);
    const before = this.screen.bytesReceived;
    this.send('\x0c');
    const deadline = Date.now() + timeoutMs;
    while (this.screen.bytesReceived === before) {
      if (Date.now() > deadline) throw new Error('Ctrl-L drew nothing.');
      await new Promise((r) => setTimeout(r, 15));
    }
    await this.screen.settled(timeoutMs);
    return this.screen.cells();
  }

  end(): void {
    this.conn.end();
  }
}

/** Runs a newcomer through sign-up and returns them at the main menu. */
export async function signUp(port: number, name: string, password = 'correct horse', extra: Partial<ConnectOptions> = {}): Promise<MemberClient> {
  const client = await MemberClient.connect({ port, username: name, ...extra });
  await client.waitFor('Choose a name');
  client.send(KEY.enter);
  await client.waitFor('Choose a password');
  client.line(password);
  await client.waitFor('Type the password again');
  client.line(password);
  await skipTimeZone(client);
  await client.waitFor('Do you accept the guidelines');
  client.send('y');
  if (extra.privateKey) {
    await client.waitFor('Save it');
    client.send('y');
  }
  await client.waitFor('Main menu');
  return client;
}

/** At sign-up's time zone step: skips it (UTC). */
export async function skipTimeZone(client: { waitFor(text: string, timeoutMs?: number): Promise<string>; send(data: string): void }, timeoutMs?: number): Promise<void> {
  await client.waitFor('Your time zone?', timeoutMs);
  client.send('s');
}

/** Logs an existing member in by password and waits for the main menu. */
export async function logIn(port: number, name: string, password = 'correct horse', extra: Partial<ConnectOptions> = {}): Promise<MemberClient> {
  const client = await MemberClient.connect({ port, username: name, password, ...extra });
  await client.waitFor('Main menu');
  return client;
}

/** On the Settings screen: opens the time zone question and answers it (the outcome is the test's to check). */
export async function answerTimeZone(client: MemberClient, zone: string): Promise<void> {
  client.send('T');
  await client.waitFor('Your time zone');
  client.send('\x15'); // Ctrl-U clears the current zone
  client.line(zone);
}
