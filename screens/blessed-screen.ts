import blessed from 'blessed';
import { installCompactDraw } from './compact-draw.js';
import type { Terminal } from '../src/terminal.js';
import { eachGrapheme } from '../src/text/graphemes.js';
import { CUT_MARK, codePointWidthAt, graphemeWidth, isAmbiguousCluster, widestDrawing } from '../src/text/width.js';
import {
  beforeEachDraw,
  blessedUnicode as unicode,
  cellBuffers,
  checkScreenShapes,
  elementPrototype as elementProto,
  lastDrawnArea,
  noTmuxWrapping,
  screenOptions,
  tputPrototype,
  type DrawnArea,
  type Layout,
  type TputInternals,
} from './blessed-internals.js';
import type { BlessedScreen } from './context.js';
import { shareTerminalCapabilities } from './shared-terminal.js';

export type { DrawnArea } from './blessed-internals.js';
const compiled = new Map<string, unknown>();

// blessed reads, parses and compiles the terminfo file for every screen it makes: tens of
// milliseconds and hundreds of closures per log-in. The result depends only on the terminal
// name and the unicode setting, and is never mutated, so one compilation serves every session.
tputPrototype.compileTerminfo = function compileTerminfoOnce(this: TputInternals, term?: string) {
  const name = term ?? this.terminal;
  const key = `${name}|${this.options.forceUnicode ? 'u' : 'a'}`;
  let info = compiled.get(key);
  if (!info) {
    info = this.compile(this.readTerminfo(name));
    compiled.set(key, info);
  }
  return info;
};

shareTerminalCapabilities();

// blessed's own width table is older than emoji: it counts 😀 as one column while Haven's
// layout (and the terminal) count two, and the disagreement leaves stray characters behind
// on partial repaints. blessed is given Haven's rule, so its cells match Haven's padding.
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
// the regex chars.all; a replacer with the same rule takes its place. It works by grapheme, so
// the spacer follows a whole cluster (a ZWJ family, a flag, a toned hand), never its first
// code point: a spacer inside a cluster was drawn as a raw 0x03 byte.
unicode.chars.all = {
  [Symbol.replace](text: string, replacement: string): string {
    if (PLAIN.test(text)) return text;
    let out = '';
    for (const g of eachGrapheme(text)) out += g.charCodeAt(0) > 0x7e && graphemeWidth(g) === 2 ? replacement.replace('$1', g) : g;
    // Haven's cuts (see CUT_MARK): without Unicode (blessed asks for '??' then), the mark and
    // the two columns before it become `...`, the same width, where '…' would show as '?'.
    return replacement.includes('$1') ? out.replace(CUT_MARKS, '…') : out.replace(CUT_WITH_ROOM, (_m, before: string) => '.'.repeat(before.length + 1));
  },
};
const CUT_MARKS = new RegExp(CUT_MARK, 'g');
const CUT_WITH_ROOM = new RegExp(`([^\\n]{0,2})${CUT_MARK}`, 'g');
const PLAIN = /^[\x00-\x7e]*$/;

// blessed draws one code point per cell, except for code points in its table of combining
// marks, which join the cell before. Anything Haven's width rule gives no column (a joiner,
// what a joiner joins, a flag's second letter, a skin tone, a mark) is reported to it as a
// combining mark, so a cluster fills exactly the cells it is measured at.
const BMP_MARK = 0x0300;
const ASTRAL_MARK = 0xe0100;
const blessedCodePointAt = unicode.codePointAt;
unicode.codePointAt = function havenCodePointAt(str: string, i: number): number {
  const cp = blessedCodePointAt(str, i);
  // blessed also asks about positions outside the string (-1 when wrapping), getting NaN.
  if (!(cp >= 0x300) || !(i > 0) || codePointWidthAt(str, i) !== 0) return cp;
  return cp > 0xffff ? ASTRAL_MARK : BMP_MARK;
};

