import blessed from 'blessed';
import {
  attrCodes,
  cellBuffers,
  drawOwnCells,
  isDestroyed,
  isFullUnicode,
  isShown,
  lastDrawnArea,
  rawWrite,
  screenCells,
  styleAttr,
  terminalCodes,
  type DrawnArea as Coords,
} from '../blessed-internals.js';
import type { BlessedScreen, Box } from '../context.js';
import { rowText, sharedRows, wrapEntry, type LogEntry, type Row, type Tone } from './chat-rows.js';

export { wrapEntry, type LogEntry, type Tone } from './chat-rows.js';

export interface ChatLogOptions {
  parent: Box;
  screen: BlessedScreen;
  top: number;
  /** Rows left free below the log (for the input line). */
  bottom: number;
  styles: Record<Tone, Record<string, unknown>>;
  /** False while the client is not reading: then nothing is written until it drains. */
  canWrite(): boolean;
  /** Asks for a full repaint (which waits while the client is congested). */
  requestRender(): void;
  /** Continuation rows start this many columns in (under the name, after the time). */
  indent?: number;
  maxEntries?: number;
}

export interface ChatLog {
  box: Box;
  /**
   * Adds a line at the bottom; drawn at once, without a full repaint, when it can be. With
   * `share`, sessions showing the same line (`by`) the same way (`key`) wrap it only once.
   */
  append(entry: LogEntry | (() => LogEntry), share?: { by: object; key: string }): void;
  /** Replaces every line (entering a room, or after an /ignore). */
  setEntries(entries: LogEntry[]): void;
  /** Scrolls back (-1) or forward (+1) by a page; returns false at the end. */
  page(direction: 1 | -1): boolean;
  /** True when the newest line is in view. */
  atBottom(): boolean;
  /** Back to the newest line. */
  toBottom(): void;
  setTop(top: number): void;
  destroy(): void;
}

/**
 * The scrollback of a chat room. With hundreds of members in a room, a full blessed
 * render per member per line costs about a third of a millisecond each, and a repaint
 * of the area costs the client hundreds of bytes. So the log keeps its own rows of
 * cells: a full render copies them into blessed's buffer like any widget, and a new
 * line is written straight to the terminal (scroll the log's rows with a scroll region,
 * draw the new row) while blessed's buffers are updated to match, so the next render
 * sees nothing to redraw. Anything unusual (scrolled back, an overlay on top, a
 * congested client, a size change) falls back to a normal render.
 */
