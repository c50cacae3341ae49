import type { Identity } from '../src/server/auth.js';
import type { Services } from '../src/services/index.js';
import type { Terminal } from '../src/terminal.js';
import { isUserError } from '../src/errors.js';
import type { Member } from '../src/services/accounts.js';
import type { Navigator, ScreenContext, ScreenFactory, ScreenView, SessionState } from './context.js';
import { createBlessedScreen } from './blessed-screen.js';
import { createFrame } from './frame.js';
import { themeFor, wantsLightLook } from './theme.js';
import { mainMenu } from './main-menu.js';
import { signupScreen } from './signup.js';
import { LOG_IN_GATES, runLogInGates, type LogInGate } from './log-in-gates.js';
import { newPasswordScreen } from './new-password.js';
import { createStatusLine } from './notice.js';
import { watchPages } from './chat-pages.js';
import { createNavigator } from './navigator.js';
import { createPaintScheduler } from './paint-scheduler.js';
import { watchSessionNotices } from './session-notices.js';
import { watchStaffActions } from './staff-notices.js';
import { sanctionNotice } from '../src/services/sanctions.js';
import { wrapText } from '../src/text/index.js';
import { deletionFarewell } from './delete-account.js';

export interface SessionUi {
  /** Tears the UI down, then closes the connection with a last plain-text line. */
  end(farewell: string): void;
  /** The member once known: a newcomer has none until sign-up is finished. */
  member(): Member | undefined;
}

/** Said at arrival when the light look was chosen for a slow connection. */
export const LIGHT_LOOK_CHOSEN = 'Your connection looks slow, so Haven uses its light look. Settings, L, changes that.';

/**
 * Runs one member's session on a Terminal: builds a blessed screen that belongs to this
 * session alone, the frame, and the navigation stack of screens.
 */
export function startSessionUi(terminal: Terminal, identity: Identity, services: Services): SessionUi {
  const { profile } = terminal;
  const screen = createBlessedScreen(terminal);

  const lightChoice = identity.member ? services.prefs.get(identity.member.id).lightLook : 'auto';
  const light = wantsLightLook(lightChoice, terminal.slowLink);
  const theme = themeFor(profile, identity.member?.monochrome ?? false, light);
  const frame = createFrame(screen, theme);
  const state: SessionState = {
    member: identity.member,
    presenceId: undefined,
    requestedName: identity.requestedName,
    provenKey: identity.provenKey,
    terminal,
  };

  let ended = false;
  const unsubscribers: Array<() => void> = [];

  const paints = createPaintScheduler(screen, terminal);
  const render = () => paints.render();
  const statusLine = createStatusLine(screen, frame, () => render());
  // The closure reads `screens` only once a screen is shown, after the navigator exists.
  const notices = watchSessionNotices({
    services,
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
    services,
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
  const { nav } = screens;
  ctx.nav = nav;
  // Suspensions, bans and disconnects end the session; warnings and broadcasts are shown.
  const staffActions = watchStaffActions(ctx, (notice) => endWith(notice));
  unsubscribers.push(() => staffActions.dispose());

  // Asking to delete the account, here or in another session, ends every session of the member's.
  unsubscribers.push(
    services.hub.on('account:deletion-requested', (e) => {
      if (state.member?.id === e.memberId) end(`\r\n${deletionFarewell(e.goneAt, state.member.timeZone)}\r\n`);
    }),
  );

  // Any key clears the last status message. blessed reports CR twice ('enter', then
  // 'return'); the second must not wipe a message the first one caused.
  screen.on('keypress', (_ch: unknown, key: { name?: string; full?: string }) => {
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
  const onIdleWarning = (closesAt: number) => {
    stopIdleCountdown();
    const tick = () => {
      const left = Math.max(0, Math.ceil((closesAt - Date.now()) / 1000));
      ctx.status(`No activity: logging off in ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}. Press any key to stay.`);
    };
    tick();
    idleCountdown = setInterval(tick, 1000);
    idleCountdown.unref();
  };
  const onIdleResumed = () => {
    if (stopIdleCountdown()) ctx.status('');
  };
  terminal.on('idle-warning', onIdleWarning);
  terminal.on('idle-resumed', onIdleResumed);
  unsubscribers.push(() => {
    stopIdleCountdown();
    terminal.off('idle-warning', onIdleWarning);
    terminal.off('idle-resumed', onIdleResumed);
  });

  terminal.on('input-dropped', (count: number) => {
    ctx.status(`That was too much at once: ${count.toLocaleString('en-GB')} character${count === 1 ? '' : 's'} at the end of it did not arrive.`, 'error');
  });

  const applySize = () => {
    frame.tooSmall.hidden = !terminal.tooSmall;
    if (terminal.tooSmall) frame.tooSmall.setFront();
  };
  terminal.on('resize', applySize);
  applySize();

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
    services.accounts.recordLogin(member.id);
    const show = (gate: ScreenFactory) => {
      if (ended) return;
      while (screens.depth()) screens.closeTop();
      nav.push(gate);
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
    unsubscribers.push(watchPages(ctx));
    while (screens.depth()) screens.closeTop();
    nav.push(mainMenu);
    staffActions.arrived();
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
    if (theme.light && services.prefs.get(member.id).lightLook === 'auto') waiting.push(LIGHT_LOOK_CHOSEN);
    if (waiting.length) ctx.status(waiting.join(' '));
  };

  /** Ends the session with a notice the member reads in their terminal afterwards, wrapped to its width. */
  function endWith(notice: string): void {
    end(`\n${wrapText(notice, terminal.cols - 1).join('\n')}\n`);
  }

  function end(farewell: string): void {
    if (ended) return;
    ended = true;
    paints.dispose();
    for (const off of unsubscribers) off();
    notices.dispose();
    statusLine.dispose();
    while (screens.depth()) {
      try {
        screens.closeTop();
      } catch (err) {
        services.log.error('dispose failed', { err: String(err) });
      }
    }
    if (state.presenceId !== undefined) services.presence.leave(state.presenceId);
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
