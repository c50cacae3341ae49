import type { TerminalProfile } from '../src/terminal.js';

/** blessed style objects for each part of the frame. */
export interface Theme {
  monochrome: boolean;
  header: Record<string, unknown>;
  footer: Record<string, unknown>;
  status: Record<string, unknown>;
  statusError: Record<string, unknown>;
  body: Record<string, unknown>;
  border: Record<string, unknown>;
  selected: Record<string, unknown>;
  item: Record<string, unknown>;
  /** Tag names wrapped around emphasised words in content ('bold' in monochrome). */
  accentTag: string;
  dimTag: string;
}

/**
 * The 16-colour look, or the plain look (bold and inverse only) for terminals without
 * colour and for members who chose it.
 */
export function themeFor(profile: TerminalProfile, memberPrefersMono: boolean): Theme {
  const mono = profile.colors === 0 || memberPrefersMono;
  if (mono) {
    return {
      monochrome: true,
      header: { inverse: true, bold: true },
      footer: { inverse: true },
      status: { bold: true },
      statusError: { bold: true, underline: true },
      body: {},
      border: {},
      selected: { inverse: true },
      item: {},
      accentTag: 'bold',
      dimTag: 'underline',
    };
  }
  return {
    monochrome: false,
    header: { fg: 'white', bg: 'blue', bold: true },
    footer: { fg: 'black', bg: 'cyan' },
    status: { fg: 'yellow', bold: true },
    statusError: { fg: 'red', bold: true },
    body: {},
    border: { fg: 'cyan' },
    selected: { fg: 'black', bg: 'yellow', bold: true },
    item: { fg: 'white' },
    accentTag: 'yellow-fg',
    dimTag: 'cyan-fg',
  };
}
