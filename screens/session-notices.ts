import type { Services } from '../src/services/index.js';
import type { TerminalProfile } from '../src/terminal.js';
import type { ScreenView, SessionState } from './context.js';
import type { Frame } from './frame.js';
import type { PaintScheduler } from './paint-scheduler.js';
import { restyleTheme, themeFor, wantsLightLook, type Theme } from './theme.js';

export interface SessionNoticesOptions {
  services: Services;
  session: SessionState;
  frame: Frame;
  /** The session's theme, restyled in place when the member changes the look elsewhere. */
  theme: Theme;
  profile: TerminalProfile;
  paints: PaintScheduler;
  /** The screen the member sees, whose title and hints the frame shows. */
  top(): ScreenView | undefined;
  /** A passing message in the status line. */
  status(message: string): void;
}

export interface SessionNotices {
  /** Sets the frame's header (title, unread mail, who is online) and hints for the top screen. */
  refreshFrame(): void;
  dispose(): void;
}

/**
 * The frame's header, and what the hub tells this session while it is open: the online
 * count, the member's mail, settings changed in another of their sessions, new reports.
 */
export function watchSessionNotices(opts: SessionNoticesOptions): SessionNotices {
  const { services, session: state, frame, theme, profile, paints } = opts;
  const render = () => paints.render();
  let disposed = false;

  // What the header shows, kept so an online count that changed repaints it without a query.
  let online = 0;
  let unread = 0;
  const drawFrame = () => {
    const top = opts.top();
    frame.setHeader(`${services.bbsName} - ${top?.title ?? ''}`, `${unread ? `${unread} new mail, ` : ''}${online} online`);
    frame.setHints(top?.hints ?? []);
  };
  const refreshFrame = () => {
    online = services.presence.visibleCount();
    unread = state.member ? services.mail.unreadCount(state.member.id) : 0;
    drawFrame();
  };

  const unsubscribers: Array<() => void> = [];

  // The server announces the count once for every session, coalesced; only the header changes.
  unsubscribers.push(
    services.hub.on('online:count', (e) => {
      if (disposed || e.count === online) return;
      online = e.count;
      drawFrame();
      render();
    }),
  );

  // Mail: the header's unread count follows every change, new mail is announced in the
  // status line at once, and online sysops hear about new reports.
  const mine = (memberId: number) => state.member?.id === memberId;
  unsubscribers.push(
    // A setting changed in another of the member's sessions (time zone, look) applies here too.
    services.hub.on('settings:changed', (e) => {
      if (!mine(e.memberId) || !state.member) return;
      const fresh = services.accounts.findById(e.memberId);
      if (!fresh) return;
      Object.assign(state.member, { timeZone: fresh.timeZone, monochrome: fresh.monochrome });
      const look = themeFor(profile, fresh.monochrome, wantsLightLook(services.prefs.get(e.memberId).lightLook, state.terminal.slowLink));
      if (look.monochrome === theme.monochrome && look.light === theme.light) return;
      // The new look at once: restyle in place and repaint every cell. Text a screen coloured
      // with tags of its own takes the new look when that screen next draws it.
      restyleTheme(theme, look);
      refreshFrame();
      paints.repaintAll();
    }),
    services.hub.on('mail:new', (e) => {
      if (!mine(e.recipientId)) return;
      refreshFrame();
      // In the mailbox the list shows it already; elsewhere, say where to find it.
      if (opts.top()?.title === 'Mail') render();
      else opts.status(`New mail from ${e.senderName}. Press M on the main menu to read it.`);
    }),
    services.hub.on('mail:changed', (e) => {
      if (!mine(e.memberId)) return;
      refreshFrame();
      render();
    }),
    // A post of this member's hidden because members reported it: said kindly, at once.
    // (A moderator's own hide is told by the moderation code that makes it.)
    services.hub.on('staff:action', (e) => {
      if (e.action !== 'post.hide' || e.actorName !== 'reports' || e.memberId === null || !mine(e.memberId)) return;
      opts.status('One of your posts is hidden for now: some members reported it, and a moderator will look at it soon. Nothing is deleted.');
    }),
    // The sysop changed this member's role or name (at the BBS or the console): the session
    // goes on with the account as it is now. Screens hold the same member object.
    services.hub.on('staff:action', (e) => {
      if (e.memberId === null || !mine(e.memberId) || !state.member) return;
      if (e.action !== 'member.role' && e.action !== 'member.rename') return;
      const fresh = services.accounts.findById(e.memberId);
      if (!fresh) return;
      Object.assign(state.member, { name: fresh.name, role: fresh.role });
      refreshFrame();
      opts.status(
        e.action === 'member.rename'
          ? `The sysop renamed you: you are ${fresh.name} now, and log in with that name.`
          : `The sysop changed your role: you are ${fresh.role === 'sysop' ? 'a sysop' : 'a member'}${e.detail.board ? ` and moderate ${String(e.detail.board)}` : ''} now.`,
      );
    }),
    // A moderator (here or at the console) decided one of the member's held posts.
    services.hub.on('staff:action', (e) => {
      if (e.memberId === null || !mine(e.memberId)) return;
      if (e.action === 'post.approve') opts.status(`A moderator approved your post "${e.targetLabel}": it is published now.`);
      if (e.action === 'post.reject') opts.status(`A moderator did not publish your post "${e.targetLabel}". The reason: ${e.reason}`);
    }),
    services.hub.on('report:filed', (e) => {
      if (!services.reports.canSee(state.member, e.reportId)) return;
      const what = { mail: 'a message', post: 'a post', chat: 'a chat line' }[e.kind];
      // Filed by the BBS itself for a watched word to flag: no member reported it.
      const byWords = services.reports.get(state.member!, e.reportId)?.byWatchedWords === true;
      opts.status(`${byWords ? 'A watched word flagged' : 'A member reported'} ${what}: see the moderation queue (! Staff desk, then Q).`);
    }),
  );

  return {
    refreshFrame,
    dispose() {
      disposed = true;
      for (const off of unsubscribers) off();
    },
  };
}
