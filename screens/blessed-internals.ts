import blessed from 'blessed';
import { checkShapes, installedVersion, type ShapeRule } from '../src/shape-check.js';
import type { BlessedScreen, Box } from './context.js';

/**
 * Every use of blessed's undocumented internals goes through this module: its buffers of
 * cells, its raw writer, its prototypes Haven patches, the fields @types/blessed leaves out.
 * What it relies on is checked when it loads (the library) and on the first screen (a
 * screen, an element, a list), and a difference throws naming the blessed version.
 */
export const BLESSED_VERSION = installedVersion('blessed');

/** What must hold of the blessed module itself, before any screen exists. */
export const BLESSED_MODULE_SHAPES: readonly ShapeRule[] = [
  ['tput.prototype.compileTerminfo', 'function'],
  ['tput.prototype.readTerminfo', 'function'],
  ['tput.prototype.compile', 'function'],
  ['unicode.charWidth', 'function'],
  ['unicode.codePointAt', 'function'],
  // A RegExp in blessed, Haven's replacer once patched: both objects.
  ['unicode.chars.all', 'object'],
  ['widget.Element.prototype._wrapContent', 'function'],
  ['widget.Element.prototype._getCoords', 'function'],
  ['widget.Element.prototype.sattr', 'function'],
  ['widget.Element.prototype.render', 'function'],
  ['widget.Screen.prototype.draw', 'function'],
  ['widget.Screen.prototype.codeAttr', 'function'],
  ['widget.Screen.prototype.alloc', 'function'],
  ['program.prototype._write', 'function'],
  ['program.prototype.setupTput', 'function'],
  ['program.prototype.cup', 'function'],
  ['program.prototype.showCursor', 'function'],
];

/** What must hold of a screen once made (its buffers exist after the first alloc). */
export const BLESSED_SCREEN_SHAPES: readonly ShapeRule[] = [
  ['lines', 'array'],
  ['olines', 'array'],
  ['dattr', 'number'],
  ['width', 'number'],
  ['height', 'number'],
  ['tput.sc', 'function'],
  ['tput.rc', 'function'],
  ['tput.csr', 'function'],
  ['tput.strings', 'object'],
  ['tput.colors', 'number'],
  ['program.x', 'number'],
  ['program.y', 'number'],
  ['program.cursorHidden', 'boolean'],
  ['program.tmux', 'boolean'],
  ['program.input', 'object'],
  ['program._write', 'function'],
];

/** What must hold of an element and a list on a screen. */
export const BLESSED_ELEMENT_SHAPES: readonly ShapeRule[] = [
  ['iwidth', 'number'],
  ['iheight', 'number'],
  ['itop', 'number'],
  ['ileft', 'number'],
  ['visible', 'boolean'],
  ['style', 'object'],
];
export const BLESSED_LIST_SHAPES: readonly ShapeRule[] = [
  ['selected', 'number'],
  ['items', 'array'],
];

checkShapes('blessed', BLESSED_VERSION, 'the blessed module', blessed, BLESSED_MODULE_SHAPES);

let screenChecked = false;
/**
 * Checks the first screen made in this process, with a probe box and list on it (removed
 * again), so a difference shows on the first log-in or the first test, and never later.
 */
export function checkScreenShapes(screen: BlessedScreen): void {
  if (screenChecked) return;
  checkShapes('blessed', BLESSED_VERSION, 'a screen', screen, BLESSED_SCREEN_SHAPES);
  const box = blessed.box({ parent: screen, top: 0, left: 0, width: 1, height: 1 });
  const list = blessed.list({ parent: screen, top: 0, left: 0, width: 1, height: 1, items: [] });
  try {
    checkShapes('blessed', BLESSED_VERSION, 'an element', box, BLESSED_ELEMENT_SHAPES);
    checkShapes('blessed', BLESSED_VERSION, 'a list', list, BLESSED_LIST_SHAPES);
  } finally {
    box.destroy();
    list.destroy();
  }
  screenChecked = true;
}

