import blessed from 'blessed';
import type { BlessedScreen, Box, Navigator, ScreenContext, ScreenFactory, ScreenView } from './context.js';
import { resourcesScreen } from './resources.js';

const MAX_SCREEN_CHANGES_PER_SECOND = 20;

/** What a session needs from its stack of screens beyond what screens themselves may do. */
export interface ScreenStack {
  /** The Navigator screens receive in their context. */
  readonly nav: Navigator;
  /** The screen on top, the one the member sees. */
  top(): ScreenView | undefined;
  /** Titles of the screens, bottom first. */
  titles(): string[];
  /** How many screens are open. */
  depth(): number;
  /** Disposes the top screen and its page; `revealBelow` shows the page under it again. */
  closeTop(revealBelow?: boolean): void;
  /** How to build every open screen again as it is now, bottom first; undefined if one cannot be. */
  resumable(): ScreenFactory[] | undefined;
}

export interface NavigatorOptions {
  screen: BlessedScreen;
  /** Where each screen's page is made (the frame's body). */
  body: Box;
  /** The context a screen is built with, on its own page. */
  contextFor(page: Box): ScreenContext;
  /** A screen has come to the top: update the frame, give it focus, paint. */
  show(view: ScreenView): void;
  /** Building a screen failed: tell the member (the screen below stays). */
  reportError(err: unknown): void;
  /** The member logs off (with a farewell of the screen's own, if given). */
  goodbye(farewell?: string): void;
  now?: () => number;
}

/**
 * The stack of screens of one session: push, pop and replace, one page per screen, a budget
 * of screen changes per second, and Ctrl-R opening Resources from anywhere.
 */
export function createNavigator(opts: NavigatorOptions): ScreenStack {
  const { screen } = opts;
  const now = opts.now ?? Date.now;
  const stack: ScreenView[] = [];

  // Each screen builds on its own page; a covered page is hidden, so it is neither painted
  // under the screen above it (each repaint would pay for every screen in the stack) nor
  // seen through where the screen above leaves a row free.
  const pages: Box[] = [];
  const open = (factory: ScreenFactory): { view: ScreenView; page: Box } | undefined => {
    const page = blessed.box({ parent: opts.body, top: 0, left: 0, width: '100%', height: '100%' });
    try {
      return { view: factory(opts.contextFor(page)), page };
    } catch (err) {
      page.destroy();
      opts.reportError(err);
      return undefined;
    }
  };
  const closeTop = (revealBelow = true) => {
    const view = stack.pop();
    const page = pages.pop();
    if (revealBelow) pages[pages.length - 1]?.show();
    try {
      view?.dispose();
    } finally {
      page?.destroy();
    }
  };

  // Building a screen costs real CPU; no person opens more than a few a second, so a client
  // replaying hotkeys by the thousand is slowed here instead of stalling everyone. A change
  // past the budget is not lost: the latest one waits for the next second (a quick typist or
  // a test can go that fast), and any earlier waiting one is dropped.
  const navBudget = { windowStart: 0, count: 0 };
  let waiting: { run(): void; timer: NodeJS.Timeout } | undefined;
  const withinBudget = (change: () => void) => {
    const t = now();
    if (t - navBudget.windowStart > 1000) {
      navBudget.windowStart = t;
      navBudget.count = 0;
    }
    if (++navBudget.count <= MAX_SCREEN_CHANGES_PER_SECOND) return change();
    if (waiting) clearTimeout(waiting.timer);
    const run = () => {
      waiting = undefined;
      if (!destroyed) withinBudget(change);
    };
    const timer = setTimeout(run, Math.max(1, navBudget.windowStart + 1001 - t));
    // A change a member is waiting for never keeps a stopping server alive.
    timer.unref();
    waiting = { run, timer };
  };
  let destroyed = false;
  screen.once('destroy', () => {
    destroyed = true;
    if (waiting) clearTimeout(waiting.timer);
  });

  /** Builds the new screen first: refused or failed, the member stays where they were. */
  const enter = (factory: ScreenFactory, replacing: boolean) =>
    withinBudget(() => {
      const opened = open(factory);
      if (!opened) return;
      if (replacing) closeTop(false);
      else pages[pages.length - 1]?.hide();
      stack.push(opened.view);
      pages.push(opened.page);
      opts.show(opened.view);
    });

  const nav: Navigator = {
    push: (factory) => enter(factory, false),
    pop() {
      withinBudget(() => {
        if (stack.length <= 1) return;
        closeTop(true);
        const top = stack[stack.length - 1];
        if (top) opts.show(top);
      });
    },
    replace: (factory) => enter(factory, true),
    goodbye: (farewell) => opts.goodbye(farewell),
  };

  screen.key('C-r', () => {
    if (stack[stack.length - 1]?.title === 'Help now') return;
    nav.push(resourcesScreen);
  });

  return {
    nav,
    top: () => stack[stack.length - 1],
    titles: () => stack.map((v) => v.title),
    depth: () => stack.length,
    closeTop,
    resumable() {
      const factories: ScreenFactory[] = [];
      for (const view of stack) {
        const factory = view.resume?.();
        if (!factory) return undefined;
        factories.push(factory);
      }
      return factories.length ? factories : undefined;
    },
  };
}
