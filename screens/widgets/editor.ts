import blessed from 'blessed';
import { escapeTags, stripControls, takeWidth } from '../../src/text/index.js';
import { insets, lastDrawnArea } from '../blessed-internals.js';
import type { Box, ScreenContext } from '../context.js';
import { createEditorText } from './editor-text.js';
import { createSurrogatePairer } from './typed-text.js';
import { watchEscapes } from './escape-filter.js';
import { renderSoon } from './render-soon.js';

export interface EditorOptions {
  ctx: ScreenContext;
  parent: Box;
  top: number | string;
  left: number | string;
  width: number | string;
  height: number | string;
  /** Most code points the text may hold (a line break counts as one). */
  maxLength: number;
  value?: string;
  /** Shown dimmed while the editor is empty. */
  placeholder?: string;
  /**
   * Told the length after a burst of edits, just before the screen draws (so it need not
   * render), and whether input was refused for going past `maxLength`.
   */
  onChange?(length: number, refused: boolean): void;
  /**
   * When given, a Tab the member presses calls this (Shift-Tab with `shift`) instead of
   * inserting spaces; a Tab inside a paste still inserts spaces.
   */
  onTab?(shift: boolean): void;
  style?: Record<string, unknown>;
}

export interface Editor {
  box: Box;
  value(): string;
  setValue(s: string): void;
  /** True when the text holds nothing but white space. */
  isEmpty(): boolean;
  /** Code points in the text, line breaks included: what `maxLength` limits. */
  length(): number;
  focus(): void;
  destroy(): void;
}

type Key = { name?: string; ctrl?: boolean; meta?: boolean; shift?: boolean; sequence?: string };

/**
 * A multi-line text editor drawn on a plain box. Keys only change the text (editor-text.ts);
 * it is wrapped lazily when the screen draws, once per burst, so a paste of thousands of
 * characters costs one layout instead of one per character (hazard 4).
 */
export function createEditor(opts: EditorOptions): Editor {
  const { ctx } = opts;
  const { screen } = ctx;
  const box = blessed.box({
    parent: opts.parent,
    top: opts.top,
    left: opts.left,
    width: opts.width,
    height: opts.height,
    style: opts.style ?? {},
    tags: true,
    wrap: false,
  } as blessed.Widgets.BoxOptions);
  const escapes = watchEscapes(screen);

  const innerWidth = () => Math.max(0, Number(box.width) - insets(box).width);
  const innerHeight = () => Math.max(1, Number(box.height) - insets(box).height);
  // One column is kept free for the cursor at the end of a full row; never wrap below 2 (hazard 2).
  const textWidth = () => Math.max(2, innerWidth() - 1);

  const text = createEditorText({ maxLength: opts.maxLength, width: textWidth });
  let dirty = true;
  let reportedLength = -1;
  const pairSurrogates = createSurrogatePairer();
  let destroyed = false;
  // Keys from one chunk of input arrive in one tick: a Tab or line feed among other keys is pasted text.
  let burst: string[] = [];
  let cursorAt: { x: number; y: number } | undefined;

  const handleKey = (ch: string | undefined, key: Key): void => {
    if (escapes.swallow(ch, key)) return;
    const name = key.name;
    if (burst.length === 0) setImmediate(() => (burst = []));
    const previous = burst[burst.length - 1];
    burst.push(name ?? ch ?? '');
    const pasted = escapes.inPaste() || burst.length > 1;
    if (name !== 'up' && name !== 'down' && name !== 'pageup' && name !== 'pagedown') text.forgetGoal();

    switch (name) {
      // CR arrives as 'return' and then 'enter': act on 'enter' alone.
      case 'return':
        return;
      case 'enter':
        text.newline();
        break;
      case 'linefeed':
        // A pasted CRLF is one line break, not two (blessed sends CR as 'enter' then 'return').
        if (previous === 'return') return;
        text.newline();
        break;
      case 'tab':
        if (opts.onTab && !pasted) {
          opts.onTab(Boolean(key.shift));
          return;
        }
        text.tab();
        break;
      case 'left':
        text.left();
        break;
      case 'right':
        text.right();
        break;
      case 'up':
      case 'down':
        text.vertical(name === 'down', 1);
        break;
      case 'pageup':
      case 'pagedown':
        text.vertical(name === 'pagedown', Math.max(1, innerHeight() - 1));
        break;
      case 'home':
        text.home();
        break;
      case 'end':
        text.end();
        break;
      case 'backspace':
        if (!text.backspace()) return;
        break;
      case 'delete':
        if (!text.deleteForward()) return;
        break;
      case 'escape':
        return;
      default:
        if (key.meta) return;
        if (key.ctrl) {
          if (name === 'a') text.home();
          else if (name === 'e') text.end();
          else if (name === 'k') text.killToEnd();
          else if (name === 'u') text.killToStart();
          else return;
          break;
        }
        if (!ch) return;
        {
          // blessed hands over an astral character (most emoji) as two halves.
          const whole = pairSurrogates(ch);
          if (!whole) return;
          text.type(whole);
        }
    }
    dirty = true;
    renderSoon(screen);
  };

  const layout = () => {
    dirty = false;
    const { rows, cursor } = text.view(innerHeight());
    const out = rows.map((r) => escapeTags(r));
    const length = text.length();
    if (length === 0 && opts.placeholder) {
      const tag = ctx.theme.dimTag;
      out[0] = `{${tag}}${escapeTags(takeWidth(stripControls(opts.placeholder), textWidth()))}{/${tag}}`;
    }
    box.setContent(out.join('\n'));
    cursorAt = cursor;
    const refused = text.takeRefused();
    if (length !== reportedLength || refused) {
      reportedLength = length;
      opts.onChange?.(length, refused);
    }
  };

  const onPrerender = () => {
    if (dirty && !destroyed) layout();
  };
  const placeCursor = () => {
    if (destroyed || screen.focused !== box || !cursorAt) return;
    const lpos = lastDrawnArea(box);
    if (!lpos) return;
    const b = insets(box);
    screen.program.cup(lpos.yi + b.top + cursorAt.y, lpos.xi + b.left + cursorAt.x);
    screen.program.showCursor();
  };
  screen.on('prerender', onPrerender);
  screen.on('render', placeCursor);

  box.on('keypress', handleKey);
  box.on('focus', () => {
    // Ask the terminal to mark pastes, so a pasted Tab or line break is text, not a command.
    screen.program.setMode('?2004');
    screen.program.showCursor();
    renderSoon(screen);
  });
  box.on('blur', () => {
    screen.program.resetMode('?2004');
    screen.program.hideCursor();
  });
  box.on('resize', () => {
    dirty = true;
  });

  const setValue = (s: string) => {
    text.setValue(s);
    dirty = true;
    renderSoon(screen);
  };
  if (opts.value) setValue(opts.value);

  return {
    box,
    value: () => text.value(),
    setValue,
    isEmpty: () => text.isEmpty(),
    length: () => text.length(),
    focus: () => box.focus(),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      escapes.dispose();
      screen.removeListener('prerender', onPrerender);
      screen.removeListener('render', placeCursor);
      if (screen.focused === box) {
        screen.program.resetMode('?2004');
        screen.program.hideCursor();
      }
      box.destroy();
    },
  };
}
