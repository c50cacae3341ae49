import blessed from 'blessed';
import { displayWidth, graphemes, stripControls } from '../../src/text/index.js';
import { cursorState, lastDrawnArea } from '../blessed-internals.js';
import type { BlessedScreen, Box, ScreenContext } from '../context.js';
import { watchEscapes } from './escape-filter.js';
import { renderSoon } from './render-soon.js';
import { createSurrogatePairer } from './typed-text.js';

export interface LineInputOptions {
  parent: Box;
  screen: BlessedScreen;
  top: number | string;
  left: number | string;
  width: number | string;
  /** Show '*' instead of the characters (passwords). */
  censor?: boolean;
  maxLength: number;
  value?: string;
  style?: Record<string, unknown>;
  onSubmit(value: string): void;
  onCancel?(): void;
}

export interface LineInput {
  box: Box;
  value(): string;
  setValue(v: string): void;
  focus(): void;
  destroy(): void;
}

type Key = { name?: string; ctrl?: boolean; meta?: boolean; full?: string; sequence?: string };

/**
 * A one-line text field that edits by grapheme, scrolls horizontally, and renders once per
 * burst of keys. Written here rather than using blessed's textbox, which re-renders on
 * every key and reads input in a mode that swallows the global Ctrl-R.
 */
export function createLineInput(opts: LineInputOptions): LineInput {
  const { screen } = opts;
  let chars = graphemes(opts.value ?? '');
  let cursor = chars.length;
  let destroyed = false;
  const box = blessed.box({
    parent: opts.parent,
    top: opts.top,
    left: opts.left,
    width: opts.width,
    height: 1,
    style: opts.style ?? { inverse: true },
    tags: false,
    wrap: false,
    keyable: true,
  } as blessed.Widgets.BoxOptions);

  const shown = (g: string) => (opts.censor ? '*' : g);

  const draw = () => {
    const width = Math.max(2, Number(box.width) - 1);
    // Scroll so that the cursor stays visible, keeping as much text left of it as fits.
    let start = cursor;
    let used = 0;
    while (start > 0 && used + displayWidth(shown(chars[start - 1])) <= width - 1) {
      start--;
      used += displayWidth(shown(chars[start]));
    }
    let text = '';
    let w = 0;
    for (let i = start; i < chars.length; i++) {
      const cw = displayWidth(shown(chars[i]));
      if (w + cw > width) break;
      text += shown(chars[i]);
      w += cw;
    }
    box.setContent(text);
    cursorColumn = used;
    renderSoon(screen);
  };
  let cursorColumn = 0;
  // A paste arrives as thousands of keypresses in one turn of the event loop: the field is
  // laid out once after them, not once per key.
  let drawQueued = false;
  const drawSoon = () => {
    if (drawQueued) return;
    drawQueued = true;
    setImmediate(() => {
      drawQueued = false;
      if (!destroyed) draw();
    });
  };

  const placeCursor = () => {
    if (destroyed || screen.focused !== box) return;
    const lpos = lastDrawnArea(box);
    if (!lpos) return;
    // blessed saves and restores the cursor around each draw, so when it is already in
    // place, moving it again would only cost bytes on every repaint.
    const cursor = cursorState(screen);
    const x = lpos.xi + cursorColumn;
    if (cursor.x !== x || cursor.y !== lpos.yi) screen.program.cup(lpos.yi, x);
    if (cursor.hidden) screen.program.showCursor();
  };
  screen.on('render', placeCursor);

  const pairSurrogates = createSurrogatePairer();
  const insert = (text: string) => {
    // Keystrokes are not trimmed (a space is a character); controls never get in.
    const clean = stripControls(text);
    if (!clean) return;
    let gs = graphemes(clean);
    // Keys come one code point at a time: a combining mark, a skin tone, a joiner and what
    // it joins, or a flag's second letter belong to the character before the cursor.
    if (cursor > 0 && gs[0]!.charCodeAt(0) > 0x7f) {
      const joined = graphemes(chars[cursor - 1] + gs[0]);
      if (joined.length === 1) {
        chars[cursor - 1] = joined[0]!;
        gs = gs.slice(1);
      }
    }
    const add = gs.slice(0, Math.max(0, opts.maxLength - chars.length));
    chars.splice(cursor, 0, ...add);
    cursor += add.length;
  };

  // blessed hands the inside of a sequence it only half-parses (an OSC 52 clipboard write:
  // `52;c;aGk=`) to the focused widget as typed keys; the filter knows which they are.
  const escapes = watchEscapes(screen);

  box.on('keypress', (ch: string | undefined, key: Key) => {
    // A field answered by the first half of a CR must not act on the second.
    if (destroyed || escapes.swallow(ch, key)) return;
    switch (key.name) {
      // blessed reports CR as 'return' and then again as 'enter': act on 'enter' alone.
      case 'enter':
        opts.onSubmit(chars.join(''));
        return;
      case 'escape':
        opts.onCancel?.();
        return;
      case 'left':
        cursor = Math.max(0, cursor - 1);
        break;
      case 'right':
        cursor = Math.min(chars.length, cursor + 1);
        break;
      case 'home':
        cursor = 0;
        break;
      case 'end':
        cursor = chars.length;
        break;
      case 'backspace':
        if (cursor > 0) chars.splice(--cursor, 1);
        break;
      case 'delete':
        if (cursor < chars.length) chars.splice(cursor, 1);
        break;
      case 'return':
        return;
      default:
        if (key.ctrl && key.name === 'a') cursor = 0;
        else if (key.ctrl && key.name === 'e') cursor = chars.length;
        else if (key.ctrl && key.name === 'u') {
          chars.splice(0, cursor);
          cursor = 0;
        } else if (ch && !key.ctrl && !key.meta && ch >= ' ') {
          const whole = pairSurrogates(ch);
          if (!whole) return;
          insert(whole);
        } else return;
    }
    drawSoon();
  });
  box.on('focus', () => {
    screen.program.showCursor();
    draw();
  });
  box.on('blur', () => screen.program.hideCursor());
  box.on('resize', draw);
  draw();

  return {
    box,
    value: () => chars.join(''),
    setValue(v) {
      chars = graphemes(v);
      cursor = chars.length;
      draw();
    },
    focus: () => box.focus(),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      escapes.dispose();
      screen.removeListener('render', placeCursor);
      screen.program.hideCursor();
      box.destroy();
    },
  };
}

/**
 * A field on the last line of a screen, after its label shown in `prompt` (a one-line box on
 * that line), in the theme's field style, and focused.
 */
export function createPromptedInput(
  ctx: Pick<ScreenContext, 'body' | 'screen' | 'theme'>,
  prompt: Box,
  label: string,
  opts: Pick<LineInputOptions, 'censor' | 'value' | 'maxLength' | 'onSubmit' | 'onCancel'>,
): LineInput {
  prompt.setContent(label);
  const promptWidth = Math.min(18, label.length + 1);
  prompt.width = promptWidth;
  const input = createLineInput({
    parent: ctx.body,
    screen: ctx.screen,
    top: '100%-1',
    left: promptWidth + 1,
    width: `100%-${promptWidth + 2}`,
    ...opts,
    style: ctx.theme.monochrome ? { underline: true } : { bg: 'blue', fg: 'white' },
  });
  input.focus();
  return input;
}
