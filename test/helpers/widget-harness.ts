import { EventEmitter } from 'node:events';
import { PassThrough, Writable } from 'node:stream';
import type { Member } from '../../src/services/accounts.js';
import type { Services } from '../../src/services/index.js';
import type { Terminal, TerminalOutput, TerminalProfile } from '../../src/terminal.js';
import { createBlessedScreen } from '../../screens/blessed-screen.js';
import type { BlessedScreen, Navigator, ScreenContext } from '../../screens/context.js';
import { createFrame, type Frame } from '../../screens/frame.js';
import { createNavigator } from '../../screens/navigator.js';
import { isUserError } from '../../src/errors.js';
import { themeFor } from '../../screens/theme.js';
import { HeadlessScreen } from './screen.js';
import { createStatusLine } from '../../screens/notice.js';
import { testServices } from './services.js';

/** A Terminal held in memory: what the screen writes goes into a headless xterm. */
class MemoryTerminal extends EventEmitter implements Terminal {
  readonly input = new PassThrough();
  readonly output: TerminalOutput;
  readonly tooSmall = false;

  constructor(
    public cols: number,
    public rows: number,
    readonly profile: TerminalProfile,
    view: HeadlessScreen,
    discard = false,
  ) {
    super();
    const out = new Writable({
      decodeStrings: false,
      write(chunk: Buffer | string, _enc, done) {
        if (!discard) view.feed(chunk);
        done();
      },
    });
    this.output = Object.assign(out, { columns: cols, rows, isTTY: true as const });
  }

  keepAlive(): void {}

  resize(cols: number, rows: number): void {
    this.cols = this.output.columns = cols;
    this.rows = this.output.rows = rows;
    this.output.emit('resize');
    this.emit('resize');
  }

  congested(): boolean {
    return false;
  }

  close(): void {
    this.input.end();
    this.emit('close');
  }
}

export interface WidgetHarness {
  ctx: ScreenContext;
  screen: BlessedScreen;
  frame: Frame;
  view: HeadlessScreen;
  services: Services;
  /** Titles of the screens on the navigation stack, bottom first. */
  stack(): string[];
  /** Sends raw bytes as the member's terminal would. */
  send(data: string): void;
  waitFor(expected: string | RegExp, timeoutMs?: number): Promise<string>;
  waitForGone(unexpected: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves once pending input has been read and the resulting repaint has been drawn. */
  settle(): Promise<void>;
  text(): string;
  resize(cols: number, rows: number): Promise<void>;
  close(): void;
}

/**
 * A real blessed screen, frame and navigation stack over an in-memory terminal and real
 * services on a `:memory:` database, so widgets and screens can be driven without ssh.
 * The navigator is the session's own (screens/navigator.ts), Ctrl-R included.
 */
export function createWidgetHarness(opts: { cols?: number; rows?: number; /** Skip the headless xterm (benchmarks). */ discardOutput?: boolean } = {}): WidgetHarness {
  const cols = opts.cols ?? 80;
  const rows = opts.rows ?? 24;
  const profile: TerminalProfile = { terminfo: 'xterm-256color', clientTerm: 'xterm-256color', colors: 256, unicode: true };
  const view = new HeadlessScreen(cols, rows);
  const terminal = new MemoryTerminal(cols, rows, profile, view, opts.discardOutput);
  const { services, db } = testServices();
  const screen = createBlessedScreen(terminal);
  const theme = themeFor(profile, false);
  const frame = createFrame(screen, theme);

  const refresh = () => {
    const top = screens.top();
    frame.setHeader(`Haven - ${top?.title ?? ''}`, '');
    frame.setHints(top?.hints ?? []);
  };
  const closeAll = () => {
    while (screens.depth()) screens.closeTop();
  };
  const notices = createStatusLine(screen, frame, () => screen.render());
  const ctx: ScreenContext = {
    screen,
    body: frame.body,
    services,
    session: {
      member: undefined as Member | undefined,
      presenceId: undefined,
      requestedName: 'tester',
      provenKey: undefined,
      terminal,
    },
    nav: undefined as unknown as Navigator,
    theme,
    status: (message, kind = 'info') => notices.status(message, kind),
    refreshFrame() {
      refresh();
      screen.render();
    },
    notify: (message, opts) => notices.notify(message, opts),
    render() {
      screen.render();
    },
    keepAlive() {},
    onSessionEnd: () => () => {},
  };
  // The session's own navigator: pages, rate budget and Ctrl-R to Resources, as members get them.
  const screens = createNavigator({
    screen,
    body: frame.body,
    contextFor: (page) => ({ ...ctx, body: page }),
    show(view) {
      refresh();
      view.focus();
      screen.render();
    },
    // A member's mistake shows as in a session; a bug fails the test instead of hiding in the status line.
    reportError(err) {
      if (!isUserError(err)) throw err;
      ctx.status(err.message, 'error');
    },
    goodbye: closeAll,
  });
  ctx.nav = screens.nav;
  // As in a session, any key clears the status line (CR is reported twice; the second is ignored).
  screen.on('keypress', (_ch: unknown, key: { name?: string; full?: string }) => {
    if (key?.name === 'return') return;
    notices.onKey(key ?? {});
  });
  screen.render();

  // Input is read, handled and painted within a few turns of the event loop (renders are put
  // off with setImmediate, xterm parses on a timer): wait for those turns, never for a time.
  const settle = async () => {
    for (let quiet = 0; quiet < 3; ) {
      await new Promise((resolve) => setImmediate(resolve));
      quiet = terminal.input.readableLength > 0 || !view.idle() ? 0 : quiet + 1;
    }
  };

  return {
    ctx,
    screen,
    frame,
    view,
    services,
    stack: () => screens.titles(),
    send: (data) => terminal.input.write(data),
    waitFor: (expected, timeoutMs) => view.waitFor(expected, timeoutMs),
    waitForGone: (unexpected, timeoutMs) => view.waitForGone(unexpected, timeoutMs),
    settle,
    text: () => view.text(),
    async resize(c, r) {
      view.resize(c, r);
      terminal.resize(c, r);
      // blessed coalesces resizes (its resizeTimeout) and takes the new size only when it re-lays out.
      const deadline = Date.now() + 20_000;
      while (screen.width !== c || screen.height !== r) {
        if (Date.now() > deadline) throw new Error(`The screen never took the size ${c}x${r}.`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      screen.render();
      await settle();
    },
    close() {
      closeAll();
      notices.dispose();
      frame.destroy();
      screen.destroy();
      terminal.close();
      db.close();
    },
  };
}
