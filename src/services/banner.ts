import { artSize, cleanAnsiArt, decodeArt } from '../text/ansi-art.js';
import { CUT_MARK, cleanText, displayWidth, truncateToWidth, wrapText } from '../text/index.js';
import type { OptionalFiles } from './texts.js';

/** What the welcome banner shows in a given space: ANSI art (SGR kept) or plain lines. */
export type BannerView = { kind: 'art'; lines: string[]; cols: number } | { kind: 'text'; lines: string[]; cols: number };

/** Where the banner is drawn: its columns and rows, and whether the terminal shows colour. */
export interface BannerSpace {
  cols: number;
  rows: number;
  colour: boolean;
}

/**
 * The sysop's welcome banner, shown once per connection before sign-up or log-in: `banner.ans`
 * (ANSI art) in the data directory where it fits the window and the terminal has colour,
 * otherwise `banner.txt` (plain text), otherwise the BBS's name. Without either file there is
 * no banner. Both are read again when they change.
 */
export class Banner {
  constructor(
    private readonly files: OptionalFiles,
    /** The name as it is now (a SIGHUP may change it). */
    private readonly bbsName: () => string,
  ) {}

  /** True when the sysop has a banner (either file). */
  exists(): boolean {
    return this.art() !== undefined || this.text() !== undefined;
  }

  /** What to show in `space`, or undefined when there is no banner. */
  view(space: BannerSpace): BannerView | undefined {
    const art = this.art();
    const text = this.text();
    if (art === undefined && text === undefined) return undefined;
    if (art && space.colour) {
      const size = artSize(art);
      if (size.cols <= space.cols && size.rows <= space.rows) return { kind: 'art', lines: art.split('\n'), cols: size.cols };
    }
    return plainView(text || `Welcome to ${this.bbsName()}`, space);
  }

  private art(): string | undefined {
    return blankAsNone(this.files.read('banner.ans', (bytes) => cleanAnsiArt(decodeArt(bytes))));
  }

  private text(): string | undefined {
    // Unlike the other texts, '#' lines stay: ASCII art is made of them.
    return blankAsNone(
      this.files.read('banner.txt', (bytes) => cleanText(new TextDecoder().decode(bytes).replace(/\t/g, '    '), { maxLength: 20_000, multiline: true })),
    );
  }
}

/** An empty banner file (or one of spaces and colour codes only) is no banner. */
function blankAsNone(text: string | undefined): string | undefined {
  return text !== undefined && text.replace(/\x1b\[[0-9;]*m/g, '').trim() ? text : undefined;
}

/**
 * Plain text in the space: as drawn when every line fits the width (ASCII art keeps its
 * shape), wrapped like any text when not; cut to the rows, the last one saying so.
 */
function plainView(text: string, space: BannerSpace): BannerView {
  const cols = Math.max(2, space.cols);
  const rows = Math.max(1, space.rows);
  const raw = text.split('\n');
  let lines = raw.every((l) => displayWidth(l) <= cols) ? raw : raw.flatMap((l) => wrapText(l, cols));
  if (lines.length > rows) lines = [...lines.slice(0, rows - 1), truncateToWidth(`${lines[rows - 1]} ${CUT_MARK}`, cols)];
  return { kind: 'text', lines, cols: Math.max(0, ...lines.map(displayWidth)) };
}
