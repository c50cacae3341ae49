import blessed from 'blessed';
import type { Box } from '../context.js';

/** A read-only page that scrolls by line (arrows, j/k) and by page (PgUp/PgDn, space, b). */
export function createTextView(opts: {
  parent: Box;
  top: number | string;
  height: number | string;
  /** Content already escaped for blessed tags. */
  content: string;
  style?: Record<string, unknown>;
}): blessed.Widgets.BoxElement {
  const view = blessed.box({
    parent: opts.parent,
    top: opts.top,
    left: 0,
    width: '100%',
    height: opts.height,
    content: opts.content,
    tags: true,
    scrollable: true,
    alwaysScroll: true,
    keys: true,
    vi: true,
    style: opts.style ?? {},
    padding: { left: 1, right: 1 },
  });
  view.key(['space', 'pagedown'], () => {
    view.scroll(Math.max(1, Number(view.height) - 1));
    view.screen.render();
  });
  view.key(['b', 'pageup'], () => {
    view.scroll(-Math.max(1, Number(view.height) - 1));
    view.screen.render();
  });
  return view;
}
