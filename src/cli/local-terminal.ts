import { EventEmitter } from 'node:events';
import { PassThrough, Writable } from 'node:stream';
import { profileForTerm } from '../server/terminal-profile.js';
import { applyResize, clampSize, type Terminal, type TerminalOutput, type TerminalProfile } from '../terminal.js';

const CONGESTED_BYTES = 64 * 1024;
const SHOW_CURSOR = '\x1b[?25h';

/** The blessed-facing side of the local terminal's output: writes go to stdout. */
class LocalOutput extends Writable {
  columns: number;
  rows: number;
  readonly isTTY = true as const;

  constructor(
    private readonly tty: NodeJS.WriteStream,
    size: { cols: number; rows: number },
  ) {
    super({ decodeStrings: false });
    this.columns = size.cols;
    this.rows = size.rows;
  }

  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    if (this.tty.writable) this.tty.write(chunk);
    done();
  }
}

/**
 * A Terminal over the process's own TTY (`haven console`): raw input from stdin, output to
 * stdout, the window's size (clamped like a client's, hazards 2 and 3) and its resizes
 * (SIGWINCH, which Node reports as stdout's 'resize'), and TERM read through the same
 * allow-list as an SSH client's (hazard 1). `restore()` gives the shell its terminal back
 * as it was: cooked mode, stdin released. Closing restores too.
 */
export class LocalTerminal extends EventEmitter implements Terminal {
  rows: number;
  cols: number;
  tooSmall: boolean;
  readonly profile: TerminalProfile;
  readonly input = new PassThrough();
  readonly output: TerminalOutput;
  private closed = false;
  private restored = false;
  private readonly onData = (chunk: Buffer) => this.input.write(chunk);
  private readonly onResize = () => this.resize(this.tty.columns, this.tty.rows);

  constructor(
    private readonly stdin: NodeJS.ReadStream = process.stdin,
    private readonly tty: NodeJS.WriteStream = process.stdout,
    term: string | undefined = process.env.TERM,
  ) {
    super();
    if (!stdin.isTTY || !tty.isTTY) throw new Error('haven console needs a terminal: run it in one, not with its input or output redirected.');
    this.profile = profileForTerm(term);
    const clamped = clampSize(tty.columns, tty.rows);
    this.cols = clamped.cols;
    this.rows = clamped.rows;
    this.tooSmall = clamped.tooSmall;
    this.output = new LocalOutput(tty, clamped) as TerminalOutput;
    this.output.on('error', () => {});
    this.input.on('error', () => {});
    stdin.setRawMode(true);
    stdin.on('data', this.onData);
    stdin.resume();
    tty.on('resize', this.onResize);
    tty.on('drain', () => this.emit('drain'));
  }

  private resize(cols: number, rows: number): void {
    applyResize(this, cols, rows);
  }

  congested(): boolean {
    return this.tty.writableLength > CONGESTED_BYTES;
  }

  /** The sysop at the server has no idle timeout. */
  keepAlive(): void {}

  close(farewell?: string): void {
    if (this.closed) return;
    this.closed = true;
    // The cursor is shown again whatever the screen left behind: an SSH client's terminal
    // forgets a hidden cursor when the connection ends, the sysop's shell would not.
    if (this.tty.writable) this.tty.write(`${SHOW_CURSOR}${farewell ? farewell.replace(/\r?\n/g, '\r\n') : ''}`);
    this.restore();
    this.input.end();
    this.emit('close');
  }

  /** Cooked mode again and stdin released, so the shell gets its terminal back; safe to call twice. */
  restore(): void {
    if (this.restored) return;
    this.restored = true;
    this.tty.off('resize', this.onResize);
    this.stdin.off('data', this.onData);
    try {
      this.stdin.setRawMode(false);
    } catch {
      // the terminal may be gone (a closed window)
    }
    this.stdin.pause();
  }
}
