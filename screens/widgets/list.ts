import blessed from 'blessed';
import { cellBuffers, lastDrawnArea, listItems, listLength, listSelection, styleAttr } from '../blessed-internals.js';
import type { Box, ScreenContext } from '../context.js';

export type List = blessed.Widgets.ListElement;

/**
 * A list in the house style: full width from the left edge, arrows and j/k move, tagged items
 * (escape member text), the theme's selection bar. `plainItems` leaves unselected lines in
 * the terminal's own colour instead of the theme's.
 */
export function createList(
  ctx: ScreenContext,
  opts: { parent?: Box; top: number | string; height: number | string; width?: number | string; plainItems?: boolean },
): List {
  const list = blessed.list({
    parent: opts.parent ?? ctx.body,
    top: opts.top,
    left: 0,
    width: opts.width ?? '100%',
    height: opts.height,
    keys: true,
    vi: true,
    tags: true,
    style: opts.plainItems ? { selected: {} } : { selected: ctx.theme.item, item: ctx.theme.item },
    items: [],
  } as blessed.Widgets.ListOptions<blessed.Widgets.ListElementStyle>);
  barOverFirstField(list, ctx);
  ignoreControlLetters(list);
  // Home and End jump to the first and last line, in every list (blessed knows only g/G).
  list.key(['home', 'end'], (_ch: unknown, key: { name?: string }) => {
    const count = listLength(list);
    if (count === 0) return;
    list.select(key.name === 'home' ? 0 : count - 1);
    ctx.screen.render();
  });
  return list;
}

// blessed's vi keys do not look at Ctrl, so Ctrl-L (repaint the screen) would open the selected
// line and Ctrl-Q leave the list. Only its Ctrl page keys (u, d, b, f) are meant for it. Its
// capital H, M and L (top, middle, bottom of the view) would move the selection under a
// screen's own letter keys (H hides in the moderation queue): screens keep those letters.
const LIST_CTRL_KEYS = new Set(['u', 'd', 'b', 'f']);
const SCREEN_CAPITALS = new Set(['h', 'm', 'l']);
function ignoreControlLetters(list: List): void {
  const own = list.listeners('keypress') as Array<(ch: unknown, key: { name?: string; ctrl?: boolean; shift?: boolean }) => void>;
  for (const handler of own) {
    list.removeListener('keypress', handler);
    list.on('keypress', (ch: unknown, key: { name?: string; ctrl?: boolean; shift?: boolean }) => {
      if (key?.ctrl && !LIST_CTRL_KEYS.has(key.name ?? '')) return;
      if (key?.shift && SCREEN_CAPITALS.has(key.name ?? '')) return;
      // blessed's vi l (right) would choose the line as Enter does: a stray key must not answer.
      if (!key?.shift && key?.name === 'l') return;
      handler.call(list, ch, key);
    });
  }
}

/** The index of the highlighted line (blessed keeps it but does not type it). */
/**
 * The selection bar covers the selected line's first field (up to the first gap of two
 * spaces: a menu entry's key and name, a board's name, a thread's subject), not the whole
 * width. Moving the selection then rewrites two short labels, not two whole rows: a few dozen
 * bytes, which a member on a slow link feels. The list's own selected style must be its item
 * style, so the rest of the line reads as the others do.
 */
export function barOverFirstField(list: List, ctx: Pick<ScreenContext, 'screen' | 'theme'>): void {
  list.on('render', () => {
    const item = listItems(list)[listSelection(list)];
    const area = item && lastDrawnArea(item);
    if (!area || area.yl <= area.yi) return;
    const row = cellBuffers(ctx.screen).lines[area.yi];
    if (!row) return;
    const right = Math.min(area.xl, row.length);
    let from = area.xi;
    while (from < right && row[from]![1] === ' ') from++;
    let to = from;
    while (to < right && !(row[to]![1] === ' ' && (to + 1 >= right || row[to + 1]![1] === ' '))) to++;
    const bar = styleAttr(list, ctx.theme.selected);
    for (let x = from; x < to; x++) {
      if (row[x]![0] === bar) continue;
      row[x]![0] = bar;
      row.dirty = true;
    }
  });
}

export function selectedIndex(list: List): number {
  return listSelection(list);
}
