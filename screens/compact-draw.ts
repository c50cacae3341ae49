import type { BlessedScreen } from './context.js';
import { drawInternals, replaceDraw, type CellRow, type DrawInternals } from './blessed-internals.js';

/**
 * Replaces blessed's draw (which compares its two cell buffers and writes what changed) with
 * one that sends fewer bytes for the same picture, for members on slow links:
 * - each cursor move takes the cheapest form: a few unchanged characters written again, a
 *   relative move, carriage return and line feed, or an absolute position; never two in a row;
 * - a row whose rest is blank in the terminal's own background is ended with erase-line;
 * - attributes carry over from one row to the next, and change in one sequence;
 * - with the cursor hidden, no save and restore around the paint: blessed is told where the
 *   cursor was left instead.
 * What reaches the terminal is the same picture blessed's own draw would leave there.
 */
export function installCompactDraw(screen: BlessedScreen): void {
  replaceDraw(screen, (start, end) => compactDraw(drawInternals(screen), start, end));
}

/** Where the terminal's cursor is while a paint is built; undefined when it is not known. */
interface Cursor {
  x: number;
  y: number;
}

const ESC = '\x1b';

/** The line-drawing characters blessed docks borders with. */
const ANGLES = new Set(['┘', '┐', '┌', '└', '┼', '├', '┤', '┴', '┬', '│', '─']);

export function compactDraw(s: DrawInternals, start: number, end: number): void {
  const { lines, olines, dattr, tput, program } = s;
  const width = lines[0]?.length ?? 0;
  const height = lines.length;
  // Lines blessed scrolled on the terminal itself go first; they leave the cursor unknown.
  let out = s.takeQueued();
  let attr = dattr;
  let acs = false;
  let cursor: Cursor | undefined;

  const setAttr = (data: number) => {
    if (data === attr) return;
    out += sgr(data, attr, dattr, s.reduceColor);
    attr = data;
  };

  /** Moves the cursor to (x, y) by the shortest sequence; `line`/`o` allow re-sending unchanged cells. */
  const moveTo = (x: number, y: number, line: CellRow) => {
    if (cursor && cursor.y === y && cursor.x === x) return;
    let best = `${ESC}[${y + 1};${x + 1}H`;
    if (cursor && cursor.y === y && x > cursor.x) {
      const n = x - cursor.x;
      const cuf = n === 1 ? `${ESC}[C` : `${ESC}[${n}C`;
      if (cuf.length < best.length) best = cuf;
      // The cells between, written again as they are: cheaper than any move for a short gap.
      const again = resend(line, cursor.x, x, attr, acs);
      if (again !== undefined && again.length < best.length) best = again;
    } else if (cursor && x === 0 && (cursor.y === y || cursor.y === y - 1)) {
      best = cursor.y === y ? '\r' : '\r\n';
    }
    out += best;
    cursor = { x, y };
  };

  for (let y = start; y <= end && y < height; y++) {
    const line = lines[y]!;
    const o = olines[y]!;
    if (!line.dirty) continue;
    line.dirty = false;

    for (let x = 0; x < line.length; x++) {
      const data = line[x]![0];
      let ch = line[x]![1];
      if (data === o[x]![0] && ch === o[x]![1]) continue;

      // The rest of the row blank, in the terminal's own background: erase-line clears it.
      if (ch === ' ' && erasesAs(data, dattr) && restIsBlank(line, x, data)) {
        moveTo(x, y, line);
        if (acs) {
          out += tput.rmacs();
          acs = false;
        }
        setAttr(data);
        out += `${ESC}[K`;
        for (let xx = x; xx < line.length; xx++) {
          o[xx]![0] = data;
          o[xx]![1] = ' ';
        }
        break;
      }

      moveTo(x, y, line);
      o[x]![0] = data;
      o[x]![1] = ch;
      setAttr(data);

      let cells = 1;
      // A double-width character takes the cell after it too; it is always sent again next
      // time (as blessed's own draw does), since terminals disagree about drawing it.
      if (s.fullUnicode && s.charWidth(ch) === 2) {
        // No room for its second cell: at the row's end, or before a line-drawing character
        // (a border blessed docked there), it is sent as a space, as blessed's own draw does.
        if (x === line.length - 1 || ANGLES.has(line[x + 1]![1])) {
          ch = ' ';
          o[x]![1] = '\0';
        } else {
          o[x]![1] = '\0';
          o[++x]![1] = '\0';
          cells = 2;
        }
      }

      if (tput.strings.enter_alt_charset_mode && !tput.brokenACS && (tput.acscr[ch] || acs)) {
        if (tput.acscr[ch]) {
          if (!acs) {
            out += tput.smacs();
            acs = true;
          }
          ch = tput.acscr[ch]!;
        } else {
          out += tput.rmacs();
          acs = false;
        }
      } else if (!tput.unicode && tput.numbers.U8 !== 1 && ch > '~') {
        ch = tput.utoa[ch] ?? '?';
      }

      out += ch;
      // A cell carrying its own cursor move (a cluster placed by its column) leaves the cursor
      // where that move says; the next change is then reached by an absolute position.
      if (ch.includes(ESC)) cursor = undefined;
      else if (cursor) {
        cursor.x += cells;
        // At the right margin the terminal's cursor waits to wrap: its column is not certain.
        if (cursor.x >= width) cursor = undefined;
      }
    }
  }

  if (!out) return;
  if (acs) out += tput.rmacs();
  if (attr !== dattr) out += `${ESC}[m`;

  if (program.cursorHidden && cursor) {
    // Nothing shows the cursor until blessed places it, which it does from where it believes
    // the cursor is: tell it where the paint left it.
    program.x = cursor.x;
    program.y = cursor.y;
    program._write(out);
    return;
  }
  let pre = tput.sc();
  let post = tput.rc();
  if (!program.cursorHidden) {
    pre += tput.civis();
    post += tput.cnorm();
  }
  program._write(pre + out + post);
}