// blessed lays out (cuts, wraps, aligns) counting one column per UTF-16 code unit, fixing up
// only lone surrogate pairs when wrapping. A row measured right by Haven but holding a ZWJ
// family was cut seven columns short, losing its last column. Each cluster of more than one
// code unit is stood in for by one placeholder while blessed lays out, then put back.
const blessedWrapContent = elementProto._wrapContent;
// blessed has removed every C0 control but newline, tab, ESC and its own spacer (0x03) by now.
const PLACEHOLDER = '\x01';
elementProto._wrapContent = function havenWrapContent(content: string, width: number): Layout {
  if (!content || PLAIN.test(content)) return blessedWrapContent.call(this, content, width);
  const lines = content.split('\n');
  const held: string[][] = [];
  const stand = lines.map((line, no) => {
    const q: string[] = (held[no] = []);
    let out = '';
    for (const g of eachGrapheme(line)) {
      if (g.length > 1) {
        q.push(g);
        out += PLACEHOLDER;
      } else out += g;
    }
    return out;
  });
  const layout = blessedWrapContent.call(this, stand.join('\n'), width);
  for (let k = 0; k < layout.length; k++) {
    const q = held[layout.rtof[k]!];
    if (q) layout[k] = layout[k]!.replace(/\x01/g, () => q.shift() ?? '');
  }
  layout.fake = lines;
  return layout;
};

/** Builds the blessed screen for one Terminal, with the settings every session needs. */
export function createBlessedScreen(terminal: Terminal): BlessedScreen {
  const { profile } = terminal;
  const screen = blessed.screen(screenOptions({
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
  }));
  checkScreenShapes(screen);
  // Per session, not per process: a server started inside tmux must not wrap every session's output.
  noTmuxWrapping(screen);
  installCompactDraw(screen);
  if (profile.unicode) placeAfterClusters(screen);
  return screen;
}

/**
 * Terminals disagree on how many columns a cluster takes: one draws a ZWJ family as one
 * picture in two columns, another as three emoji in six. Whatever the terminal did, the cell
 * after such a cluster is reached by an absolute cursor move, carried in the cluster's own
 * cell (blessed writes a cell's text as it is), so the rest of the row keeps its columns.
 */
function placeAfterClusters(screen: BlessedScreen): void {
  beforeEachDraw(screen, function placeClusters(start, end) {
    const { lines, olines } = cellBuffers(screen);
    for (let y = start; y <= end; y++) {
      const line = lines[y];
      if (!line?.dirty) continue;
      for (let x = 0; x < line.length - 2; x++) {
        const ch = line[x]![1];
        if (!isAmbiguousCluster(ch)) continue;
        const width = Math.max(1, graphemeWidth(ch));
        // 1-based: the column after the cells the cluster is measured at.
        line[x]![1] = `${ch}\x1b[${y + 1};${x + 1 + width}H`;
        // Drawn again, the cluster may spill over the cells after it on a terminal that draws
        // each of its pictures: those cells are sent again too, even where unchanged.
        const old = olines[y];
        if (old?.[x]?.[1] === line[x]![1]) continue;
        const spill = Math.min(line.length, x + width + widestDrawing(ch) - width);
        for (let k = x + width; old && k < spill; k++) old[k] = [-1, '\u0000'];
      }
    }
  });
}

/** Where `el` was last drawn, if it has been. */
export function drawnArea(el: blessed.Widgets.BlessedElement): DrawnArea | undefined {
  const lpos = lastDrawnArea(el);
  return lpos ? { xi: lpos.xi, xl: lpos.xl, yi: lpos.yi, yl: lpos.yl } : undefined;
}

/**
 * Makes the next paint send every cell of `area` again, whatever blessed believes the
 * terminal shows there. An overlay that goes away (a question) is thereby replaced by what
 * it covered even where blessed's record of the terminal and the terminal disagree.
 */
export function repaintArea(screen: BlessedScreen, area: DrawnArea): void {
  const { lines, olines } = cellBuffers(screen);
  for (let y = Math.max(0, area.yi); y < area.yl && y < olines.length; y++) {
    const old = olines[y]!;
    for (let x = Math.max(0, area.xi); x < area.xl && x < old.length; x++) old[x] = [-1, '\u0000'];
    if (lines[y]) lines[y]!.dirty = true;
  }
}
