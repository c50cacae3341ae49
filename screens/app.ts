import type { Identity } from '../src/server/auth.js';
import type { Services } from '../src/services/index.js';
import type { Terminal } from '../src/terminal.js';
import { isUserError } from '../src/errors.js';
import { writeWhenFree } from '../src/services/database-busy.js';
import type { Member } from '../src/services/accounts.js';
import type { Navigator, ScreenContext, ScreenFactory, ScreenView, SessionState } from './context.js';
import { createBlessedScreen } from './blessed-screen.js';
import { createFrame } from './frame.js';
import { themeFor, wantsLightLook } from './theme.js';
import { mainMenu } from './main-menu.js';
import { signupScreen } from './signup.js';
import { bannerScreen } from './banner.js';
import { LOG_IN_GATES, runLogInGates, type LogInGate } from './log-in-gates.js';
import { newPasswordScreen } from './new-password.js';
import { createStatusLine } from './notice.js';
import { watchPages } from './chat-pages.js';
import { createNavigator, type ScreenStack } from './navigator.js';
import { SessionHub, type WakeFilter } from './session-hub.js';
import { silence } from './blessed-internals.js';
import { createPaintScheduler } from './paint-scheduler.js';
import { watchSessionNotices } from './session-notices.js';
import { watchStaffActions } from './staff-notices.js';
import { sanctionNotice } from '../src/services/sanctions.js';
import { wrapText } from '../src/text/index.js';
import { deletionFarewell } from './delete-account.js';
import { DRAFT_KEPT, offerDrafts, watchDrain } from './drafts.js';

export interface SessionUi {
  /** Tears the UI down, then closes the connection with a last plain-text line. */
  end(farewell: string): void;
  /** The member once known: a newcomer has none until sign-up is finished. */
  member(): Member | undefined;
}

/** How a session may save memory while nobody uses it. */
export interface SessionUiOptions {
  /**
   * After this many ms without a key on screens that can all be built again (the main menu),
   * the session gives up its blessed screen and widgets, keeping only what rebuilds them; the
   * next key, a resize or an event worth showing builds them again. Unset: never.
   */
  hibernateAfterMs?: number;
}

/** What a session keeps while hibernating: the screens to build again, and its passing message. */
interface Hibernation {
  screens: ScreenFactory[];
  message?: { text: string; kind: 'info' | 'error' };
}

/** The parts of a session that live on its blessed screen, built at start and again on waking. */
interface Ui {
  ctx: ScreenContext;
  screens: ScreenStack;
  staffActions: { arrived(): void; dispose(): void };
  /** Chat pages reach the member from now on (once they have arrived). */
  watchPages(): void;
  onIdleWarning(closesAt: number): void;
  onIdleResumed(): void;
  /** What hibernating would keep, or undefined while something on screen cannot be rebuilt. */
  hibernation(): Hibernation | undefined;
  /** Removes every screen, widget and listener; `silently` leaves the member's terminal as it is. */
  teardown(silently: boolean): void;
}

/** Said at arrival when the light look was chosen for a slow connection. */
export const LIGHT_LOOK_CHOSEN = 'Your connection looks slow, so Haven uses its light look. Settings, L, changes that.';

/**
 * Runs one member's session on a Terminal: builds a blessed screen that belongs to this
 * session alone, the frame, and the navigation stack of screens.
 */