// ---- The library's prototypes, which Haven patches once per process (see blessed-screen.ts).

export interface TputInternals {
  terminal: string;
  options: { forceUnicode?: boolean };
  readTerminfo(term: string): unknown;
  compile(info: unknown): unknown;
  compileTerminfo(term?: string): unknown;
}
export interface UnicodeInternals {
  charWidth(str: string | number, i?: number): number;
  codePointAt(str: string, i: number): number;
  chars: { all: unknown };
}
/** blessed's laid-out content: one string per row, each row's source line, the source lines. */
export type Layout = string[] & { rtof: number[]; fake: string[] };
export interface ElementInternals {
  _wrapContent(this: unknown, content: string, width: number): Layout;
}

/** A Program as its tput set-up sees it (blessed's program.js, setupTput). */
export interface ProgramInternals {
  options: { padding?: unknown; extended?: unknown; printf?: unknown; termcap?: unknown; forceUnicode?: boolean };
  terminal: string;
  _tputSetup?: boolean;
  tput: SharedTput;
  put: unknown;
  _write(text: string): unknown;
  emit(event: string, ...args: unknown[]): boolean;
  setupTput(): void;
}
/** A compiled terminal: capability methods and values by name, and the padding writer. */
export type SharedTput = Record<string, unknown> & {
  error: Error | null;
  padding: unknown;
  _print(code: string, write: (text: string) => unknown): unknown;
};
type TputConstructor = new (options: Record<string, unknown>) => SharedTput;

const lib = blessed as unknown as {
  tput: TputConstructor & { prototype: TputInternals };
  program: { prototype: ProgramInternals };
  unicode: UnicodeInternals;
  widget: { Element: { prototype: ElementInternals } };
};
export const tputPrototype: TputInternals = lib.tput.prototype;
export const Tput: TputConstructor = lib.tput;
export const programPrototype: ProgramInternals = lib.program.prototype;
export const blessedUnicode: UnicodeInternals = lib.unicode;
export const elementPrototype: ElementInternals = lib.widget.Element.prototype;

// ---- A screen's internals.

/**
 * @types/blessed types a screen's `input` as a writable stream; blessed reads it. The
 * options go to blessed as they are.
 */
export function screenOptions(options: Record<string, unknown> & { input: NodeJS.ReadableStream; output: NodeJS.WritableStream }): blessed.Widgets.IScreenOptions {
  return options as unknown as blessed.Widgets.IScreenOptions;
}

/** One cell of blessed's buffers: attribute code and text. */
export type Cell = [number, string];
/** A row of cells; `dirty` tells blessed's draw to compare it with what the terminal shows. */
export type CellRow = Cell[] & { dirty?: boolean };

interface ScreenInternals {
  lines: CellRow[];
  olines: CellRow[];
  dattr: number;
  width: number;
  height: number;
  destroyed?: boolean;
  fullUnicode?: boolean;
  codeAttr(a: number): string;
  draw(start: number, end: number): void;
  tput: { strings: Record<string, unknown>; colors: number; sc(): string; rc(): string; csr(top: number, bottom: number): string };
  program: {
    x: number;
    y: number;
    cursorHidden: boolean;
    tmux: boolean;
    input: NodeJS.ReadableStream;
    _write(text: string): void;
  };
}
const inside = (screen: BlessedScreen) => screen as unknown as ScreenInternals;

/**
 * blessed's two buffers: `lines`, what the next draw should show, and `olines`, what it
 * believes the terminal shows. Both are replaced on a resize: fetch them again each time.
 */
export function cellBuffers(screen: BlessedScreen): { lines: CellRow[]; olines: CellRow[] } {
  const s = inside(screen);
  return { lines: s.lines, olines: s.olines };
}

/** The screen's size in cells, as blessed's buffers have it. */
export function screenCells(screen: BlessedScreen): { width: number; height: number } {
  const s = inside(screen);
  return { width: s.width, height: s.height };
}

