import type { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';

/** What a screen may assume about the terminal at the other end. */
export interface TerminalProfile {
  /** The terminfo name blessed is given: only names it ships or every system has. */
  terminfo: 'xterm-256color' | 'xterm' | 'linux';
  /** What the client called itself, after validation (for display only). */
  clientTerm: string;
  colors: 0 | 8 | 256;
  unicode: boolean;
}

/** An output stream shaped the way blessed expects a TTY to be. */
export type TerminalOutput = Writable & { columns: number; rows: number; isTTY: true };

/**
 * A Terminal: a size, a profile, bounded input and watched output, over an SSH channel or
 * the local TTY. It is the only thing screens know about the wire.
 *
 * Events: 'resize' (after rows/cols changed), 'input-dropped' (characters cut so far in the
 * current burst of input, a running total), 'idle-warning' (the session will close for
 * inactivity at the given epoch ms unless a key comes), 'idle-resumed' (activity after a
 * warning: the session stays), 'close' (the other end is gone).
 */
export interface Terminal extends EventEmitter {
  /** Size the screen is laid out at: the client's size clamped to what layout can handle. */
  readonly rows: number;
  readonly cols: number;
  /** True when the client's real window is below the smallest layout size. */
  readonly tooSmall: boolean;
  readonly profile: TerminalProfile;
  readonly input: Readable;
  readonly output: TerminalOutput;
  /** True while the client is not reading fast enough: skip repaints until 'drain'. */
  congested(): boolean;
  /** The connection looked slow from its first moments (its key exchange took long): a light look suits it. */
  readonly slowLink?: boolean;
  /** Counts as activity for the idle timeout, as a keystroke does (e.g. a member following a meeting). */
  keepAlive(): void;
  /** Ends the connection, after writing a last plain-text line if given. */
  close(farewell?: string): void;
}

export const LAYOUT_LIMITS = { minCols: 20, maxCols: 300, minRows: 5, maxRows: 120 } as const;

/** Clamps a client-reported size to what screens can lay out safely (hazards 2 and 3). */
export function clampSize(cols: number, rows: number): { cols: number; rows: number; tooSmall: boolean } {
  const c = Number.isFinite(cols) && cols > 0 ? Math.floor(cols) : 80;
  const r = Number.isFinite(rows) && rows > 0 ? Math.floor(rows) : 24;
  return {
    cols: Math.min(LAYOUT_LIMITS.maxCols, Math.max(LAYOUT_LIMITS.minCols, c)),
    rows: Math.min(LAYOUT_LIMITS.maxRows, Math.max(LAYOUT_LIMITS.minRows, r)),
    tooSmall: c < LAYOUT_LIMITS.minCols || r < LAYOUT_LIMITS.minRows,
  };
}

/** A terminal's size as screens see it, which a resize changes. */
interface Resizable extends EventEmitter {
  cols: number;
  rows: number;
  tooSmall: boolean;
  readonly output: TerminalOutput;
}

/**
 * Takes a new window size into a terminal and its output, clamped; when what screens see
 * changed, tells blessed (the output's 'resize', it re-lays out) and then the session.
 */
export function applyResize(term: Resizable, cols: number, rows: number): void {
  const clamped = clampSize(cols, rows);
  const changed = clamped.cols !== term.cols || clamped.rows !== term.rows || clamped.tooSmall !== term.tooSmall;
  term.cols = term.output.columns = clamped.cols;
  term.rows = term.output.rows = clamped.rows;
  term.tooSmall = clamped.tooSmall;
  if (changed) {
    term.output.emit('resize');
    term.emit('resize');
  }
}
