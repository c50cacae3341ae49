import blessed from 'blessed';
import { escapeTags, padToWidth } from '../../src/text/index.js';
import type { Box, ScreenContext } from '../context.js';
import { createList } from './list.js';
import { createScope } from './scope.js';

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
  const scope = createScope(ctx);
  const list = scope.widget(createList(ctx, { parent: opts.parent, top: opts.top, width: opts.width, height: opts.height ?? opts.items.length }));

  const layout = () => {
    const width = Math.max(10, Number(list.width));
    const labelWidth = Math.min(24, Math.max(...opts.items.map((i) => i.label.length)) + 6);
    // The light look leaves descriptions out: the labels say enough, in a third of the bytes.
    const describe = !ctx.theme.light && width > labelWidth + 10;
    list.setItems(
      opts.items.map((item) => {
        const label = ` [${item.key}] ${item.label}`;
        const desc = describe && item.description ? padToWidth(item.description, Math.max(0, width - labelWidth - 1)) : '';
        return escapeTags(desc ? padToWidth(label, labelWidth) + desc : label);
      }),
    );
  };
  layout();
  scope.onScreen('resize', () => layout());
  // Back from Settings, the look may have changed (descriptions come and go with the light look).
  list.on('focus', layout);

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
    destroy: () => scope.dispose(),
  };
}
