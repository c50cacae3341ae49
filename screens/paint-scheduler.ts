import type { Terminal } from '../src/terminal.js';
import type { BlessedScreen } from './context.js';

/** How a session's screen gets painted: every render request goes through here. */
export interface PaintScheduler {
  /** Asks for a paint; any number of requests in one turn of the event loop make one. */
  render(): void;
  /** Paints every cell again, not only those blessed believes changed. */
  repaintAll(): void;
  /** No paint from now on, and no listener left on the terminal: the session is ending. */
  dispose(): void;
}

/**
 * Takes over `screen.render`, so a screen or widget asking for a render goes through the
 * scheduler too, and adds Ctrl-L's full repaint.
 */
export function createPaintScheduler(screen: BlessedScreen, terminal: Terminal): PaintScheduler {
  let disposed = false;

  // Every render request from any screen is coalesced into one paint per turn of the event
  // loop: a burst of keys (a paste, or a client replaying hotkeys) costs one paint, not one
  // per key. A client that is not reading gets no paint until it catches up (hazard 5).
  const paint = screen.render.bind(screen);
  let paintQueued = false;
  let repaintOnDrain = false;
  screen.render = () => {
    if (paintQueued || disposed) return;
    paintQueued = true;
    setImmediate(() => {
      paintQueued = false;
      if (disposed) return;
      if (terminal.congested()) {
        repaintOnDrain = true;
        return;
      }
      paint();
    });
  };
  const render = () => screen.render();
  const repaintAll = () => {
    screen.alloc();
    render();
  };
  const onDrain = () => {
    if (!repaintOnDrain || disposed) return;
    repaintOnDrain = false;
    repaintAll();
  };
  terminal.on('drain', onDrain);

  // Ctrl-L paints the whole screen again, as in most terminal programs: line noise, or another
  // program writing to the member's terminal, can leave it showing what Haven never drew.
  screen.key('C-l', repaintAll);

  // Screens re-lay out in their own 'resize' listeners, which run after this one: paint once they all have.
  screen.on('resize', () => setImmediate(render));

  return {
    render,
    repaintAll,
    dispose() {
      disposed = true;
      terminal.off('drain', onDrain);
    },
  };
}
