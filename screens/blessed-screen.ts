import blessed from 'blessed';
import type { Terminal } from '../src/terminal.js';
import type { BlessedScreen } from './context.js';

/** Builds the blessed screen for one Terminal, with the settings every session needs. */
export function createBlessedScreen(terminal: Terminal): BlessedScreen {
  const { profile } = terminal;
  const screen = blessed.screen({
    input: terminal.input,
    output: terminal.output,
    terminal: profile.terminfo,
    // Unicode is decided from the client's terminal, never from the server's LANG (hazard 9).
    fullUnicode: profile.unicode,
    forceUnicode: profile.unicode,
    smartCSR: true,
    // Coalesces a burst of window-changes into one re-layout (hazard 3).
    resizeTimeout: 150,
    warnings: false,
    // Children of a bordered box sit inside its border.
    autoPadding: true,
    dockBorders: true,
    // Ctrl-R must reach us even while a text field holds the keyboard.
    ignoreLocked: ['C-r'],
  } as unknown as blessed.Widgets.IScreenOptions);
  // Per session, not per process: a server started inside tmux must not wrap every session's output.
  (screen.program as unknown as { tmux: boolean }).tmux = false;
  return screen;
}
