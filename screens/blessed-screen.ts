import blessed from 'blessed';
import type { Terminal } from '../src/terminal.js';
import { codePointWidthAt } from '../src/text/width.js';
import type { BlessedScreen } from './context.js';

type TputLike = { terminal: string; options: { forceUnicode?: boolean }; readTerminfo(term: string): unknown; compile(info: unknown): unknown };
const tputPrototype = (blessed as unknown as { tput: { prototype: TputLike & { compileTerminfo(term?: string): unknown } } }).tput.prototype;
const compiled = new Map<string, unknown>();

// blessed reads, parses and compiles the terminfo file for every screen it makes: tens of
// milliseconds and hundreds of closures per log-in. The result depends only on the terminal
// name and the unicode setting, and is never mutated, so one compilation serves every session.
tputPrototype.compileTerminfo = function compileTerminfoOnce(this: TputLike, term?: string) {
  const name = term ?? this.terminal;
  const key = `${name}|${this.options.forceUnicode ? 'u' : 'a'}`;
  let info = compiled.get(key);
  if (!info) {
    info = this.compile(this.readTerminfo(name));
    compiled.set(key, info);
  }
  return info;
};

// blessed's own width table is older than emoji: it counts 😀 as one column while Haven's
// layout (and the terminal) count two, and the disagreement leaves stray characters behind
// on partial repaints. blessed is given Haven's rule, so its cells match Haven's padding.
type Unicode = { charWidth(str: string | number, i?: number): number; chars: { all: unknown } };
const unicode = (blessed as unknown as { unicode: Unicode }).unicode;
const blessedCharWidth = unicode.charWidth;
unicode.charWidth = function havenCharWidth(str: string | number, i = 0): number {
  if (typeof str === 'number') return str === 0x09 || str < 0x20 ? blessedCharWidth(str) : codePointWidthAt(String.fromCodePoint(str), 0);
  const cp = str.codePointAt(i);
  if (cp === undefined) return 0;
  // Tabs and controls keep blessed's handling (a tab's width is the screen's tab size).
  if (cp === 0x09 || cp < 0x20) return blessedCharWidth(str, i);
  return codePointWidthAt(str, i);
};
// blessed finds the wide characters to give a spacer cell (or, without unicode, '??') with
// the regex chars.all; a replacer with the same rule takes its place.
unicode.chars.all = {
  [Symbol.replace](text: string, replacement: string): string {
    let out = '';
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      out += cp > 0x7e && codePointWidthAt(text, i) === 2 ? replacement.replace('$1', ch) : ch;
      i += ch.length;
    }
    return out;
  },
};

/** Builds the blessed screen for one Terminal, with the settings every session needs. */
export function createBlessedScreen(terminal: Terminal): BlessedScreen {
  const { profile } = terminal;
  const screen = blessed.screen({
    input: terminal.input,
    output: terminal.output,
    terminal: profile.terminfo,
    // Unicode is decided from the client's terminal, never from the server's LANG (hazard 9).
    fullUnicode: profile.unicode,
    forceUnicode: profile.unicode,
    smartCSR: true,
    // Coalesces a burst of window-changes into one re-layout (hazard 3).
    resizeTimeout: 150,
    warnings: false,
    // Children of a bordered box sit inside its border.
    autoPadding: true,
    dockBorders: true,
    // Ctrl-R (Resources) and Ctrl-L (repaint) must reach us even while a text field holds the keyboard.
    ignoreLocked: ['C-r', 'C-l'],
  } as unknown as blessed.Widgets.IScreenOptions);
  // Per session, not per process: a server started inside tmux must not wrap every session's output.
  (screen.program as unknown as { tmux: boolean }).tmux = false;
  return screen;
}

type Cell = [number, string];
type Rows = Array<Cell[] & { dirty?: boolean }>;
/** Where an element was last drawn, in screen cells (blessed's `lpos`). */
export interface DrawnArea {
  xi: number;
  xl: number;
  yi: number;
  yl: number;
}

/** Where `el` was last drawn, if it has been. */
export function drawnArea(el: blessed.Widgets.BlessedElement): DrawnArea | undefined {
  const lpos = (el as unknown as { lpos?: DrawnArea }).lpos;
  return lpos ? { xi: lpos.xi, xl: lpos.xl, yi: lpos.yi, yl: lpos.yl } : undefined;
}

/**
 * Makes the next paint send every cell of `area` again, whatever blessed believes the
 * terminal shows there. An overlay that goes away (a question) is thereby replaced by what
 * it covered even where blessed's record of the terminal and the terminal disagree.
 */
export function repaintArea(screen: BlessedScreen, area: DrawnArea): void {
  const { lines, olines } = screen as unknown as { lines: Rows; olines: Rows };
  for (let y = Math.max(0, area.yi); y < area.yl && y < olines.length; y++) {
    const old = olines[y]!;
    for (let x = Math.max(0, area.xi); x < area.xl && x < old.length; x++) old[x] = [-1, '\u0000'];
    if (lines[y]) lines[y]!.dirty = true;
  }
}
