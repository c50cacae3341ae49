import { attrCodes, cellBuffers, queueBeforeDraw, screenCells, type DrawnArea } from './blessed-internals.js';
import type { BlessedScreen } from './context.js';

/**
 * Scrolls the terminal's rows of `area` by `by` lines (positive: the text moves up, as when
 * reading on) inside a scroll region, and makes blessed's record of what the terminal shows
 * agree. The paint that follows then sends only the rows that came into view, not the whole
 * area: one line of a thread costs a line, not a screen, on a slow link.
 * Nothing is done (false) unless the area spans whole rows and the move is shorter than it;
 * the paint is right either way, since every row of the area is compared again.
 */
export function scrollRows(screen: BlessedScreen, area: DrawnArea, by: number): boolean {
  const { width } = screenCells(screen);
  const top = area.yi;
  const bottom = area.yl - 1;
  const rows = bottom - top + 1;
  if (by === 0 || Math.abs(by) >= rows || area.xi !== 0 || area.xl !== width) return false;
  const { lines, olines } = cellBuffers(screen);
  if (bottom >= olines.length) return false;
  const { dattr } = attrCodes(screen);
  // DECSTBM, then line feeds at the region's foot (up) or reverse index at its head (down):
  // VT100's own means, known to every terminal Haven draws for. The reset first makes the
  // rows that scroll in blank in the terminal's own colours, as recorded below.
  let text = `\x1b[m\x1b[${top + 1};${bottom + 1}r`;
  text += by > 0 ? `\x1b[${bottom + 1};1H${'\n'.repeat(by)}` : `\x1b[${top + 1};1H${'\x1bM'.repeat(-by)}`;
  text += '\x1b[r';
  queueBeforeDraw(screen, text);

  const region = olines.slice(top, bottom + 1);
  const moved = by > 0 ? [...region.slice(by), ...region.slice(0, by)] : [...region.slice(by), ...region.slice(0, rows + by)];
  const blanks = by > 0 ? moved.slice(rows - by) : moved.slice(0, -by);
  for (const row of blanks) {
    for (const cell of row) {
      cell[0] = dattr;
      cell[1] = ' ';
    }
  }
  for (let i = 0; i < rows; i++) {
    olines[top + i] = moved[i]!;
    // Every row of the area is compared again on the next paint, changed or not.
    if (lines[top + i]) lines[top + i]!.dirty = true;
  }
  return true;
}
