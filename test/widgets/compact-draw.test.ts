import blessed from 'blessed';
import { afterEach, describe, expect, it } from 'vitest';
import { cellBuffers } from '../../screens/blessed-internals.js';
import { sgr } from '../../screens/compact-draw.js';
import { drawnArea } from '../../screens/blessed-screen.js';
import { scrollRows } from '../../screens/scroll-rows.js';
import { createList } from '../../screens/widgets/list.js';
import { createWidgetHarness, type WidgetHarness } from '../helpers/widget-harness.js';

let h: WidgetHarness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

/** A small seeded generator: the same steps every run, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Every cell the terminal shows against what blessed meant to show: the character, and the
 * colours and attributes a person would see (a space shows only its background, inverse and
 * underline). Returns the first difference, or undefined.
 */
function firstDifference(harness: WidgetHarness): string | undefined {
  const { lines } = cellBuffers(harness.screen);
  const buf = harness.view.term.buffer.active;
  const cell = buf.getNullCell();
  for (let y = 0; y < lines.length; y++) {
    const line = buf.getLine(buf.viewportY + y)!;
    const row = lines[y]!;
    for (let x = 0; x < row.length; x++) {
      line.getCell(x, cell);
      if (cell.getWidth() === 0) continue;
      const [data, ch] = row[x]!;
      // blessed's marks for the second cell of a double-width character: the terminal's to draw.
      if (ch === '\0' || ch === '\x03') continue;
      const shown = cell.getChars() || ' ';
      const want = ch;
      const bg = data & 0x1ff;
      const fg = (data >> 9) & 0x1ff;
      const flags = data >> 18;
      const sameBg = bg === 0x1ff ? cell.isBgDefault() : cell.getBgColor() === bg;
      const sameFg = fg === 0x1ff ? cell.isFgDefault() : cell.getFgColor() === fg;
      const blank = want === ' ' && !(flags & 8) && !(flags & 2);
      const same =
        shown === want &&
        sameBg &&
        Boolean(flags & 8) === Boolean(cell.isInverse()) &&
        Boolean(flags & 2) === Boolean(cell.isUnderline()) &&
        (blank || (sameFg && Boolean(flags & 1) === Boolean(cell.isBold())));
      if (!same) {
        const look = `bg ${cell.isBgDefault() ? 'default' : cell.getBgColor()} fg ${cell.isFgDefault() ? 'default' : cell.getFgColor()}${cell.isBold() ? ' bold' : ''}${cell.isInverse() ? ' inverse' : ''}${cell.isUnderline() ? ' underline' : ''}`;
        return `row ${y} column ${x}: shows ${JSON.stringify(shown)} (${look}), meant ${JSON.stringify(want)} (bg ${bg} fg ${fg} flags ${flags})`;
      }
    }
  }
  return undefined;
}

// No double-width characters here: where blessed lays one across an element's edge it loses
// track of the cell (its own draw leaves them stale too); they have a test of their own below.
const WORDS = ['calm', 'harbour', 'a', 'reply', 'ok', 'über', '  ', '   ', 'x', 'naïve'];
const COLOURS = ['red', 'green', 'yellow', 'cyan', 'white'];

function text(next: () => number, maxWords: number): string {
  const n = Math.floor(next() * maxWords);
  let out = '';
  for (let i = 0; i < n; i++) {
    const word = WORDS[Math.floor(next() * WORDS.length)]!;
    const r = next();
    if (r < 0.15) out += `{${COLOURS[Math.floor(next() * COLOURS.length)]}-fg}${word}{/} `;
    else if (r < 0.25) out += `{bold}${word}{/bold} `;
    else if (r < 0.3) out += `{underline}${word}{/underline} `;
    else out += `${word} `;
    if (next() < 0.1) out += '\n';
  }
  return out;
}

