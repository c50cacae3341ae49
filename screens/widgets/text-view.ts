import blessed from 'blessed';
import type { Box } from '../context.js';

/**
 * A read-only page that scrolls by line (arrows, j/k) and by page (Space/PgDn down, b/PgUp
 * up, Home/End or g/G to either end), the same keys at every window size.
 */
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
  // A page keeps one line of the last in view, so the eye finds its place.
  const page = () => Math.max(1, Number(view.height) - 1);
  const scroll = (by: number) => {
    view.scroll(by);
    view.screen.render();
  };
  view.key(['space', 'pagedown'], () => scroll(page()));
  view.key(['b', 'pageup'], () => scroll(-page()));
  view.key(['home'], () => {
    view.setScroll(0);
    view.screen.render();
  });
  view.key(['end'], () => {
    view.setScroll(view.getScrollHeight());
    view.screen.render();
  });
  return view;
}