/** Writes escape text straight to the terminal, past blessed's buffers. */
export function rawWrite(screen: BlessedScreen, text: string): void {
  inside(screen).program._write(text);
}

/** The terminal's default attribute and blessed's escape text for any attribute code. */
export function attrCodes(screen: BlessedScreen): { dattr: number; codeAttr(a: number): string } {
  const s = inside(screen);
  return { dattr: s.dattr, codeAttr: (a) => s.codeAttr(a) };
}

/** The terminfo capabilities the chat log's fast path writes with. */
export function terminalCodes(screen: BlessedScreen): {
  colors: number;
  canScrollBy: boolean;
  saveCursor(): string;
  restoreCursor(): string;
  scrollRegion(top: number, bottom: number): string;
} {
  const { tput } = inside(screen);
  return {
    colors: tput.colors,
    canScrollBy: Boolean(tput.strings.parm_index),
    saveCursor: () => tput.sc(),
    restoreCursor: () => tput.rc(),
    scrollRegion: (top, bottom) => tput.csr(top, bottom),
  };
}

export function isFullUnicode(screen: BlessedScreen): boolean {
  return Boolean(inside(screen).fullUnicode);
}

/** How many blessed screens exist in this process (each session awake has one). */
export function screensInProcess(): number {
  return (blessed as unknown as { widget: { Screen: { total: number } } }).widget.Screen.total;
}

export function isDestroyed(screen: BlessedScreen): boolean {
  return Boolean(inside(screen).destroyed);
}

/**
 * Nothing this screen's program writes reaches the terminal from now on: its destruction
 * (which would leave the alternate screen, clear it and show the cursor) happens unseen.
 */
export function silence(screen: BlessedScreen): void {
  const program = inside(screen).program as unknown as { _buf: string; _owrite(text: string): unknown };
  program._buf = '';
  program._owrite = () => true;
}

/** Stops blessed wrapping this screen's output for tmux (it decides from the server's environment). */
export function noTmuxWrapping(screen: BlessedScreen): void {
  inside(screen).program.tmux = false;
}

/** Where blessed believes the terminal's cursor is, and whether it is hidden. */
export function cursorState(screen: BlessedScreen): { x: number; y: number; hidden: boolean } {
  const { program } = inside(screen);
  return { x: program.x, y: program.y, hidden: program.cursorHidden };
}

/** The terminal's input stream, as blessed reads it. */
export function rawInput(screen: BlessedScreen): NodeJS.ReadableStream {
  return inside(screen).program.input;
}

/** Runs `before` on every draw of this screen, before blessed compares and writes the rows. */
export function beforeEachDraw(screen: BlessedScreen, before: (start: number, end: number) => void): void {
  const s = inside(screen);
  const draw = s.draw;
  s.draw = function drawAfter(this: unknown, start: number, end: number) {
    before(start, end);
    return draw.call(this, start, end);
  };
}

// ---- An element's internals.

/** Where an element was last drawn, in screen cells (blessed's `lpos`). */
export interface DrawnArea {
  xi: number;
  xl: number;
  yi: number;
  yl: number;
}
interface ElementState {
  lpos?: DrawnArea;
  detached?: boolean;
  visible: boolean;
  iwidth: number;
  iheight: number;
  itop: number;
  ileft: number;
  _getCoords(get: boolean): DrawnArea | undefined;
  sattr(style: unknown): number;
  render(): DrawnArea | undefined;
}
const state = (el: blessed.Widgets.BlessedElement) => el as unknown as ElementState;

/** Where `el` was last drawn (blessed's own object: the same one until it is drawn again). */
export function lastDrawnArea(el: blessed.Widgets.BlessedElement): DrawnArea | undefined {
  return state(el).lpos;
}

