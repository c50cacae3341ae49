import type { HubEventName, HubEvents } from '../../src/hub.js';
import type { ScreenContext } from '../context.js';

/**
 * What a screen made and subscribed to, so that one `dispose()` undoes all of it: hub
 * subscriptions, listeners on ctx.screen (which outlives every screen) and widgets.
 */
export interface Scope {
  /** Keeps `w` to destroy on dispose; give it top-level widgets only (children go with them). */
  widget<T extends { destroy(): void }>(w: T): T;
  /** Subscribes to a hub event until dispose. */
  onHub<K extends HubEventName>(name: K, listener: (payload: HubEvents[K]) => void): void;
  /** Listens on ctx.screen (e.g. 'resize') until dispose. */
  onScreen(event: string, listener: () => void): void;
  dispose(): void;
}

export function createScope(ctx: ScreenContext): Scope {
  const offs: (() => void)[] = [];
  const widgets: { destroy(): void }[] = [];
  return {
    widget(w) {
      widgets.push(w);
      return w;
    },
    onHub(name, listener) {
      offs.push(ctx.services.hub.on(name, listener));
    },
    onScreen(event, listener) {
      ctx.screen.on(event, listener);
      offs.push(() => ctx.screen.removeListener(event, listener));
    },
    dispose() {
      for (const off of offs.splice(0)) off();
      for (const w of widgets.splice(0)) w.destroy();
    },
  };
}
