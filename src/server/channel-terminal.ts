import { EventEmitter } from 'node:events';
import { PassThrough, Writable } from 'node:stream';
import type { ServerChannel } from 'ssh2';
import { applyResize, clampSize, type Terminal, type TerminalOutput, type TerminalProfile } from '../terminal.js';
import { InputGate } from './input-gate.js';

export interface OutputLimits {
  /** Above this many unsent bytes, repaints wait for the client to catch up. */
  congestedBytes: number;
  /** Above this many, the client is considered stalled and is disconnected. */
  stalledBytes: number;
  /** A client congested this long without catching up is disconnected too. */
  stalledMs: number;
}

export const DEFAULT_OUTPUT_LIMITS: OutputLimits = { congestedBytes: 64 * 1024, stalledBytes: 1024 * 1024, stalledMs: 30_000 };

/** The blessed-facing side of the channel: writes go to the client unless it has stalled. */
class ChannelOutput extends Writable {
  columns: number;
  rows: number;
  readonly isTTY = true as const;

  constructor(
    private readonly channel: ServerChannel,
    size: { cols: number; rows: number },
    private readonly limits: OutputLimits,
    private readonly onStalled: () => void,
  ) {
    super({ decodeStrings: false });
    this.columns = size.cols;
    this.rows = size.rows;
  }

  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    // blessed ignores write()'s return value (hazard 5), so the bound is enforced here.
    if (this.channel.writableLength > this.limits.stalledBytes) {
      this.onStalled();
    } else if (this.channel.writable) {
      this.channel.write(chunk);
    }
    done();
  }
}

/** A Terminal over an ssh2 session channel with a pty. */
export class ChannelTerminal extends EventEmitter implements Terminal {
  rows: number;
  cols: number;
  tooSmall: boolean;
  readonly input = new PassThrough();
  readonly output: TerminalOutput;
  private readonly gate: InputGate;
  private closed = false;
  private congestedSince: number | undefined;
  private lastActive = Date.now();
  private idleWarned = false;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly channel: ServerChannel,
    readonly profile: TerminalProfile,
    size: { cols: number; rows: number },
    private readonly limits: OutputLimits = DEFAULT_OUTPUT_LIMITS,
    gate = new InputGate(),
    readonly slowLink = false,
  ) {
    super();
    const clamped = clampSize(size.cols, size.rows);
    this.cols = clamped.cols;
    this.rows = clamped.rows;
    this.tooSmall = clamped.tooSmall;
    this.gate = gate;
    this.output = new ChannelOutput(channel, clamped, limits, () => this.close()) as TerminalOutput;
    this.output.on('error', () => {});
    this.input.on('error', () => {});

    channel.on('data', (chunk: Buffer) => {
      this.keepAlive();
      const { pass, dropped, droppedInBurst } = this.gate.admit(chunk);
      if (pass.length > 0) this.input.write(pass);
      if (dropped > 0) this.emit('input-dropped', droppedInBurst);
    });
    channel.on('drain', () => this.emit('drain'));
    channel.once('close', () => this.finish());
  }

  keepAlive(): void {
    // Called for every keystroke and every line a listener follows: a timestamp, no timer work.
    this.lastActive = Date.now();
    if (this.idleWarned) {
      this.idleWarned = false;
      this.emit('idle-resumed');
    }
  }

  /**
   * Calls `onIdle` once nothing came from the client (and no keepAlive) for `timeoutMs`; emits
   * 'idle-warning' `warnMs` before that, so the member can keep the session with a key.
   */
  watchIdle(timeoutMs: number, warnMs: number, onIdle: () => void): void {
    const warnAfter = Math.max(0, timeoutMs - warnMs);
    const check = () => {
      if (this.closed) return;
      const now = Date.now();
      const idle = now - this.lastActive;
      if (idle >= timeoutMs) return onIdle();
      let wait = warnAfter - idle;
      if (wait <= 0) {
        if (!this.idleWarned) {
          this.idleWarned = true;
          this.emit('idle-warning', this.lastActive + timeoutMs);
        }
        wait = timeoutMs - idle;
      }
      this.idleTimer = setTimeout(check, wait);
      this.idleTimer.unref();
    };
    check();
  }

  /** Applies a window-change from the client; blessed re-lays out on the output's 'resize'. */
  resize(cols: number, rows: number): void {
    applyResize(this, cols, rows);
  }

  congested(): boolean {
    if (this.channel.writableLength <= this.limits.congestedBytes) {
      this.congestedSince = undefined;
      return false;
    }
    const now = Date.now();
    this.congestedSince ??= now;
    // Paints are held back while congested, so the buffer stops growing; a client that
    // never catches up would then hold its session for ever without this.
    if (now - this.congestedSince > this.limits.stalledMs) this.close();
    return true;
  }

  close(farewell?: string): void {
    if (this.closed) return;
    if (farewell && this.channel.writable) this.channel.write(farewell.replace(/\n/g, '\r\n'));
    try {
      this.channel.exit(0);
    } catch {
      // the channel may already be half-closed
    }
    this.channel.end();
    // A client that stopped reading never acknowledges the close: don't wait for it.
    if (this.channel.writableLength > this.limits.stalledBytes) this.channel.destroy();
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    this.input.end();
    this.emit('close');
  }
}