describe('the compact draw', () => {
  it('leaves the terminal showing exactly what blessed meant, through 600 random changes at two sizes', async () => {
    for (const [cols, rows, seed] of [[80, 24, 1], [24, 7, 2]] as const) {
      h = createWidgetHarness({ cols, rows });
      const next = random(seed);
      const { ctx } = h;
      const box = blessed.box({ parent: ctx.body, top: 0, left: 0, width: '100%', height: '50%', tags: true, scrollable: true, alwaysScroll: true });
      const list = createList(ctx, { top: '50%', height: '50%' });
      const popup = blessed.box({ parent: ctx.body, top: 1, left: 2, width: '50%', height: 3, tags: true, hidden: true, style: { bg: 'blue', fg: 'white' } });
      for (let step = 0; step < 300; step++) {
        const r = next();
        if (r < 0.3) box.setContent(text(next, 40));
        else if (r < 0.4) box.scroll(Math.floor(next() * 5) - 2);
        else if (r < 0.45) {
          // The terminal scrolls the box's rows itself; the paint must still end right.
          const area = drawnArea(box);
          if (area) scrollRows(h.screen, area, Math.floor(next() * 7) - 3);
        }
        else if (r < 0.6) list.setItems(Array.from({ length: 1 + Math.floor(next() * 8) }, () => text(next, 6)));
        else if (r < 0.8) list.select(Math.floor(next() * 8));
        else if (r < 0.9) popup.toggle();
        else popup.setContent(text(next, 8));
        h.screen.render();
        await h.settle();
        const diff = firstDifference(h);
        expect(diff, `at ${cols}x${rows}, step ${step}`).toBeUndefined();
      }
      h.close();
      h = undefined;
    }
  });

  it('draws a double-width character, and the text that later replaces it, cell for cell', async () => {
    h = createWidgetHarness({ cols: 40, rows: 8 });
    const box = blessed.box({ parent: h.ctx.body, top: 0, left: 0, width: '100%', height: 4, tags: true });
    for (const content of ['a 🌱 b', 'ab🌱🌱 c', 'plain text here', '🌱', 'x🌱y 🌱', '']) {
      box.setContent(content);
      h.screen.render();
      await h.settle();
      expect(firstDifference(h), content).toBeUndefined();
    }
  });

  it('never erases to the end of a row where the blanks must show: underlined, inverse or coloured', async () => {
    h = createWidgetHarness({ cols: 30, rows: 8 });
    for (const style of [{ underline: true }, { inverse: true }, { bg: 'blue' }, { fg: 'red' }]) {
      const box = blessed.box({ parent: h.ctx.body, top: 1, left: 0, width: '100%', height: 2, content: 'x', style });
      h.screen.render();
      await h.settle();
      expect(firstDifference(h), JSON.stringify(style)).toBeUndefined();
      box.destroy();
      h.screen.render();
      await h.settle();
      expect(firstDifference(h), JSON.stringify(style)).toBeUndefined();
    }
  });

  it('moves the main menu selection in 56 bytes or fewer at 80x24', async () => {
    h = createWidgetHarness({ cols: 80, rows: 24 });
    const list = createList(h.ctx, { top: 2, height: 10 });
    list.setItems([' [B] Boards       Support groups: read and post', ' [N] New posts    Read what is new since your last call', ' [M] Mail         Private messages']);
    list.focus();
    h.screen.render();
    await h.settle();
    const before = h.view.bytesReceived;
    h.send('\x1b[B');
    await h.settle();
    expect(h.view.highlightedLines().some((l) => l.includes('[N] New posts'))).toBe(true);
    expect(h.view.bytesReceived - before).toBeGreaterThan(0);
    expect(h.view.bytesReceived - before).toBeLessThanOrEqual(56);
  });

  it('changes attributes with the shortest sequence', () => {
    const dattr = (0 << 18) | (0x1ff << 9) | 0x1ff;
    const white = (0 << 18) | (7 << 9) | 0x1ff;
    const bar = (1 << 18) | (0 << 9) | 3;
    expect(sgr(white, dattr, dattr)).toBe('\x1b[37m');
    expect(sgr(bar, white, dattr)).toBe('\x1b[1;43;30m');
    // Bold off, or a colour back to the default, starts from a reset.
    expect(sgr(white, bar, dattr)).toBe('\x1b[0;37m');
    expect(sgr(dattr, bar, dattr)).toBe('\x1b[m');
  });
});
