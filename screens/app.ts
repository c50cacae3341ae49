import type { Identity } from '../src/server/auth.js';
import type { Services } from '../src/services/index.js';
import type { Terminal } from '../src/terminal.js';
import { isUserError } from '../src/errors.js';
import type { Member } from '../src/services/accounts.js';
import type { Navigator, ScreenContext, ScreenFactory, ScreenView, SessionState } from './context.js';
import { createBlessedScreen } from './blessed-screen.js';
import { createFrame } from './frame.js';
import { themeFor } from './theme.js';
import { mainMenu } from './main-menu.js';
import { resourcesScreen } from './resources.js';
import { signupScreen } from './signup.js';

export interface SessionUi {
  /** Tears the UI down, then closes the connection with a last plain-text line. */
  end(farewell: string): void;
}

/**
 * Runs one member's session on a Terminal: builds a blessed screen that belongs to this
 * session alone, the frame, and the navigation stack of screens.
 */
export function startSessionUi(terminal: Terminal, identity: Identity, services: Services): SessionUi {
  const { profile } = terminal;
  const screen = createBlessedScreen(terminal);

  const theme = themeFor(profile, identity.member?.monochrome ?? false);
  const frame = createFrame(screen, theme);
  const state: SessionState = {
    member: identity.member,
    presenceId: undefined,
    requestedName: identity.requestedName,
    provenKey: identity.provenKey,
    terminal,
  };

  const stack: ScreenView[] = [];
  let ended = false;
  const unsubscribers: Array<() => void> = [];

  const refreshFrame = () => {
    const top = stack[stack.length - 1];
    const online = services.presence.visibleCount();
    frame.setHeader(`${services.bbsName} - ${top?.title ?? ''}`, `${online} online`);
    frame.setHints(top?.hints ?? []);
  };

  const render = () => {
    if (ended) return;
    // A client that is not reading gets no more repaints until it catches up (hazard 5).
    if (terminal.congested()) {
      repaintOnDrain = true;
      return;
    }
    screen.render();
  };
  let repaintOnDrain = false;
  const onDrain = () => {
    if (!repaintOnDrain || ended) return;
    repaintOnDrain = false;
    screen.alloc();
    render();
  };
  terminal.on('drain', onDrain);

  const show = (view: ScreenView | undefined) => {
    if (!view) return;
    if (state.presenceId !== undefined && view.place) services.presence.setPlace(state.presenceId, view.place);
    refreshFrame();
    view.focus();
    render();
  };

  const ctx: ScreenContext = {
    screen,
    body: frame.body,
    services,
    session: state,
    nav: undefined as unknown as Navigator,
    theme,
    status: (message, kind = 'info') => {
      frame.setStatus(message, kind);
      render();
    },
    refreshFrame: () => {
      refreshFrame();
      render();
    },
  };

  const open = (factory: ScreenFactory): ScreenView | undefined => {
    try {
      return factory(ctx);
    } catch (err) {
      reportError(err);
      return undefined;
    }
  };

  const reportError = (err: unknown) => {
    if (isUserError(err)) {
      ctx.status(err.message, 'error');
    } else {
      services.log.error('screen error', { err: err instanceof Error ? err.stack : String(err) });
      ctx.status('Something went wrong on our side. It has been logged; please try again.', 'error');
    }
  };

  const nav: Navigator = {
    push(factory) {
      const view = open(factory);
      if (!view) return;
      stack.push(view);
      show(view);
    },
    pop() {
      if (stack.length <= 1) return;
      stack.pop()!.dispose();
      show(stack[stack.length - 1]);
    },
    replace(factory) {
      stack.pop()?.dispose();
      nav.push(factory);
    },
    goodbye() {
      end('\r\nGoodbye, and take care. You are always welcome back.\r\n');
    },
  };
  ctx.nav = nav;

  screen.key('C-r', () => {
    if (stack[stack.length - 1]?.title === 'Help now') return;
    nav.push(resourcesScreen);
  });

  // Any key clears the last status message. blessed reports CR twice ('enter', then
  // 'return'); the second must not wipe a message the first one caused.
  screen.on('keypress', (_ch: unknown, key: { name?: string }) => {
    if (key?.name === 'return') return;
    if (state.presenceId !== undefined) services.presence.touch(state.presenceId);
    if (frame.status.getContent()) frame.setStatus('', 'info');
  });

  terminal.on('input-dropped', (count: number) => {
    ctx.status(`That was too much at once: the last ${count} characters were not received.`, 'error');
  });

  const applySize = () => {
    frame.tooSmall.hidden = !terminal.tooSmall;
    if (terminal.tooSmall) frame.tooSmall.setFront();
  };
  terminal.on('resize', applySize);
  screen.on('resize', () => render());
  applySize();

  unsubscribers.push(
    services.hub.on('presence:changed', () => {
      refreshFrame();
      render();
    }),
  );

  const enterAsMember = (member: Member) => {
    state.member = member;
    services.accounts.recordLogin(member.id);
    state.presenceId = services.presence.join(member.id, member.name);
    while (stack.length) stack.pop()!.dispose();
    nav.push(mainMenu);
  };

  function end(farewell: string): void {
    if (ended) return;
    ended = true;
    for (const off of unsubscribers) off();
    while (stack.length) {
      try {
        stack.pop()!.dispose();
      } catch (err) {
        services.log.error('dispose failed', { err: String(err) });
      }
    }
    if (state.presenceId !== undefined) services.presence.leave(state.presenceId);
    terminal.off('drain', onDrain);
    try {
      // Destroy exactly once: it restores the client's terminal and frees every cell (hazard 6).
      frame.destroy();
      screen.destroy();
    } catch (err) {
      services.log.error('screen destroy failed', { err: String(err) });
    }
    terminal.close(farewell);
  }
  terminal.once('close', () => end(''));

  if (identity.member) {
    enterAsMember(identity.member);
  } else {
    nav.push(signupScreen({ onJoined: enterAsMember }));
  }
  return { end };
}
