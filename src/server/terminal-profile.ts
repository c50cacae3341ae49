import type { TerminalProfile } from '../terminal.js';

const VALID_TERM = /^[a-z0-9][a-z0-9.+-]{0,31}$/;

/** Terminals that draw 256 colours and UTF-8: given xterm-256color's terminfo. */
const RICH = new Set([
  'xterm-256color', 'screen-256color', 'tmux-256color', 'putty-256color', 'rxvt-unicode-256color',
  'gnome-256color', 'konsole-256color', 'st-256color', 'alacritty', 'xterm-kitty', 'kitty', 'foot',
  'wezterm', 'iterm2', 'xterm-direct', 'vte-256color', 'mintty', 'contour', 'ghostty', 'xterm-ghostty',
]);

/** Terminals that speak xterm's language with the basic colours. */
const BASIC = new Set([
  'xterm', 'xterm-color', 'xterm-16color', 'screen', 'tmux', 'putty', 'rxvt', 'rxvt-unicode', 'ansi',
  'cygwin', 'konsole', 'gnome', 'st', 'vte', 'eterm', 'screen.xterm-256color', 'xterm-new', 'termite',
  'screen.linux', 'sun-color', 'pcansi', 'ms-terminal', 'vscode',
]);

/** Terminals without colour: the plain look (bold and inverse only, ASCII text). */
const PLAIN = new Set(['vt100', 'vt102', 'vt220', 'vt320', 'vt52', 'dumb', 'vt100-am', 'vt220-8bit']);

/**
 * Turns the client's TERM into a profile. The raw value never reaches blessed: it treats a
 * name containing '/' as a file to read (hazard 1), so only known names pass, and anything
 * else gets xterm's basic profile, which nearly every client understands.
 */
export function profileForTerm(rawTerm: string | undefined): TerminalProfile {
  const lower = (rawTerm ?? '').toLowerCase();
  const term = VALID_TERM.test(lower) ? lower : 'unknown';
  if (term === 'linux') return { terminfo: 'linux', clientTerm: term, colors: 8, unicode: true };
  if (RICH.has(term) || term.endsWith('-256color')) {
    return { terminfo: 'xterm-256color', clientTerm: term, colors: 256, unicode: true };
  }
  if (PLAIN.has(term)) return { terminfo: 'xterm', clientTerm: term, colors: 0, unicode: false };
  if (BASIC.has(term)) return { terminfo: 'xterm', clientTerm: term, colors: 8, unicode: true };
  return { terminfo: 'xterm', clientTerm: term, colors: 8, unicode: true };
}