/**
 * Whether erase-line leaves blanks that look like spaces of attribute `data` on every
 * terminal: the default background, and neither inverse (8) nor underline (2), which show on a space.
 */
function erasesAs(data: number, dattr: number): boolean {
  return (data & 0x1ff) === (dattr & 0x1ff) && ((data >> 18) & 10) === ((dattr >> 18) & 10);
}

function restIsBlank(line: CellRow, from: number, data: number): boolean {
  for (let x = from; x < line.length; x++) {
    const cell = line[x]!;
    if (cell[0] !== data || cell[1] !== ' ') return false;
  }
  return true;
}

/** The cells [from, to) as text, when they can be sent as they are in attribute `attr`. */
function resend(line: CellRow, from: number, to: number, attr: number, acs: boolean): string | undefined {
  if (acs || to - from > 6) return undefined;
  let text = '';
  for (let x = from; x < to; x++) {
    const [data, ch] = line[x]!;
    if (data !== attr || ch.length !== 1 || ch < ' ' || ch > '~') return undefined;
    text += ch;
  }
  return text;
}

/** The shortest SGR sequence taking the terminal from attribute `from` to `to`. */
export function sgr(to: number, from: number, dattr: number, reduce: (color: number) => number = (c) => c): string {
  if (to === dattr) return `${ESC}[m`;
  const params: Array<string | number> = [];
  const flagsTo = to >> 18;
  const flagsFrom = from >> 18;
  const bgTo = to & 0x1ff;
  const fgTo = (to >> 9) & 0x1ff;
  // A flag to turn off, or a colour back to the default: start from a reset.
  const reset = (flagsFrom & ~flagsTo) !== 0 || (bgTo === 0x1ff && (from & 0x1ff) !== 0x1ff) || (fgTo === 0x1ff && ((from >> 9) & 0x1ff) !== 0x1ff);
  if (reset) params.push(0);
  const base = reset ? dattr : from;
  const flagsBase = base >> 18;
  const codes: Array<[number, number]> = [[1, 1], [2, 4], [4, 5], [8, 7], [16, 8]];
  for (const [bit, code] of codes) if (flagsTo & bit && !(flagsBase & bit)) params.push(code);
  if (bgTo !== 0x1ff && bgTo !== (base & 0x1ff)) params.push(colorCode(reduce(bgTo), 40, 100, 48));
  if (fgTo !== 0x1ff && fgTo !== ((base >> 9) & 0x1ff)) params.push(colorCode(reduce(fgTo), 30, 90, 38));
  return params.length === 0 ? '' : `${ESC}[${params.join(';')}m`;
}

function colorCode(color: number, low: number, bright: number, extended: number): string {
  if (color < 8) return String(low + color);
  if (color < 16) return String(bright + color - 8);
  return `${extended};5;${color}`;
}

