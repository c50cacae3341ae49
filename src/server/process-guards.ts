import type { Logger } from '../log.js';

/** Variables describing the terminal the *server* runs in, which blessed would apply to every session (hazard 9). */
const SERVER_TERMINAL_VARS = [
  'TMUX', 'TMUX_PANE', 'STY', 'TERM_PROGRAM', 'TERM_PROGRAM_VERSION', 'ITERM_SESSION_ID', 'VTE_VERSION',
  'COLORTERM', 'TERMINATOR_UUID', 'TERMCAP', 'TERMINFO', 'TERMINFO_DIRS', 'TERMPATH', 'BLESSED_FORCE_MODES',
  'NCURSES_NO_UTF8_ACS', 'NCURSES_UNICODE', 'NCURSES_NO_PADDING', 'NCURSES_NO_MAGIC_COOKIE', 'NCURSES_NO_SETBUF',
];

/** Removes the server's own terminal settings from the environment so sessions depend only on their clients. */
export function scrubTerminalEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of SERVER_TERMINAL_VARS) delete env[name];
}

/**
 * Installs Haven's process handlers before any blessed screen exists. blessed's own handlers
 * destroy every screen and exit on the first uncaught error or signal unless another
 * listener is present (hazard 8); with ours first, one session's bug never ends the server.
 */
export function installProcessGuards(log: Logger, onSignal: (signal: NodeJS.Signals) => void, onReload?: () => void): void {
  process.on('uncaughtException', (err) => {
    log.error('uncaught exception', { err: err.stack ?? String(err) });
  });
  process.on('unhandledRejection', (reason) => {
    log.error('unhandled rejection', { err: reason instanceof Error ? reason.stack : String(reason) });
  });
  // blessed's own signal handler, called after ours for the same signal, exits at once if it
  // then finds itself the only listener; it removes itself when the last screen is destroyed.
  // Shutting down on the next turn keeps screens alive until it has seen ours and stood aside,
  // so the members' farewell is sent and the database closed before the process exits.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGQUIT'] as const) process.on(signal, () => setImmediate(() => onSignal(signal)));
  // SIGHUP re-reads the configuration; with no listener it would end the process.
  if (onReload) {
    process.on('SIGHUP', () => {
      try {
        onReload();
      } catch (err) {
        log.error('reload failed', { err: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      }
    });
  }
}
