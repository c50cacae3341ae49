import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { openDatabase } from '../../db/open.js';
import { buildServices } from '../../src/app.js';
import { createLogger } from '../../src/log.js';
import { PasswordHasher } from '../../src/services/password-hasher.js';
import type { Member } from '../../src/services/accounts.js';
import type { Services } from '../../src/services/index.js';
import { Texts } from '../../src/services/texts.js';
import type { Terminal, TerminalOutput, TerminalProfile } from '../../src/terminal.js';
import { createBlessedScreen } from '../../screens/blessed-screen.js';
import type { BlessedScreen, Navigator, ScreenContext, ScreenFactory, ScreenView } from '../../screens/context.js';
import { createFrame, type Frame } from '../../screens/frame.js';
import { resourcesScreen } from '../../screens/resources.js';
import { themeFor } from '../../screens/theme.js';
import { HeadlessScreen } from './screen.js';
import { createStatusLine } from '../../screens/notice.js';

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
 * Ctrl-R opens Resources, as in a session.
 */
export function createWidgetHarness(opts: { cols?: number; rows?: number; /** Skip the headless xterm (benchmarks). */ discardOutput?: boolean } = {}): WidgetHarness {
  const cols = opts.cols ?? 80;
  const rows = opts.rows ?? 24;
  const profile: TerminalProfile = { terminfo: 'xterm-256color', clientTerm: 'xterm-256color', colors: 256, unicode: true };
  const view = new HeadlessScreen(cols, rows);
  const terminal = new MemoryTerminal(cols, rows, profile, view, opts.discardOutput);
  const dataDir = mkdtempSync(join(tmpdir(), 'haven-widget-'));
  const db = openDatabase(':memory:');
  const services = buildServices(db, new Texts(dataDir), {
    log: createLogger('silent'),
    bbsName: 'Haven',
    hasher: new PasswordHasher(),
  });
  const screen = createBlessedScreen(terminal);
  const theme = themeFor(profile, false);
  const frame = createFrame(screen, theme);

  const stack: ScreenView[] = [];
  const refresh = () => {
    const top = stack[stack.length - 1];
    frame.setHeader(`Haven - ${top?.title ?? ''}`, '');
    frame.setHints(top?.hints ?? []);
  };
  const show = (v: ScreenView | undefined) => {
    if (!v) return;
    refresh();
    v.focus();
    screen.render();
  };
  const nav: Navigator = {
    push(factory: ScreenFactory) {
      const v = factory(ctx);
      stack.push(v);
      show(v);
    },
    pop() {
      if (stack.length === 0) return;
      stack.pop()!.dispose();
      show(stack[stack.length - 1]);
      if (stack.length === 0) screen.render();
    },
    replace(factory: ScreenFactory) {
      stack.pop()?.dispose();
      nav.push(factory);
    },
    goodbye() {
      while (stack.length) stack.pop()!.dispose();
    },
  };
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
    nav,
    theme,
    status(message, kind = 'info') {
      frame.setStatus(message, kind);
      screen.render();
    },
    refreshFrame() {
      refresh();
      screen.render();
    },
    notify(message, opts) {
      return notices.notify(message, opts);
    },
    render() {
      screen.render();
    },
    keepAlive() {},
  };
  const notices = createStatusLine(screen, frame, () => screen.render());
  // As in a session: Ctrl-R reaches Resources from anywhere, and any key clears the status line.
  screen.key('C-r', () => {
    if (stack[stack.length - 1]?.title === 'Help now') return;
    nav.push(resourcesScreen);
  });
  screen.on('keypress', (_ch: unknown, key: { name?: string }) => {
    if (key?.name === 'return') return;
    if (frame.status.getContent()) frame.setStatus('', 'info');
  });
  screen.render();

  const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 20));

  return {
    ctx,
    screen,
    frame,
    view,
    services,
    stack: () => stack.map((v) => v.title),
    send: (data) => terminal.input.write(data),
    waitFor: (expected, timeoutMs) => view.waitFor(expected, timeoutMs),
    waitForGone: (unexpected, timeoutMs) => view.waitForGone(unexpected, timeoutMs),
    async settle() {
      await settle();
      await view.waitFor(/[\s\S]*/);
    },
    text: () => view.text(),
    async resize(c, r) {
      view.resize(c, r);
      terminal.resize(c, r);
      // blessed coalesces resizes (resizeTimeout 150 ms) before it re-lays out.
      await new Promise((resolve) => setTimeout(resolve, 250));
      screen.render();
      await settle();
    },
    close() {
      while (stack.length) stack.pop()!.dispose();
      frame.destroy();
      screen.destroy();
      terminal.close();
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
