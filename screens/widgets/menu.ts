import blessed from 'blessed';
import { escapeTags, padToWidth } from '../../src/text/index.js';
import type { Box, ScreenContext } from '../context.js';

export interface MenuItem {
  /** The hotkey, one character, shown in brackets. */
  key: string;
  label: string;
  description?: string;
  action(): void;
}

export interface Menu {
  list: blessed.Widgets.ListElement;
  focus(): void;
  destroy(): void;
}

/**
 * A classic BBS menu: arrows or j/k move, Enter opens, or the item's hotkey opens it directly.
 * Esc and Left call `onBack`.
 */
export function createMenu(
  ctx: ScreenContext,
  opts: { parent: Box; top: number | string; items: MenuItem[]; onBack?: () => void; width?: number | string; height?: number | string },
): Menu {
  const list = blessed.list({
    parent: opts.parent,
    top: opts.top,
    left: 0,
    width: opts.width ?? '100%',
    height: opts.height ?? opts.items.length,
    keys: true,
    vi: true,
    tags: true,
    style: { selected: ctx.theme.selected, item: ctx.theme.item },
    items: [],
  } as blessed.Widgets.ListOptions<blessed.Widgets.ListElementStyle>);

  const layout = () => {
    const width = Math.max(10, Number(list.width));
    const labelWidth = Math.min(24, Math.max(...opts.items.map((i) => i.label.length)) + 6);
    list.setItems(
      opts.items.map((item) => {
        const label = padToWidth(` [${item.key}] ${item.label}`, labelWidth);
        const desc = item.description ? padToWidth(item.description, Math.max(0, width - labelWidth - 1)) : '';
        return escapeTags(label + (width > labelWidth + 10 ? desc : ''));
      }) as unknown as string[],
    );
  };
  layout();
  const onResize = () => layout();
  ctx.screen.on('resize', onResize);

  list.on('select', (_item: unknown, index: number) => opts.items[index]?.action());
  list.on('keypress', (ch: string | undefined, key: { name?: string; ctrl?: boolean; meta?: boolean }) => {
    if (key.name === 'escape' || key.name === 'left') {
      opts.onBack?.();
      return;
    }
    if (!ch || key.ctrl || key.meta) return;
    const item = opts.items.find((i) => i.key.toLowerCase() === ch.toLowerCase());
    if (item) item.action();
  });

  return {
    list,
    focus: () => list.focus(),
    destroy() {
      ctx.screen.removeListener('resize', onResize);
      list.destroy();
    },
  };
}
