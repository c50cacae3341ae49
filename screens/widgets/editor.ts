import blessed from 'blessed';
import { escapeTags, graphemes, graphemeWidth, stripControls, takeWidth } from '../../src/text/index.js';
import { insets, lastDrawnArea } from '../blessed-internals.js';
import type { Box, ScreenContext } from '../context.js';
import { codePoints, wrapLine } from './editor-rows.js';
import { createSurrogatePairer } from './typed-text.js';
import { watchEscapes } from './escape-filter.js';
import { renderSoon } from './render-soon.js';

export interface EditorOptions {
  ctx: ScreenContext;
  parent: Box;
  top: number | string;
  left: number | string;
  width: number | string;
  height: number | string;
  /** Most code points the text may hold (a line break counts as one). */
  maxLength: number;
  value?: string;
  /** Shown dimmed while the editor is empty. */
  placeholder?: string;
  /**
   * Told the length after a burst of edits, just before the screen draws (so it need not
   * render), and whether input was refused for going past `maxLength`.
   */
  onChange?(length: number, refused: boolean): void;
  /**
   * When given, a Tab the member presses calls this (Shift-Tab with `shift`) instead of
   * inserting spaces; a Tab inside a paste still inserts spaces.
   */
  onTab?(shift: boolean): void;
  style?: Record<string, unknown>;
}

export interface Editor {
  box: Box;
  value(): string;
  setValue(s: string): void;
  /** True when the text holds nothing but white space. */
  isEmpty(): boolean;
  /** Code points in the text, line breaks included: what `maxLength` limits. */
  length(): number;
  focus(): void;
  destroy(): void;
}

type Key = { name?: string; ctrl?: boolean; meta?: boolean; shift?: boolean; sequence?: string };

interface Line {
  g: string[];
  /** Start index of each visual row, for the width in `rowsWidth`; dropped on every edit. */
  rows?: number[];
  rowsWidth?: number;
}

interface RowPos {
  line: number;
  row: number;
}

const TAB_STOP = 4;

/**
 * A multi-line text editor drawn on a plain box. Keys only change the model; the text is
 * wrapped lazily when the screen draws, once per burst, so a paste of thousands of
 * characters costs one layout instead of one per character (hazard 4).
 */
