import { startSessionUi, type SessionUi } from '../../screens/app.js';
import { isUserError, UserError } from '../errors.js';
import { createLogger } from '../log.js';
import { scrubTerminalEnvironment } from '../server/process-guards.js';
import { openExistingServices } from './data-dir.js';
import { LocalTerminal } from './local-terminal.js';
import type { Output } from './output.js';

// What undoes blessed's modes if the UI could not: normal screen, cursor shown, no mouse or
// bracketed paste, attributes reset. Written only when the session did not end cleanly.
const RESET_TERMINAL = '\x1b[?1049l\x1b[?25h\x1b[?1000l\x1b[?1002l\x1b[?1006l\x1b[?2004l\x1b[0m\r\n';

/**
 * `haven console --as NAME`: the whole BBS on the server's own terminal, as the named member,
 * with no SSH in between: the sysop at the machine. Being at the server's terminal is the
 * proof of identity (as with every console command), so no password is asked. The services
 * are opened on the data directory as for every console command; while a server runs, both
 * write the same database, and the data-version watch carries changes each way for boards,
 * rooms and staff actions. Resolves with the exit code once the member logs off; the
 * terminal is given back as it was, also after an error or a signal.
 */
export function consoleCommand(opts: { dataDir: string; out: Output; as: string }): Promise<number> {
  let opened: ReturnType<typeof openExistingServices>;
  // Warnings would write over the screen: they are kept and printed once the terminal is back.
  const logged: string[] = [];
  try {
    opened = openExistingServices(opts.dataDir, createLogger('warn', (line) => void logged.push(line)));
  } catch (err) {
    if (!isUserError(err)) throw err;
    opts.out.err(`${err.message}\n`);
    return Promise.resolve(1);
  }
  const { services, close } = opened;
  const member = services.accounts.findByName(opts.as.trim());
  if (!member) {
    close();
    opts.out.err(`There is no member called "${opts.as}". \`haven sysop user list\` shows them; nothing was opened.\n`);
    return Promise.resolve(1);
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    close();
    opts.out.err(new UserError('haven console needs a terminal: run it in one, not with its input or output redirected.').message + '\n');
    return Promise.resolve(1);
  }

  const rawTerm = process.env.TERM;
  scrubTerminalEnvironment();
  const terminal = new LocalTerminal(process.stdin, process.stdout, rawTerm);

  return new Promise<number>((resolve) => {
    let ui: SessionUi | undefined;
    let finished = false;
    const unwatch = watchConsoleChanges();
    // What the sysop does here (posts, mail, chat) counts in the status screen's charts too.
    const stopActivity = services.activity.follow(services.hub, services.log);
    const finish = (code: number, problem?: unknown) => {
      if (finished) return;
      finished = true;
      for (const [signal, handler] of signalHandlers) process.off(signal, handler);
      process.off('uncaughtException', onCrash);
      unwatch();
      try {
        ui?.end(code === 0 ? '' : '\r\n');
      } catch {
        // restored below whatever happened
      }
      stopActivity();
      terminal.restore();
      if (code !== 0) process.stdout.write(RESET_TERMINAL);
      close();
      for (const line of logged) opts.out.err(line);
      if (problem) opts.out.err(`haven console stopped: ${problem instanceof Error ? (problem.stack ?? problem.message) : String(problem)}\n`);
      resolve(code);
    };
    // Ctrl-C is a key inside the BBS, as over SSH; the signals that end a terminal end the session.
    const signalHandlers = (['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const).map((signal) => {
      const handler = () => finish(signal === 'SIGINT' ? 130 : 143);
      process.on(signal, handler);
      return [signal, handler] as const;
    });
    const onCrash = (err: unknown) => finish(1, err);
    // Before blessed's own handlers (hazard 8): ours restore the terminal and say what happened.
    process.on('uncaughtException', onCrash);
    terminal.once('close', () => finish(0));
    try {
      ui = startSessionUi(terminal, { member, requestedName: member.name, via: 'console' }, services);
    } catch (err) {
      finish(1, err);
    }
  });

  function watchConsoleChanges(): () => void {
    return opened.watch(() => {
      services.boards.announceExternalChange();
      services.hub.emit('chat:rooms-changed', {});
    });
  }
}