export function createChatLog(opts: ChatLogOptions): ChatLog {
  const { screen } = opts;
  const box = blessed.box({
    parent: opts.parent,
    top: opts.top,
    left: 0,
    width: '100%',
    height: `100%-${opts.top + opts.bottom}`,
    tags: false,
  });
  const maxEntries = opts.maxEntries ?? 500;
  // blessed's own encoding of a style as a cell attribute, so our cells and its cells compare equal.
  const sattr = (style: unknown) => styleAttr(box, style);
  const attrOf = {} as Record<Tone, number>;
  for (const tone of Object.keys(opts.styles) as Tone[]) attrOf[tone] = sattr(opts.styles[tone]);
  const blankAttr = sattr(box.style);
  const unicode = isFullUnicode(screen);

  let entries: Array<LogEntry | (() => LogEntry)> = [];
  const entryOf = (e: LogEntry | (() => LogEntry)): LogEntry => (typeof e === 'function' ? e() : e);
  const indent = opts.indent ?? 6;
  const { colors } = terminalCodes(screen);
  const layoutKey = () => `${width}|${indent}|${unicode ? 1 : 0}|${colors}|${Object.values(attrOf).join(',')}|${blankAttr}`;
  /**
   * True when blessed's buffer holds exactly our rows where the log was last drawn, with
   * nothing over them: checked after each full render, kept true by our own writes.
   */
  let clean = false;
  let cleanAt: Coords | undefined;
  /** Rows of each entry at the current width, kept in step with `entries`. */
  let rowsOf: Row[][] = [];
  let rows: Row[] = [];
  let width = 0;
  /** Rows between the bottom of the view and the newest row (0: following the conversation). */
  let back = 0;

  const layout = (w: number) => {
    width = w;
    // Not laid out yet (never drawn): the first render does it at the real width.
    rowsOf = entries.map((e) => (width > 0 ? wrapEntry(entryOf(e), attrOf, width, indent, unicode) : []));
    rows = rowsOf.flat();
  };

  const viewHeight = (c: Coords) => c.yl - c.yi;
  const firstVisible = (height: number) => Math.max(0, rows.length - height - back);

  const draw = (coords: Coords) => {
    const { lines } = cellBuffers(screen);
    const height = viewHeight(coords);
    const start = firstVisible(height);
    for (let r = 0; r < height; r++) {
      const line = lines[coords.yi + r];
      if (!line) break;
      const row = rows[start + r];
      for (let x = 0; x < coords.xl - coords.xi; x++) {
        const cell = line[coords.xi + x];
        if (!cell) break;
        const src = row?.[x];
        const a = src ? src[0] : blankAttr;
        const ch = src ? src[1] : ' ';
        if (cell[0] !== a || cell[1] !== ch) {
          cell[0] = a;
          cell[1] = ch;
          line.dirty = true;
        }
      }
    }
  };

  // The log draws itself from its rows instead of from blessed content.
  drawOwnCells(box, (coords) => {
    if (coords.xl - coords.xi !== width) layout(coords.xl - coords.xi);
    draw(coords);
  });

  /** Compares blessed's buffer with our rows: called once per full render, not per line. */
  const regionMatches = (coords: Coords): boolean => {
    if (isDestroyed(screen) || !isShown(box)) return false;
    const sc = { ...screenCells(screen), lines: cellBuffers(screen).lines };
    if (coords.xi !== 0 || coords.xl !== sc.width || coords.yl > sc.height || sc.lines.length !== sc.height) return false;
    if (coords.xl - coords.xi !== width) return false;
    const height = viewHeight(coords);
    const start = firstVisible(height);
    for (let r = 0; r < height; r++) {
      const line = sc.lines[coords.yi + r]!;
      const row = rows[start + r];
      for (let x = 0; x < width; x++) {
        const src = row?.[x];
        const cell = line[x]!;
        if (cell[0] !== (src ? src[0] : blankAttr) || cell[1] !== (src ? src[1] : ' ')) return false;
      }
    }
    return true;
  };
  const verify = () => {
    const coords = lastDrawnArea(box);
    clean = coords !== undefined && regionMatches(coords);
    cleanAt = clean ? coords : undefined;
  };
  const invalidate = () => {
    clean = false;
  };
  screen.on('render', verify);
  screen.on('resize', invalidate);

  const writeRows = (coords: Coords, added: Row[], beforeRows: number): void => {
    const { lines, olines } = cellBuffers(screen);
    const tput = terminalCodes(screen);
    const attrs = attrCodes(screen);
    const top = coords.yi;
    const bottom = coords.yl - 1;
    const height = viewHeight(coords);
    const startBefore = Math.max(0, beforeRows - height);
    const startAfter = Math.max(0, rows.length - height);
    const shift = startAfter - startBefore;
    let out = tput.saveCursor();
    if (shift > 0) {
      // Scroll only the log's rows: a scroll region, scroll up, then the whole screen again.
      out += tput.scrollRegion(top, bottom);
      out += tput.canScrollBy ? `\x1b[${shift > 1 ? shift : ''}S` : `\x1b[${bottom + 1};1H` + '\n'.repeat(shift);
      // CSI r (whole screen) and CSI row H are shorter than terminfo's forms and understood
      // by every terminal Haven gives blessed (xterm, xterm-256color, linux).
      out += '\x1b[r';
      // What blessed's own scrolling does to its buffers, re-using the rows that scrolled away.
      for (let i = 0; i < shift; i++) {
        // The terminal fills the new row with its default attributes; our model with the log's blank.
        for (const [buffer, blank] of [[lines, blankAttr], [olines, attrs.dattr]] as const) {
          const row = buffer.splice(top, 1)[0]!;
          for (const cell of row) {
            cell[0] = blank;
            cell[1] = ' ';
          }
          row.dirty = false;
          buffer.splice(bottom, 0, row);
        }
      }
    }
    const firstRow = top + (beforeRows - startAfter);
    added.forEach((row, k) => {
      const y = firstRow + k;
      if (y < top || y > bottom) return;
      out += `\x1b[${y + 1}H` + rowText(row, attrs);
      // The rest of the row is blank already: it scrolled in blank, or was below the last line.
      const line = lines[y]!;
      const oline = olines[y]!;
      for (let x = 0; x < row.length && x < width; x++) {
        const cell = row[x]!;
        line[x]![0] = oline[x]![0] = cell[0];
        line[x]![1] = oline[x]![1] = cell[1];
      }
      line.dirty = false;
    });
    out += tput.restoreCursor();
    rawWrite(screen, out);
  };

  const dropOldest = () => {
    while (entries.length > maxEntries) {
      entries.shift();
      const gone = rowsOf.shift()!;
      rows.splice(0, gone.length);
    }
  };

  return {
    box,
    append(entry, share) {
      const coords = lastDrawnArea(box);
      const beforeRows = rows.length;
      entries.push(entry);
      let added: Row[] = [];
      if (width > 0) {
        const key = share ? layoutKey() + '|' + share.key : '';
        let byKey = share ? sharedRows.get(share.by) : undefined;
        const known = byKey?.get(key);
        if (known) added = known;
        else {
          added = wrapEntry(entryOf(entry), attrOf, width, indent, unicode);
          if (share) {
            if (!byKey) sharedRows.set(share.by, (byKey = new Map()));
            byKey.set(key, added);
          }
        }
      }
      rowsOf.push(added);
      for (const row of added) rows.push(row);
      if (back > 0) {
        // Reading history: the view stays where it is, so what is on screen is unchanged.
        back += added.length;
        dropOldest();
        return;
      }
      const fast =
        clean &&
        coords !== undefined &&
        coords === cleanAt &&
        box.visible &&
        added.length > 0 &&
        added.length < viewHeight(coords) &&
        opts.canWrite();
      if (fast) writeRows(coords, added, beforeRows);
      else clean = false;
      dropOldest();
      // A log on a covered screen is drawn when it is shown again.
      if (!fast && box.visible) opts.requestRender();
    },
    setEntries(next) {
      entries = next.slice(-maxEntries);
      back = 0;
      invalidate();
      layout(width);
    },
    page(direction) {
      const drawn = lastDrawnArea(box);
      const height = drawn ? viewHeight(drawn) : 10;
      const step = Math.max(1, height - 1);
      const maxBack = Math.max(0, rows.length - height);
      const next = Math.min(maxBack, Math.max(0, back - direction * step));
      if (next === back) return false;
      back = next;
      invalidate();
      opts.requestRender();
      return true;
    },
    atBottom: () => back === 0,
    toBottom() {
      if (back === 0) return;
      back = 0;
      invalidate();
      opts.requestRender();
    },
    setTop(top) {
      invalidate();
      box.top = top;
      box.height = `100%-${top + opts.bottom}`;
    },
    destroy() {
      screen.removeListener('render', verify);
      screen.removeListener('resize', invalidate);
      box.destroy();
    },
  };
}

