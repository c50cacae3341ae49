import type { TerminalProfile } from '../src/terminal.js';
import type { LightLookChoice } from '../src/services/member-prefs.js';

/** blessed style objects for each part of the frame. */
export interface Theme {
  monochrome: boolean;
  /**
   * The light look for slow connections: the plain styles, no descriptions beside menu
   * entries, and a short footer, so a screen costs fewer bytes.
   */
  light: boolean;
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

const PLAIN_KEYS = ['monochrome', 'light', 'accentTag', 'dimTag'] as const;

/**
 * Changes a session's theme into `next` in place: widgets hold its style objects (the frame's
 * header, every list's highlight), so changing those objects restyles them at the next paint.
 */
export function restyleTheme(theme: Theme, next: Theme): void {
  for (const [name, value] of Object.entries(next) as Array<[keyof Theme, Theme[keyof Theme]]>) {
    if ((PLAIN_KEYS as readonly string[]).includes(name)) {
      Object.assign(theme, { [name]: value });
      continue;
    }
    const style = theme[name] as Record<string, unknown>;
    // Only the look's own attributes go: blessed may have hung its own things on the object.
    for (const attr of ['fg', 'bg', 'bold', 'underline', 'inverse', 'blink']) delete style[attr];
    Object.assign(style, value);
  }
}

/**
 * The 16-colour look, or the plain look (bold and inverse only) for terminals without
 * colour and for members who chose it.
 */
export function themeFor(profile: TerminalProfile, memberPrefersMono: boolean, light = false): Theme {
  const mono = profile.colors === 0 || memberPrefersMono || light;
  if (mono) {
    return {
      monochrome: true,
      light,
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
    light: false,
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

/**
 * Whether a session gets the light look: as the member chose, or (by default) when the
 * connection looked slow from its first moments.
 */
export function wantsLightLook(choice: LightLookChoice, slowLink: boolean | undefined): boolean {
  return choice === 'light' || (choice === 'auto' && slowLink === true);
}
