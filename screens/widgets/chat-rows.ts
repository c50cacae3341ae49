// Chat lines as rows of terminal cells: blessed's own cell format, so a log can put them
// straight into blessed's buffers, and as the escape text that draws a row.

import { eachGrapheme, graphemeWidth, isAmbiguousCluster, widestDrawing } from '../../src/text/index.js';

/** How a piece of a chat line looks; the screen maps each to a blessed style. */
export type Tone = 'plain' | 'time' | 'name' | 'action' | 'whisper' | 'system' | 'notice' | 'local';

/** One chat line as styled pieces of plain text (never blessed tags: cells are built directly). */
export type LogEntry = Array<{ text: string; tone: Tone }>;

export type Cell = [attr: number, ch: string];
export type Row = Cell[];

// blessed marks the right half of a wide character with this in its cell buffer.
export const WIDE_FILLER = '\x03';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Wrapped rows of a line, shared by every session that shows it alike (rows are never changed once built). */
export const sharedRows = new WeakMap<object, Map<string, Row[]>>();
/** A row as terminal output; the same for every session sharing the row, as their layout key includes the colours. */
const rowTexts = new WeakMap<Row, string>();

/** The escape text that draws a row from its first column, ending with attributes reset. */
export function rowText(row: Row, s: { dattr: number; codeAttr(a: number): string }): string {
  let out = rowTexts.get(row);
  if (out !== undefined) return out;
  out = '';
  let attr = s.dattr;
  row.forEach((cell, x) => {
    if (cell[1] === WIDE_FILLER) return;
    if (cell[0] !== attr) {
      if (attr !== s.dattr) out += '\x1b[m';
      if (cell[0] !== s.dattr) out += s.codeAttr(cell[0]);
      attr = cell[0];
    }
    out += cell[1];
    // As on a full repaint: the column after a cluster terminals draw at different widths is
    // reached explicitly (a row starts at the first column, so its index is the column).
    if (isAmbiguousCluster(cell[1])) out += `\x1b[${x + 1 + Math.max(1, graphemeWidth(cell[1]))}G`;
  });
  if (attr !== s.dattr) out += '\x1b[m';
  rowTexts.set(row, out);
  return out;
}

/** Wraps one entry into rows of cells `width` wide, breaking at spaces, continuation rows indented. */
export function wrapEntry(entry: LogEntry, attrOf: Record<Tone, number>, width: number, indent: number, unicode: boolean): Row[] {
  const w = Math.max(2, width);
  const pad = w >= indent + 12 ? indent : 0;
  const rows: Row[] = [];
  let row: Row = [];
  let col = 0;
  /** Index in `row` of the last space a line may break at. */
  let lastSpace = -1;
  const newRow = () => {
    rows.push(row);
    row = [];
    for (let i = 0; i < pad; i++) row.push([attrOf.plain, ' ']);
    col = pad;
    lastSpace = -1;
  };
  for (const span of entry) {
    const a = attrOf[span.tone];
    // Most lines are plain ASCII: one character per cell, no segmenting needed.
    const pieces: Iterable<string> = PRINTABLE_ASCII.test(span.text) ? span.text : eachGrapheme(span.text);
    for (const raw of pieces) {
      if (raw === '\n') {
        newRow();
        continue;
      }
      const g = unicode || raw <= '~' ? raw : '?';
      const gw = g === '\t' ? 1 : graphemeWidth(g);
      if (gw === 0) {
        const prev = row[row.length - 1];
        if (prev && prev[1] !== WIDE_FILLER) prev[1] += g;
        continue;
      }
      // A cluster that some terminals draw wider (a ZWJ family as three pictures) must not
      // reach the last column there either, or the terminal wraps it onto the next row.
      const reach = isAmbiguousCluster(g) ? Math.max(gw, widestDrawing(g)) : gw;
      if (col + reach > w && (col + gw > w || col > pad)) {
        if (g === ' ') {
          newRow();
          continue;
        }
        if (lastSpace > pad) {
          const carry = row.splice(lastSpace + 1);
          row.length = lastSpace;
          newRow();
          for (const c of carry) row.push(c);
          col = pad + carry.length;
        } else {
          newRow();
        }
      }
      const ch = g === '\t' ? ' ' : g;
      row.push([a, ch]);
      if (gw === 2) row.push([a, WIDE_FILLER]);
      col += gw;
      if (ch === ' ') lastSpace = row.length - 1;
    }
  }
  rows.push(row);
  return rows;
}