export function createEditor(opts: EditorOptions): Editor {
  const { ctx } = opts;
  const { screen } = ctx;
  const max = Math.max(0, Math.floor(opts.maxLength));
  const box = blessed.box({
    parent: opts.parent,
    top: opts.top,
    left: opts.left,
    width: opts.width,
    height: opts.height,
    style: opts.style ?? {},
    tags: true,
    wrap: false,
  } as blessed.Widgets.BoxOptions);
  const escapes = watchEscapes(screen);

  let lines: Line[] = [{ g: [] }];
  let row = 0;
  let col = 0;
  /** Display column that up/down try to keep, across a run of vertical moves. */
  let goal: number | undefined;
  let length = 0;
  let top: RowPos = { line: 0, row: 0 };
  let dirty = true;
  let refused = false;
  let reportedLength = -1;
  const pairSurrogates = createSurrogatePairer();
  let destroyed = false;
  // Keys from one chunk of input arrive in one tick: a Tab or line feed among other keys is pasted text.
  let burst: string[] = [];
  let cursorAt: { x: number; y: number } | undefined;

  const innerWidth = () => Math.max(0, Number(box.width) - insets(box).width);
  const innerHeight = () => Math.max(1, Number(box.height) - insets(box).height);
  // One column is kept free for the cursor at the end of a full row; never wrap below 2 (hazard 2).
  const textWidth = () => Math.max(2, innerWidth() - 1);

  const rowsOf = (index: number): number[] => {
    const line = lines[index]!;
    const w = textWidth();
    if (!line.rows || line.rowsWidth !== w) {
      line.rows = wrapLine(line.g, w);
      line.rowsWidth = w;
    }
    return line.rows;
  };

  const rowOfCol = (rows: number[], c: number): number => {
    let lo = 0;
    let hi = rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (rows[mid]! <= c) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  const cursorRowPos = (): RowPos => ({ line: row, row: rowOfCol(rowsOf(row), col) });

  const cursorX = (): number => {
    const rows = rowsOf(row);
    const g = lines[row]!.g;
    let x = 0;
    for (let i = rows[rowOfCol(rows, col)]!; i < col; i++) x += graphemeWidth(g[i]!);
    return x;
  };

  const prevRow = (p: RowPos): RowPos | undefined => {
    if (p.row > 0) return { line: p.line, row: p.row - 1 };
    if (p.line > 0) return { line: p.line - 1, row: rowsOf(p.line - 1).length - 1 };
    return undefined;
  };
  const nextRow = (p: RowPos): RowPos | undefined => {
    if (p.row < rowsOf(p.line).length - 1) return { line: p.line, row: p.row + 1 };
    if (p.line < lines.length - 1) return { line: p.line + 1, row: 0 };
    return undefined;
  };
  const before = (a: RowPos, b: RowPos) => a.line < b.line || (a.line === b.line && a.row < b.row);
  const same = (a: RowPos, b: RowPos) => a.line === b.line && a.row === b.row;

  const touch = (index: number) => {
    lines[index]!.rows = undefined;
    dirty = true;
  };

  /** Inserts graphemes at the cursor until the limit; false once something was refused. */
  const insertGraphemes = (gs: string[]): boolean => {
    const line = lines[row]!;
    let i = 0;
    // A combining mark or joiner typed on its own belongs to the character before it.
    if (col > 0 && gs.length > 0 && gs[0]!.charCodeAt(0) > 0x7f) {
      const prev = line.g[col - 1]!;
      const joined = graphemes(prev + gs[0]);
      if (joined.length === 1) {
        const n = codePoints(gs[0]!);
        if (length + n > max) return refuse();
        line.g[col - 1] = joined[0]!;
        length += n;
        i = 1;
      }
    }
    const start = col;
    let ok = true;
    const add: string[] = [];
    for (; i < gs.length; i++) {
      const n = codePoints(gs[i]!);
      if (length + n > max) {
        ok = false;
        break;
      }
      add.push(gs[i]!);
      length += n;
    }
    if (add.length === 1) line.g.splice(start, 0, add[0]!);
    else if (add.length > 0) line.g = line.g.slice(0, start).concat(add, line.g.slice(start));
    col += add.length;
    touch(row);
    return ok || refuse();
  };

  const refuse = (): false => {
    refused = true;
    dirty = true;
    return false;
  };

  const newline = (): boolean => {
    if (length + 1 > max) return refuse();
    const line = lines[row]!;
    const rest = line.g.slice(col);
    line.g.length = col;
    touch(row);
    lines.splice(row + 1, 0, { g: rest });
    length += 1;
    row += 1;
    col = 0;
    dirty = true;
    return true;
  };

  /** Inserts text that may hold line breaks and tabs (a paste, an initial value). */
  const insertText = (text: string): void => {
    const parts = stripControls(text.replace(/\r\n?/g, '\n')).split('\n');
    for (let p = 0; p < parts.length; p++) {
      if (p > 0 && !newline()) return;
      const piece = parts[p]!.replace(/\t/g, ' '.repeat(TAB_STOP));
      if (piece && !insertGraphemes(graphemes(piece))) return;
    }
  };

  const insertTyped = (ch: string): void => {
    // Printable ASCII is the common case of typing and pasting, and needs no segmenting.
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0x20 && c < 0x7f) {
      if (length + 1 > max) {
        refuse();
        return;
      }
      const line = lines[row]!;
      if (col === line.g.length) line.g.push(ch);
      else line.g.splice(col, 0, ch);
      col++;
      length++;
      touch(row);
      return;
    }
    const clean = stripControls(ch);
    if (clean) insertGraphemes(graphemes(clean));
  };

  const joinWithNext = (index: number) => {
    const a = lines[index]!;
    const b = lines[index + 1]!;
    a.g = a.g.concat(b.g);
    lines.splice(index + 1, 1);
    length -= 1;
    touch(index);
  };

  const removeRange = (from: number, to: number) => {
    const line = lines[row]!;
    for (let i = from; i < to; i++) length -= codePoints(line.g[i]!);
    line.g.splice(from, to - from);
    touch(row);
  };

  const moveVertically = (down: boolean, times: number) => {
    const x = goal ?? cursorX();
    let p = cursorRowPos();
    for (let i = 0; i < times; i++) {
      const next = down ? nextRow(p) : prevRow(p);
      if (!next) {
        if (i === 0) {
          // Past the first or last row: go to the start or end of the text.
          col = down ? lines[row]!.g.length : 0;
          goal = undefined;
          return;
        }
        break;
      }
      p = next;
    }
    row = p.line;
    const rows = rowsOf(row);
    const g = lines[row]!.g;
    const start = rows[p.row]!;
    // On a row that continues below, the cursor may not sit past its last character.
    const end = p.row < rows.length - 1 ? rows[p.row + 1]! - 1 : g.length;
    let c = start;
    let w = 0;
    while (c < end && w + graphemeWidth(g[c]!) <= x) w += graphemeWidth(g[c++]!);
    col = Math.max(start, c);
    goal = x;
  };

  const handleKey = (ch: string | undefined, key: Key): void => {
    if (escapes.swallow(ch, key)) return;
    const name = key.name;
    if (burst.length === 0) setImmediate(() => (burst = []));
    const previous = burst[burst.length - 1];
    burst.push(name ?? ch ?? '');
    const pasted = escapes.inPaste() || burst.length > 1;
    if (name !== 'up' && name !== 'down' && name !== 'pageup' && name !== 'pagedown') goal = undefined;

    switch (name) {
      // CR arrives as 'return' and then 'enter': act on 'enter' alone.
      case 'return':
        return;
      case 'enter':
        newline();
        break;
      case 'linefeed':
        // A pasted CRLF is one line break, not two (blessed sends CR as 'enter' then 'return').
        if (previous === 'return') return;
        newline();
        break;
      case 'tab':
        if (opts.onTab && !pasted) {
          opts.onTab(Boolean(key.shift));
          return;
        }
        insertGraphemes(Array(TAB_STOP - (col % TAB_STOP)).fill(' '));
        break;
      case 'left':
        if (col > 0) col--;
        else if (row > 0) col = lines[--row]!.g.length;
        break;
      case 'right':
        if (col < lines[row]!.g.length) col++;
        else if (row < lines.length - 1) {
          row++;
          col = 0;
        }
        break;
      case 'up':
      case 'down':
        moveVertically(name === 'down', 1);
        break;
      case 'pageup':
      case 'pagedown':
        moveVertically(name === 'pagedown', Math.max(1, innerHeight() - 1));
        break;
      case 'home':
        col = 0;
        break;
      case 'end':
        col = lines[row]!.g.length;
        break;
      case 'backspace':
        if (col > 0) {
          removeRange(col - 1, col);
          col--;
        } else if (row > 0) {
          col = lines[row - 1]!.g.length;
          joinWithNext(--row);
        } else return;
        break;
      case 'delete':
        if (col < lines[row]!.g.length) removeRange(col, col + 1);
        else if (row < lines.length - 1) joinWithNext(row);
        else return;
        break;
      case 'escape':
        return;
      default:
        if (key.meta) return;
        if (key.ctrl) {
          if (name === 'a') col = 0;
          else if (name === 'e') col = lines[row]!.g.length;
          else if (name === 'k') {
            if (col < lines[row]!.g.length) removeRange(col, lines[row]!.g.length);
            else if (row < lines.length - 1) joinWithNext(row);
          } else if (name === 'u') {
            removeRange(0, col);
            col = 0;
          } else return;
          break;
        }
        if (!ch) return;
        {
          // blessed hands over an astral character (most emoji) as two halves.
          const whole = pairSurrogates(ch);
          if (!whole) return;
          insertTyped(whole);
        }
    }
    dirty = true;
    renderSoon(screen);
  };

  /** Moves the first visible row so the cursor is on screen and the box is not half empty. */
  const scrollToCursor = (height: number) => {
    if (top.line >= lines.length) top = { line: lines.length - 1, row: 0 };
    top.row = Math.min(top.row, rowsOf(top.line).length - 1);
    const cur = cursorRowPos();
    if (before(cur, top)) {
      top = cur;
    } else {
      let p = cur;
      let seen = same(p, top);
      for (let i = 1; i < height && !seen; i++) {
        const prev = prevRow(p);
        if (!prev) break;
        p = prev;
        seen = same(p, top);
      }
      if (!seen) top = p;
    }
    // After text was removed near the end, pull rows back in from above.
    let shown = 1;
    for (let p: RowPos | undefined = top; shown < height && (p = nextRow(p)); ) shown++;
    for (let prev = prevRow(top); shown < height && prev; prev = prevRow(top)) {
      top = prev;
      shown++;
    }
  };

  const layout = () => {
    dirty = false;
    const height = innerHeight();
    scrollToCursor(height);
    const out: string[] = [];
    let y = 0;
    let cursorY = 0;
    const cur = cursorRowPos();
    for (let p: RowPos | undefined = top; p && y < height; p = nextRow(p), y++) {
      if (same(p, cur)) cursorY = y;
      const rows = rowsOf(p.line);
      const g = lines[p.line]!.g;
      out.push(escapeTags(g.slice(rows[p.row], rows[p.row + 1] ?? g.length).join('')));
    }
    if (length === 0 && opts.placeholder) {
      const tag = ctx.theme.dimTag;
      out[0] = `{${tag}}${escapeTags(takeWidth(stripControls(opts.placeholder), textWidth()))}{/${tag}}`;
    }
    box.setContent(out.join('\n'));
    cursorAt = { x: cursorX(), y: cursorY };
    if (length !== reportedLength || refused) {
      const wasRefused = refused;
      refused = false;
      reportedLength = length;
      opts.onChange?.(length, wasRefused);
    }
  };

  const onPrerender = () => {
    if (dirty && !destroyed) layout();
  };
  const placeCursor = () => {
    if (destroyed || screen.focused !== box || !cursorAt) return;
    const lpos = lastDrawnArea(box);
    if (!lpos) return;
    const b = insets(box);
    screen.program.cup(lpos.yi + b.top + cursorAt.y, lpos.xi + b.left + cursorAt.x);
    screen.program.showCursor();
  };
  screen.on('prerender', onPrerender);
  screen.on('render', placeCursor);

  box.on('keypress', handleKey);
  box.on('focus', () => {
    // Ask the terminal to mark pastes, so a pasted Tab or line break is text, not a command.
    screen.program.setMode('?2004');
    screen.program.showCursor();
    renderSoon(screen);
  });
  box.on('blur', () => {
    screen.program.resetMode('?2004');
    screen.program.hideCursor();
  });
  box.on('resize', () => {
    dirty = true;
  });

  const setValue = (s: string) => {
    lines = [{ g: [] }];
    row = 0;
    col = 0;
    length = 0;
    goal = undefined;
    top = { line: 0, row: 0 };
    insertText(s);
    // Setting a value is not the member typing: nothing was refused that they should hear of.
    refused = false;
    dirty = true;
    renderSoon(screen);
  };
  if (opts.value) setValue(opts.value);

  return {
    box,
    value: () => lines.map((l) => l.g.join('')).join('\n'),
    setValue,
    isEmpty: () => lines.every((l) => l.g.every((g) => g.trim() === '')),
    length: () => length,
    focus: () => box.focus(),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      escapes.dispose();
      screen.removeListener('prerender', onPrerender);
      screen.removeListener('render', placeCursor);
      if (screen.focused === box) {
        screen.program.resetMode('?2004');
        screen.program.hideCursor();
      }
      box.destroy();
    },
  };
}
