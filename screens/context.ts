import type blessed from 'blessed';
import type { Member, PublicKey } from '../src/services/accounts.js';
import type { Services } from '../src/services/index.js';
import type { Terminal } from '../src/terminal.js';
import type { Theme } from './theme.js';
import type { NoticeOptions } from './notice.js';

export type BlessedScreen = blessed.Widgets.Screen;
export type Box = blessed.Widgets.BoxElement;

/** A key hint in the footer: `key` is shown in brackets, e.g. { key: 'B', label: 'oards' }. */
export interface Hint {
  key: string;
  label: string;
}

/** What one visible screen gives back to the navigator. */
export interface ScreenView {
  title: string;
  /** Where the member is, as others see it in Who's online. */
  place?: string;
  hints: Hint[];
  /** Gives keyboard focus back to the screen (after an overlay closes). */
  focus(): void;
  /** Removes every widget and listener the screen created. */
  dispose(): void;
  /**
   * A screen with nothing live on it (nothing that changes while the member watches) offers
   * how to build it again as it is now, selection and all, so that a session left idle can
   * give up its blessed screen and come back exactly as it was. Without it, or while it
   * answers undefined (a question open over it), never.
   */
  resume?(): ScreenFactory | undefined;
}

export type ScreenFactory = (ctx: ScreenContext) => ScreenView;

export interface Navigator {
  push(factory: ScreenFactory): void;
  /** Back to the previous screen; from the main menu, nothing. */
  pop(): void;
  replace(factory: ScreenFactory): void;
  /** Logs off cleanly, with a farewell line of the screen's own if given. */
  goodbye(farewell?: string): void;
}

/** The session as screens see it. */
export interface SessionState {
  member: Member | undefined;
  presenceId: number | undefined;
  requestedName: string;
  provenKey: PublicKey | undefined;
  terminal: Terminal;
}

/** Everything a screen needs; screens call services, never SQL, and never touch the wire. */
export interface ScreenContext {
  screen: BlessedScreen;
  /** The area between header and status line; screens put their widgets here. */
  body: Box;
  services: Services;
  session: SessionState;
  nav: Navigator;
  theme: Theme;
  /** Shows a message in the status line, wrapped whole over as many lines as it needs (cleared on the next key). */
  status(message: string, kind?: 'info' | 'error'): void;
  /** Re-draws header and footer (after a title or count changed). */
  refreshFrame(): void;
  /**
   * A notice in the status line (wrapped whole, like a message) that outlasts keystrokes (a page, new mail), with
   * an optional key that acts on it; returns a function that withdraws it.
   */
  notify(message: string, opts?: NoticeOptions): () => void;
  /** Paints now, or once the client has caught up if it is not reading (hazard 5). */
  render(): void;
  /** Counts as activity for the idle timeout, as a keystroke does (a member following a meeting). */
  keepAlive(): void;
  /**
   * Runs `hook` when the session ends, however it ends (log-off, a dropped connection, the
   * idle timeout, the server stopping), before any screen is disposed. An editor keeps its
   * draft this way, and returns true when it kept one. Returns the function that removes it.
   */
  onSessionEnd(hook: () => boolean): () => void;
}
