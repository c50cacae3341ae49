import blessed from 'blessed';
import { escapeTags, padToWidth, truncateToWidth, displayWidth, wrapText } from '../src/text/index.js';
import type { BlessedScreen, Box, Hint } from './context.js';
import type { Theme } from './theme.js';

/** The classic BBS frame: header line, body, status line, footer of key hints. */
export interface Frame {
  header: Box;
  body: Box;
  status: Box;
  footer: Box;
  tooSmall: Box;
  setHeader(left: string, right: string): void;
  setHints(hints: Hint[]): void;
  setStatus(message: string, kind: 'info' | 'error'): void;
  destroy(): void;
}

/** How many of a screen's key hints the light look shows. */
const LIGHT_HINTS = 3;

/** Always in the footer: the crisis page is one key away from every screen. */
export const RESOURCES_HINT: Hint = { key: '^R', label: ' Help now' };

/** Builds the frame on `screen` (every widget names its parent: hazard 7). */
export function createFrame(screen: BlessedScreen, theme: Theme): Frame {
  const header = blessed.box({ parent: screen, top: 0, left: 0, width: '100%', height: 1, style: theme.header, tags: false, wrap: false });
  const body = blessed.box({ parent: screen, top: 1, left: 0, width: '100%', height: '100%-3', style: theme.body });
  const status = blessed.box({ parent: screen, bottom: 1, left: 0, width: '100%', height: 1, tags: false, wrap: false, style: theme.status });
  const footer = blessed.box({ parent: screen, bottom: 0, left: 0, width: '100%', height: 1, style: theme.footer, tags: true, wrap: false });
  const tooSmall = blessed.box({
    parent: screen, top: 0, left: 0, width: '100%', height: '100%', hidden: true,
    content: 'Window too small: please enlarge it (at least 20x5).', wrap: false,
  });

  let headerText: [string, string] = ['', ''];
  let hints: Hint[] = [];
  let statusText = '';

  const drawHeader = () => {
    const width = Number(screen.width);
    const right = headerText[1] ? ` ${headerText[1]} ` : '';
    const left = truncateToWidth(` ${headerText[0]}`, Math.max(1, width - displayWidth(right)));
    header.setContent(padToWidth(left, width - displayWidth(right)) + right);
  };

  const drawFooter = () => {
    const width = Number(screen.width);
    // Hints that do not fit are dropped from the end, but the crisis hint always stays.
    let used = displayWidth(hintText(RESOURCES_HINT)) + 1;
    const shown: Hint[] = [];
    // The light look keeps the footer short: the first few keys, and help one key away.
    for (const h of theme.light ? hints.slice(0, LIGHT_HINTS) : hints) {
      const w = displayWidth(hintText(h)) + 1;
      if (used + w > width) break;
      shown.push(h);
      used += w;
    }
    shown.push(RESOURCES_HINT);
    footer.setContent(' ' + shown.map((h) => `{bold}[${escapeTags(h.key)}]{/bold}${escapeTags(h.label)}`).join(' '));
  };

  // A message is read whole: it wraps onto as many lines as it needs, growing upward over
  // the foot of the body (never over the header or footer), and shrinks back to one line.
  const drawStatus = () => {
    const width = Number(screen.width);
    const lines = statusText ? wrapText(statusText, Math.max(2, width - 2)) : [''];
    const room = Math.max(1, Number(screen.height) - 2);
    const shown = lines.length > room ? [...lines.slice(0, room - 1), truncateToWidth(lines.slice(room - 1).join(' '), width - 2)] : lines;
    status.height = shown.length;
    status.setContent(shown.map((l) => (l ? ` ${l}` : '')).join('\n'));
  };

  screen.on('resize', () => {
    drawHeader();
    drawFooter();
    drawStatus();
  });

  return {
    header, body, status, footer, tooSmall,
    setHeader(left, right) {
      headerText = [left, right];
      drawHeader();
    },
    setHints(next) {
      hints = next;
      drawFooter();
    },
    setStatus(message, kind) {
      status.style = kind === 'error' ? theme.statusError : theme.status;
      statusText = message;
      drawStatus();
    },
    destroy() {
      for (const w of [header, body, status, footer, tooSmall]) w.destroy();
    },
  };
}

function hintText(h: Hint): string {
  return `[${h.key}]${h.label}`;
}
