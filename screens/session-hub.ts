import { Hub, type HubEventName, type HubEvents } from '../src/hub.js';

/** Decides, for a session with no screen, whether an event is worth building the screen again for. */
export type WakeFilter = <K extends HubEventName>(name: K, payload: HubEvents[K]) => boolean;

/**
 * One session's view of the server's hub: its screens subscribe here, and it holds one
 * subscription to the server's hub per kind of event they listen for. While the session is
 * hibernating (no screen, so no listener of its own) those subscriptions stay, and an event
 * the filter finds worth showing wakes the session first, so the screens built on waking
 * hear it as if they had been there all along; any other event is dropped (what it changed
 * is read afresh when the screens are built again).
 */
export class SessionHub extends Hub {
  private readonly upstream = new Map<HubEventName, () => void>();
  private asleep: { filter: WakeFilter; wake: () => void } | undefined;

  constructor(
    private readonly server: Hub,
    onListenerError: (event: HubEventName, err: unknown) => void,
  ) {
    super(onListenerError);
  }

  override emit<K extends HubEventName>(name: K, payload: HubEvents[K]): void {
    this.server.emit(name, payload);
  }

  override on<K extends HubEventName>(name: K, listener: (payload: HubEvents[K]) => void): () => void {
    if (!this.upstream.has(name)) this.subscribe(name);
    const off = super.on(name, listener);
    return () => {
      off();
      if (!this.asleep) this.prune(name);
    };
  }

  /** How many listen for `name` on the server's hub (each session counts once per kind). */
  override listenerCount(name: HubEventName): number {
    return this.server.listenerCount(name);
  }

  /** From now until `awake`, events pass `filter` or are dropped; one that passes calls `wake` first. */
  sleep(filter: WakeFilter, wake: () => void): void {
    this.asleep = { filter, wake };
  }

  /** The screens are back: events reach them again, and kinds nobody listens for any more are let go. */
  awake(): void {
    this.asleep = undefined;
    for (const name of [...this.upstream.keys()]) this.prune(name);
  }

  /** The session is over: no subscription is left on the server's hub. */
  dispose(): void {
    this.asleep = undefined;
    for (const off of this.upstream.values()) off();
    this.upstream.clear();
  }

  /** Made apart from `on`, so the subscription that outlives a listener holds nothing of it. */
  private subscribe<K extends HubEventName>(name: K): void {
    this.upstream.set(name, this.server.on(name, (payload) => this.deliver(name, payload)));
  }

  private deliver<K extends HubEventName>(name: K, payload: HubEvents[K]): void {
    const asleep = this.asleep;
    if (asleep) {
      if (!asleep.filter(name, payload)) return;
      asleep.wake();
    }
    super.emit(name, payload);
  }

  private prune(name: HubEventName): void {
    if (super.listenerCount(name) > 0) return;
    this.upstream.get(name)?.();
    this.upstream.delete(name);
  }
}