/** The columns and rows its border and padding take, and where its inside starts. */
export function insets(el: blessed.Widgets.BlessedElement): { width: number; height: number; top: number; left: number } {
  const e = state(el);
  return { width: e.iwidth, height: e.iheight, top: e.itop, left: e.ileft };
}

/** True when the element is attached to a screen and not hidden. */
export function isShown(el: blessed.Widgets.BlessedElement): boolean {
  const e = state(el);
  return !e.detached && e.visible;
}

/** blessed's encoding of a style as a cell attribute, so other cells compare equal to its own. */
export function styleAttr(el: blessed.Widgets.BlessedElement, style: unknown): number {
  return state(el).sattr(style);
}

/**
 * Makes `box` draw itself with `draw` in place of blessed's content rendering. blessed
 * computes where it goes; `draw` fills the cells; blessed's record of where it was drawn is
 * kept as blessed keeps it (an area, or none when it has no room).
 */
export function drawOwnCells(box: Box, draw: (area: DrawnArea) => void): void {
  const e = state(box);
  e.render = function render(): DrawnArea | undefined {
    const coords = e._getCoords(true);
    if (!coords || coords.xl <= coords.xi || coords.yl <= coords.yi) {
      delete e.lpos;
      return undefined;
    }
    e.lpos = coords;
    draw(coords);
    return coords;
  };
}

// ---- A list's internals.

/** The index of the highlighted line. */
export function listSelection(list: blessed.Widgets.ListElement): number {
  return (list as unknown as { selected: number }).selected;
}

/** The list's line elements, in order. */
export function listItems(list: blessed.Widgets.ListElement): blessed.Widgets.BlessedElement[] {
  return (list as unknown as { items: blessed.Widgets.BlessedElement[] }).items;
}

/** How many lines the list holds. */
export function listLength(list: blessed.Widgets.ListElement): number {
  return (list as unknown as { items: unknown[] }).items.length;
}

// ---- What a draw works with (see compact-draw.ts).

export interface DrawInternals {
  lines: CellRow[];
  olines: CellRow[];
  dattr: number;
  fullUnicode: boolean;
  /** The width blessed laid a cell's text out at. */
  charWidth(ch: string): number;
  /** A colour as this terminal can show it (256 colours reduced to 16 or 8). */
  reduceColor(color: number): number;
  tput: {
    strings: Record<string, unknown>;
    numbers: Record<string, number | undefined>;
    unicode: boolean;
    brokenACS: boolean;
    acscr: Record<string, string | undefined>;
    utoa: Record<string, string | undefined>;
    sc(): string;
    rc(): string;
    civis(): string;
    cnorm(): string;
    smacs(): string;
    rmacs(): string;
  };
  program: { x: number; y: number; cursorHidden: boolean; _write(text: string): void };
  /** What blessed queued to go before the next paint (its scrolling of lines), taken once. */
  takeQueued(): string;
}

export function drawInternals(screen: BlessedScreen): DrawInternals {
  const s = screen as unknown as ScreenInternals & { tput: DrawInternals['tput']; _reduceColor(c: number): number; _buf: string };
  return {
    lines: s.lines,
    olines: s.olines,
    dattr: s.dattr,
    fullUnicode: Boolean(s.fullUnicode),
    charWidth: (ch) => lib.unicode.charWidth(ch),
    reduceColor: (c) => s._reduceColor(c),
    tput: s.tput,
    program: s.program,
    takeQueued: () => {
      const queued = s._buf;
      s._buf = '';
      return queued;
    },
  };
}

/** Queues escape text to reach the terminal at the start of the next paint, before any cell. */
export function queueBeforeDraw(screen: BlessedScreen, text: string): void {
  const s = screen as unknown as { _buf: string };
  s._buf += text;
}

/** Makes `draw` this screen's draw; hooks added later (beforeEachDraw) run before it. */
export function replaceDraw(screen: BlessedScreen, draw: (start: number, end: number) => void): void {
  inside(screen).draw = draw;
}
