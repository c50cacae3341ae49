import xterm from '@xterm/headless';
import unicode11 from '@xterm/addon-unicode11';

const { Terminal } = xterm;

/** Keys as a terminal sends them. */
export const KEY = {
  enter: '\r',
  escape: '\x1b',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  home: '\x1b[H',
  end: '\x1b[F',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  backspace: '\x7f',
  delete: '\x1b[3~',
  tab: '\t',
  ctrlR: '\x12',
  ctrlS: '\x13',
  ctrlC: '\x03',
} as const;

/**
 * How long a test waits for something to show before it fails: long enough to absorb a loaded
 * shared machine (a busy 2-core box delays a paint by seconds), well short of a test's timeout.
 */
export const WAIT_MS = 20_000;

/**
 * A headless xterm that receives everything the server sends, so tests read the screen a
 * person would see rather than the byte stream.
 */
export class HeadlessScreen {
  readonly term: InstanceType<typeof Terminal>;
  bytesReceived = 0;
  private pendingWrites = 0;

  constructor(cols: number, rows: number) {
    this.term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
    // Emoji take two columns, as in the terminals members use (xterm.js alone assumes Unicode 6).
    this.term.loadAddon(new unicode11.Unicode11Addon());
    this.term.unicode.activeVersion = '11';
  }

  feed(data: Buffer | string): void {
    this.bytesReceived += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    this.pendingWrites++;
    this.term.write(typeof data === 'string' ? data : new Uint8Array(data), () => this.pendingWrites--);
  }

  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
  }

  /** True when everything fed so far has been drawn. */
  idle(): boolean {
    return this.pendingWrites === 0;
  }

  /** The visible screen as lines of text (trailing spaces trimmed). */
  lines(): string[] {
    const buf = this.term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < this.term.rows; y++) out.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    return out;
  }

  text(): string {
    return this.lines().join('\n');
  }

  /**
   * Lines whose first character (not a space) is drawn in inverse or on a coloured
   * background: a list's highlight bar (and the frame's header and footer, which a test tells apart by their text).
   */
  highlightedLines(): string[] {
    const buf = this.term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      const line = buf.getLine(buf.viewportY + y);
      if (!line) continue;
      // A selection bar covers a line's first field: its first character that is not a space.
      const text = line.translateToString(true);
      const first = Math.max(0, text.search(/\S/));
      const cell = line.getCell(first);
      if (cell && (cell.isInverse() || !cell.isBgDefault())) out.push(text);
    }
    return out;
  }

  /** Waits until the screen shows `expected` (a string or a pattern) or fails with what it shows. */
  async waitFor(expected: string | RegExp, timeoutMs = WAIT_MS): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.pendingWrites === 0) {
        const text = this.text();
        if (typeof expected === 'string' ? text.includes(expected) : expected.test(text)) return text;
      }
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${String(expected)}. The screen shows:\n${this.text()}`);
      }
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  /** Waits until a highlighted line (see `highlightedLines`) matches `expected`. */
  async waitForHighlighted(expected: string | RegExp, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const matches = (l: string) => (typeof expected === 'string' ? l.includes(expected) : expected.test(l));
    while (this.pendingWrites > 0 || !this.highlightedLines().some(matches)) {
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${String(expected)} to be highlighted. Highlighted: ${JSON.stringify(this.highlightedLines())}`);
      }
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  /** Waits until `unexpected` is no longer on the screen. */
  async waitForGone(unexpected: string | RegExp, timeoutMs = WAIT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.text();
      if (this.pendingWrites === 0 && !(typeof unexpected === 'string' ? text.includes(unexpected) : unexpected.test(text))) return;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(unexpected)} to go. The screen shows:\n${text}`);
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  /**
   * Each row as its characters with their colours and attributes, blank cells at the end
   * left out: two screens a person could not tell apart compare equal, a stray coloured
   * cell does not.
   */
  cells(): string[] {
    const buf = this.term.buffer.active;
    const cell = buf.getNullCell();
    const rows: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      const line = buf.getLine(buf.viewportY + y);
      let row = '';
      let pendingBlank = '';
      let lastAttr = '';
      for (let x = 0; line && x < this.term.cols; x++) {
        line.getCell(x, cell);
        if (cell.getWidth() === 0) continue;
        const ch = cell.getChars() || ' ';
        // A space shows only its background (and inverse or underline): its colour and
        // weight are not seen, so a space erased to the end of a line equals one written.
        const blank = ch === ' ' && !cell.isInverse() && !cell.isUnderline();
        const attr = blank
          ? `bg ${cell.getBgColorMode()}:${cell.getBgColor()}`
          : `${cell.getFgColorMode()}:${cell.getFgColor()}/${cell.getBgColorMode()}:${cell.getBgColor()}/${cell.isInverse()}${cell.isBold()}${cell.isUnderline()}`;
        const piece = (attr === lastAttr ? '' : `{${attr}}`) + ch;
        lastAttr = attr;
        if (blank && cell.isBgDefault()) {
          pendingBlank += piece;
        } else {
          row += pendingBlank + piece;
          pendingBlank = '';
        }
      }
      rows.push(row);
    }
    return rows;
  }

  /** Waits until nothing new has arrived for a few polls and everything received is drawn. */
  async settled(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let seen = -1;
    let quiet = 0;
    while (quiet < 4) {
      if (Date.now() > deadline) throw new Error('The screen never settled.');
      await new Promise((r) => setTimeout(r, 15));
      if (this.pendingWrites === 0 && this.bytesReceived === seen) quiet++;
      else quiet = 0;
      seen = this.bytesReceived;
    }
  }
}
