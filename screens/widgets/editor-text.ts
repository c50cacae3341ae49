import { graphemes, graphemeWidth, stripControls } from '../../src/text/index.js';
import { codePoints, wrapLine } from './editor-rows.js';

/**
 * The text an editor holds: lines of graphemes, the cursor, the edits keys make, and the
 * wrapping of lines into rows at a width. Nothing here draws or reads keys, so it is tested
 * without a screen; editor.ts maps keys to these edits and draws the rows.
 */
export interface EditorText {
  value(): string;
  /** True when the text holds nothing but white space. */
  isEmpty(): boolean;
  /** Code points in the text, line breaks included: what `maxLength` limits. */
  length(): number;
  /** Replaces the text (the cursor at its end); nothing counts as refused. */
  setValue(s: string): void;
  /** True once since input was last refused for going past `maxLength`. */
  takeRefused(): boolean;

  /** Types one character (or a surrogate pair made whole) at the cursor. */
  type(ch: string): void;
  /** Spaces up to the next tab stop. */
  tab(): void;
  newline(): void;
  left(): void;
  right(): void;
  /** Start and end of the cursor's line. */
  home(): void;
  end(): void;
  /** Moves `times` rows up or down, keeping the column the first of a run of moves started at. */
  vertical(down: boolean, times: number): void;
  /** Ends a run of vertical moves: the next one keeps the column the cursor is at then. */
  forgetGoal(): void;
  /** False when there was nothing before (after) the cursor to delete. */
  backspace(): boolean;
  deleteForward(): boolean;
  /** Ctrl-K: to the end of the line, or joins the next line at its end. */
  killToEnd(): void;
  /** Ctrl-U: from the start of the line to the cursor. */
  killToStart(): void;

  /**
   * The rows a box `height` rows high shows, scrolled so the cursor is on it and the box is
   * not half empty, with the cursor's place among them (x in display columns).
   */
  view(height: number): { rows: string[]; cursor: { x: number; y: number } };
}

export interface EditorTextOptions {
  /** Most code points the text may hold (a line break counts as one). */
  maxLength: number;
  /** Display columns a row may hold; asked for each time rows are needed, so a resize applies. */
  width(): number;
}

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

export function createEditorText(opts: EditorTextOptions): EditorText {
  const max = Math.max(0, Math.floor(opts.maxLength));
  let lines: Line[] = [{ g: [] }];
  let row = 0;
  let col = 0;
  /** Display column that up/down try to keep, across a run of vertical moves. */
  let goal: number | undefined;
  let length = 0;
  let top: RowPos = { line: 0, row: 0 };
  let refused = false;

  const rowsOf = (index: number): number[] => {
    const line = lines[index]!;
    const w = opts.width();
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
  };

  const refuse = (): false => {
    refused = true;
    return false;
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

  const type = (ch: string): void => {
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

  const vertical = (down: boolean, times: number) => {
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

  return {
    value: () => lines.map((l) => l.g.join('')).join('\n'),
    isEmpty: () => lines.every((l) => l.g.every((g) => g.trim() === '')),
    length: () => length,
    setValue(s) {
      lines = [{ g: [] }];
      row = 0;
      col = 0;
      length = 0;
      goal = undefined;
      top = { line: 0, row: 0 };
      insertText(s);
      // Setting a value is not the member typing: nothing was refused that they should hear of.
      refused = false;
    },
    takeRefused() {
      const was = refused;
      refused = false;
      return was;
    },
    type,
    tab() {
      insertGraphemes(Array(TAB_STOP - (col % TAB_STOP)).fill(' '));
    },
    newline() {
      newline();
    },
    left() {
      if (col > 0) col--;
      else if (row > 0) col = lines[--row]!.g.length;
    },
    right() {
      if (col < lines[row]!.g.length) col++;
      else if (row < lines.length - 1) {
        row++;
        col = 0;
      }
    },
    home() {
      col = 0;
    },
    end() {
      col = lines[row]!.g.length;
    },
    vertical,
    forgetGoal() {
      goal = undefined;
    },
    backspace() {
      if (col > 0) {
        removeRange(col - 1, col);
        col--;
      } else if (row > 0) {
        col = lines[row - 1]!.g.length;
        joinWithNext(--row);
      } else return false;
      return true;
    },
    deleteForward() {
      if (col < lines[row]!.g.length) removeRange(col, col + 1);
      else if (row < lines.length - 1) joinWithNext(row);
      else return false;
      return true;
    },
    killToEnd() {
      if (col < lines[row]!.g.length) removeRange(col, lines[row]!.g.length);
      else if (row < lines.length - 1) joinWithNext(row);
    },
    killToStart() {
      removeRange(0, col);
      col = 0;
    },
    view(height) {
      scrollToCursor(height);
      const rows: string[] = [];
      let y = 0;
      let cursorY = 0;
      const cur = cursorRowPos();
      for (let p: RowPos | undefined = top; p && y < height; p = nextRow(p), y++) {
        if (same(p, cur)) cursorY = y;
        const starts = rowsOf(p.line);
        const g = lines[p.line]!.g;
        rows.push(g.slice(starts[p.row], starts[p.row + 1] ?? g.length).join(''));
      }
      return { rows, cursor: { x: cursorX(), y: cursorY } };
    },
  };
}