export function startSessionUi(terminal: Terminal, identity: Identity, services: Services, options: SessionUiOptions = {}): SessionUi {
  const state: SessionState = {
    member: identity.member,
    presenceId: undefined,
    requestedName: identity.requestedName,
    provenKey: identity.provenKey,
    terminal,
  };
  // Screens subscribe through the session's own view of the hub, which can hold events for a
  // hibernating session (see SessionHub).
  const hub = new SessionHub(services.hub, (event, err) => services.log.error('hub listener failed', { event, err: err instanceof Error ? err.stack : String(err) }));
  // Services as they are, with this hub in place of the server's: inherited, not copied, so a
  // name a SIGHUP changed (a getter) still reads live.
  const sessionServices = Object.create(services, { hub: { value: hub, enumerable: true } }) as Services;

  let ended = false;
  let arrived = false;
  let ui: Ui | undefined;
  let hibernating: Hibernation | undefined;
  /** Set once the member reached the main menu: then, and only then, their leaving is a log-off. */
  let loggedIn: { memberId: number; name: string } | undefined;
  const unsubscribers: Array<() => void> = [];
  /** What open editors keep when the session ends (their drafts); editors never hibernate. */
  const endHooks = new Set<() => boolean>();

  const buildUi = (): Ui => {
    const { profile } = terminal;
    const screen = createBlessedScreen(terminal);
    const lightChoice = state.member ? services.prefs.get(state.member.id).lightLook : 'auto';
    const theme = themeFor(profile, state.member?.monochrome ?? false, wantsLightLook(lightChoice, terminal.slowLink));
    const frame = createFrame(screen, theme);
    const uiUnsubscribers: Array<() => void> = [];

    const paints = createPaintScheduler(screen, terminal);
    const render = () => paints.render();
    const statusLine = createStatusLine(screen, frame, () => render());
    // The closure reads `screens` only once a screen is shown, after the navigator exists.
    const notices = watchSessionNotices({
      services: sessionServices,
      session: state,
      frame,
      theme,
      profile,
      paints,
      top: () => screens.top(),
      status: (message) => ctx.status(message),
    });
    const refreshFrame = () => notices.refreshFrame();

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
      services: sessionServices,
      session: state,
      nav: undefined as unknown as Navigator,
      theme,
      status: (message, kind = 'info') => statusLine.status(message, kind),
      refreshFrame: () => {
        refreshFrame();
        render();
      },
      notify: (message, opts) => statusLine.notify(message, opts),
      render: () => render(),
      keepAlive: () => terminal.keepAlive(),
      onSessionEnd(hook) {
        endHooks.add(hook);
        return () => endHooks.delete(hook);
      },
    };

    const reportError = (err: unknown) => {
      if (isUserError(err)) {
        ctx.status(err.message, 'error');
      } else {
        services.log.error('screen error', { err: err instanceof Error ? err.stack : String(err) });
        ctx.status('Something went wrong on our side. It has been logged; please try again.', 'error');
      }
    };

    const screens = createNavigator({
      screen,
      body: frame.body,
      contextFor: (page) => ({ ...ctx, body: page }),
      show,
      reportError,
      goodbye: (farewell) => end(`\r\n${farewell ?? 'Goodbye, and take care. You are always welcome back.'}\r\n`),
    });
    ctx.nav = screens.nav;
    // Suspensions, bans and disconnects end the session; warnings and broadcasts are shown.
    const staffActions = watchStaffActions(ctx, (notice) => endWith(notice));
    uiUnsubscribers.push(() => staffActions.dispose());
    const pages = () => uiUnsubscribers.push(watchPages(ctx));
    if (arrived) pages();

    // Any key clears the last status message. blessed reports CR twice ('enter', then
    // 'return'); the second must not wipe a message the first one caused.
    screen.on('keypress', (_ch: unknown, key: { name?: string; full?: string }) => {
      hibernateLater();
      if (key?.name === 'return') return;
      if (state.presenceId !== undefined) services.presence.touch(state.presenceId);
      statusLine.onKey(key ?? {});
    });

    // The transport warns before it closes an idle session; the countdown shows here, and any
    // key (or a line followed in a meeting) ends it.
    let idleCountdown: NodeJS.Timeout | undefined;
    const stopIdleCountdown = (): boolean => {
      if (!idleCountdown) return false;
      clearInterval(idleCountdown);
      idleCountdown = undefined;
      return true;
    };
    uiUnsubscribers.push(stopIdleCountdown);

    const applySize = () => {
      frame.tooSmall.hidden = !terminal.tooSmall;
      if (terminal.tooSmall) frame.tooSmall.setFront();
    };
    terminal.on('resize', applySize);
    uiUnsubscribers.push(() => terminal.off('resize', applySize));
    applySize();

    return {
      ctx,
      screens,
      staffActions,
      watchPages: pages,
      onIdleWarning(closesAt) {
        stopIdleCountdown();
        const tick = () => {
          const left = Math.max(0, Math.ceil((closesAt - Date.now()) / 1000));
          ctx.status(`No activity: logging off in ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}. Press any key to stay.`);
        };
        tick();
        idleCountdown = setInterval(tick, 1000);
        idleCountdown.unref();
      },
      onIdleResumed() {
        if (stopIdleCountdown()) ctx.status('');
      },
      hibernation() {
        if (idleCountdown || terminal.congested()) return undefined;
        const carried = statusLine.carried();
        const factories = carried && screens.resumable();
        return factories ? { screens: factories, message: carried.message } : undefined;
      },
      teardown(silently) {
        paints.dispose();
        for (const off of uiUnsubscribers) off();
        notices.dispose();
        statusLine.dispose();
        while (screens.depth()) {
          try {
            screens.closeTop();
          } catch (err) {
            services.log.error('dispose failed', { err: String(err) });
          }
        }
        try {
          if (silently) silence(screen);
          // Destroy exactly once: it restores the client's terminal and frees every cell (hazard 6).
          frame.destroy();
          screen.destroy();
        } catch (err) {
          services.log.error('screen destroy failed', { err: String(err) });
        }
      },
    };
  };

  /** The session's screens, built again first if it was hibernating. */
  const awake = (): Ui => {
    if (ui) return ui;
    const resumed = hibernating;
    hibernating = undefined;
    terminal.input.off('data', wakeOnInput);
    ui = buildUi();
    hub.awake();
    for (const factory of resumed?.screens ?? []) ui.screens.nav.push(factory);
    if (resumed?.message) ui.ctx.status(resumed.message.text, resumed.message.kind);
    hibernateLater();
    return ui;
  };

  // Hibernation: see SessionUiOptions.
  let hibernateTimer: NodeJS.Timeout | undefined;
  function hibernateLater(): void {
    if (options.hibernateAfterMs === undefined || ended) return;
    if (hibernateTimer) hibernateTimer.refresh();
    else {
      hibernateTimer = setTimeout(hibernate, options.hibernateAfterMs);
      hibernateTimer.unref();
    }
  }
  function hibernate(): void {
    hibernateTimer = undefined;
    if (!ui || ended || !arrived) return;
    const keep = ui.hibernation();
    if (!keep) return hibernateLater();
    hibernating = keep;
    // Events arriving from now on are kept out until one is worth waking for.
    hub.sleep(worthWaking, () => awake());
    const gone = ui;
    ui = undefined;
    gone.teardown(true);
    terminal.input.on('data', wakeOnInput);
  }
  /** The key that wakes the session reaches the rebuilt screens, as if they had been there. */
  function wakeOnInput(chunk: Buffer | string): void {
    awake();
    terminal.input.emit('data', chunk);
  }
  /** While hibernating, only events that change what the member would see build the screens again. */
  const worthWaking: WakeFilter = (name, payload) => {
    const me = state.member?.id;
    const p = payload as Record<string, unknown>;
    switch (name) {
      case 'presence:changed': // the header's count is read afresh on waking
      case 'online:count':
      case 'session:logged-in':
      case 'session:logged-off':
      case 'member:signed-up':
      case 'log-in:failed':
      case 'chat:line':
      case 'chat:notice':
      case 'chat:occupancy':
      case 'chat:left':
      case 'chat:rooms-changed':
      case 'chat:room-closed':
      case 'chat:meeting':
      case 'post:created':
      case 'post:changed':
      case 'held:changed':
      case 'boards:changed':
        return false;
      case 'mail:new':
        return p.recipientId === me;
      case 'chat:page':
        return p.toMemberId === me;
      case 'staff:action':
        return p.action === 'broadcast' || p.memberId === me;
      case 'report:filed':
        return services.staff.isStaff(state.member);
      case 'settings:changed':
      case 'blocks:changed':
      case 'mail:changed':
      case 'account:deletion-requested':
        return p.memberId === me;
      default:
        return true;
    }
  };
  // A hibernating session is built again at the new size (blessed reads it from the output).
  const onResize = () => {
    if (!ui) awake();
  };
  terminal.on('resize', onResize);
  unsubscribers.push(() => terminal.off('resize', onResize));

  ui = buildUi();

  // Asking to delete the account, here or in another session, ends every session of the member's.
  unsubscribers.push(
    services.hub.on('account:deletion-requested', (e) => {
      if (state.member?.id === e.memberId) end(`\r\n${deletionFarewell(e.goneAt, state.member.timeZone)}\r\n`);
    }),
  );

  // A restart's countdown reaches every session, a hibernating one too.
  unsubscribers.push(watchDrain(services, (message) => awake().ctx.notify(message, { ttlMs: 5000 })));

  const onIdleWarning = (closesAt: number) => awake().onIdleWarning(closesAt);
  const onIdleResumed = () => ui?.onIdleResumed();
  const onInputDropped = (count: number) =>
    awake().ctx.status(`That was too much at once: ${count.toLocaleString('en-GB')} character${count === 1 ? '' : 's'} at the end of it did not arrive.`, 'error');
  terminal.on('idle-warning', onIdleWarning);
  terminal.on('idle-resumed', onIdleResumed);
  terminal.on('input-dropped', onInputDropped);
  unsubscribers.push(() => {
    terminal.off('idle-warning', onIdleWarning);
    terminal.off('idle-resumed', onIdleResumed);
    terminal.off('input-dropped', onInputDropped);
  });

  const enterAsMember = (member: Member) => {
    // Sign-up awaits the password hash: the member may have gone meanwhile.
    if (ended) return;
    // Authentication succeeded, but a suspended or banned member is told why and let go,
    // before anything else (on the next turn: the transport is still setting the session up).
    const ban = services.sanctions.activeBan(member.id);
    if (ban) {
      services.log.info('log-in refused: suspended or banned', { memberId: member.id, kind: ban.kind });
      setImmediate(() => endWith(sanctionNotice(ban, member.timeZone)));
      return;
    }
    // Bookkeeping: with the database locked by another process, the log-in goes ahead and the
    // time is written once the lock is gone.
    writeWhenFree(
      () => services.accounts.recordLogin(member.id),
      (err) => services.log.error('recording a log-in failed', { err: err instanceof Error ? err.stack : String(err) }),
    );
    const show = (gate: ScreenFactory) => {
      if (ended) return;
      const { screens } = awake();
      while (screens.depth()) screens.closeTop();
      screens.nav.push(gate);
    };
    // A password the sysop reset is replaced first, when it is what the member logged in
    // with: a key proves who they are without it, and the one-time password stays due for
    // replacement at their next password log-in.
    const newPassword: LogInGate = (m, svc, pass) =>
      identity.via === 'password' && svc.accounts.mustChangePassword(m.id) ? newPasswordScreen({ member: m, onChanged: pass }) : undefined;
    runLogInGates(member, services, show, arrive, [newPassword, ...LOG_IN_GATES]);
  };

  const arrive = (member: Member) => {
    if (ended) return;
    state.member = member;
    state.presenceId = services.presence.join(member.id, member.name, services.prefs.get(member.id).invisible);
    arrived = true;
    loggedIn = { memberId: member.id, name: member.name };
    services.hub.emit('session:logged-in', { ...loggedIn, via: identity.member ? (identity.via ?? 'password') : 'sign-up' });
    const { ctx, screens, staffActions, watchPages: pages } = awake();
    pages();
    while (screens.depth()) screens.closeTop();
    ctx.nav.push(mainMenu);
    staffActions.arrived();
    // What the member was writing when a session last ended, offered before anything else.
    offerDrafts(ctx, member);
    const waiting: string[] = [];
    const unread = services.mail.unreadCount(member.id);
    if (unread > 0) waiting.push(`You have ${unread} unread message${unread === 1 ? '' : 's'}. Press M to read.`);
    // Told kindly, once: what members' reports hid while this member was away.
    const hidden = services.reports.postsHiddenSince(member.id, member.lastLoginAt ?? 0);
    if (hidden > 0) {
      waiting.push(
        `${hidden === 1 ? 'One of your posts is' : `${hidden} of your posts are`} hidden for now: some members reported ${hidden === 1 ? 'it' : 'them'}, and a moderator will look soon. Nothing is deleted.`,
      );
    }
    const reports = services.reports.canHandle(member) ? services.reports.openCount(member) : 0;
    if (reports > 0) waiting.push(`${reports} open report${reports === 1 ? '' : 's'} (! Staff desk, then Q).`);
    waiting.push(...heldPostNews(services, member));
    if (ctx.theme.light && services.prefs.get(member.id).lightLook === 'auto') waiting.push(LIGHT_LOOK_CHOSEN);
    if (waiting.length) ctx.status(waiting.join(' '));
    hibernateLater();
  };

  /** Ends the session with a notice the member reads in their terminal afterwards, wrapped to its width. */
  function endWith(notice: string): void {
    end(`\n${wrapText(notice, terminal.cols - 1).join('\n')}\n`);
  }

  function end(farewell: string): void {
    if (ended) return;
    ended = true;
    if (keepDrafts() && farewell) farewell += `${DRAFT_KEPT}\r\n`;
    if (hibernateTimer) clearTimeout(hibernateTimer);
    terminal.input.off('data', wakeOnInput);
    for (const off of unsubscribers) off();
    ui?.teardown(false);
    ui = undefined;
    // A hibernating session has no screen to leave the terminal's alternate screen with, and a
    // farewell should be read on the member's own screen: a bare one is made to be left.
    if (hibernating && farewell) {
      try {
        createBlessedScreen(terminal).destroy();
      } catch (err) {
        services.log.error('screen destroy failed', { err: String(err) });
      }
    }
    if (state.presenceId !== undefined) services.presence.leave(state.presenceId);
    if (loggedIn) services.hub.emit('session:logged-off', loggedIn);
    hub.dispose();
    terminal.close(farewell);
  }
  terminal.once('close', () => end(''));

  /** Every open editor keeps what it holds; true when one kept something. */
  function keepDrafts(): boolean {
    let kept = false;
    for (const hook of endHooks) {
      try {
        kept = hook() || kept;
      } catch (err) {
        // Never the text itself: drafts are private.
        services.log.error('draft not kept', { err: err instanceof Error ? err.message : String(err) });
      }
    }
    endHooks.clear();
    return kept;
  }

  const begin = () => {
    if (ended) return;
    const { screens } = awake();
    while (screens.depth()) screens.closeTop();
    if (identity.member) enterAsMember(identity.member);
    else screens.nav.push(signupScreen({ onJoined: enterAsMember }));
  };
  // The sysop's banner comes first, once per connection, to newcomers and members alike; a
  // suspended or banned member is told why at once instead.
  const refused = identity.member !== undefined && services.sanctions.activeBan(identity.member.id) !== undefined;
  if (!refused && services.banner.exists()) ui.screens.nav.push(bannerScreen({ onContinue: begin }));
  else begin();
  return { end, member: () => state.member };
}

/**
 * At log-in: what became of the member's held posts while they were away (a member online
 * when it happened heard at once), and for staff how many posts wait for their review.
 */
function heldPostNews(services: Services, member: Member): string[] {
  const news: string[] = [];
  const since = member.lastLoginAt ?? 0;
  for (const h of services.heldPosts.mine(member).filter((p) => p.status !== 'held' && (p.decidedAt ?? 0) > since).slice(0, 3)) {
    news.push(
      h.status === 'approved'
        ? `A moderator approved your post "${h.subject}": it is published.`
        : `A moderator did not publish your post "${h.subject}". The reason: ${h.reason}`,
    );
  }
  if (services.staff.isStaff(member)) {
    const held = services.heldPosts.held(member).length;
    if (held > 0) news.push(`${held} post${held === 1 ? ' waits' : 's wait'} for your review (! Staff desk, then H).`);
  }
  return news;
}
