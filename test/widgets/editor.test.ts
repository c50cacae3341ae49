import { afterEach, describe, expect, it } from 'vitest';
import { createEditor, type Editor } from '../../screens/widgets/editor.js';
import { KEY } from '../helpers/screen.js';
import { createWidgetHarness, type WidgetHarness } from '../helpers/widget-harness.js';

let h: WidgetHarness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

/** An editor filling the body of a harness screen, focused, with the last length it reported. */
function openEditor(opts: { cols?: number; rows?: number; maxLength?: number; value?: string; placeholder?: string } = {}) {
  h = createWidgetHarness({ cols: opts.cols ?? 40, rows: opts.rows ?? 12 });
  const reported = { length: -1, refused: false };
  const editor: Editor = createEditor({
    ctx: h.ctx,
    parent: h.ctx.body,
    top: 0,
    left: 0,
    width: '100%',
    height: '100%',
    maxLength: opts.maxLength ?? 8000,
    value: opts.value,
    placeholder: opts.placeholder,
    onChange(length, refused) {
      reported.length = length;
      reported.refused = refused;
    },
  });
  editor.focus();
  h.screen.render();
  return { h, editor, reported };
}

/** Rows of the body (screen rows 1..rows-3), trailing spaces trimmed. */
function bodyLines(harness: WidgetHarness): string[] {
  const lines = harness.view.lines();
  return lines.slice(1, lines.length - 2);
}

function cursor(harness: WidgetHarness): { x: number; y: number } {
  const b = harness.view.term.buffer.active;
  return { x: b.cursorX, y: b.cursorY };
}

describe('the editor', () => {
  it('wraps a long line at 40 columns between words and keeps every character', async () => {
    const { h, editor } = openEditor();
    const text = 'Some days are harder than others and that is fine with me';
    h.send(text);
    await h.waitFor('with me');
    expect(editor.value()).toBe(text);
    const rows = bodyLines(h).filter((l) => l !== '');
    expect(rows).toEqual(['Some days are harder than others and', 'that is fine with me']);
    expect(cursor(h)).toEqual({ x: 'that is fine with me'.length, y: 2 });
  });

  it('wraps CJK and emoji by their width and puts the cursor after them', async () => {
    const { h, editor } = openEditor();
    // 20 ideographs are 40 columns: 19 fit in the 39 usable columns, the 20th wraps.
    const cjk = '我们一起走过这段路我们一起走过这段路一起';
    h.send(cjk);
    await h.waitFor('起');
    let rows = bodyLines(h);
    expect(rows[0]).toBe(cjk.slice(0, 19));
    expect(rows[1]).toBe(cjk.slice(19));
    expect(cursor(h)).toEqual({ x: 2, y: 2 });
    h.send(' 😀x');
    await h.waitFor('x');
    rows = bodyLines(h);
    expect(rows[1]).toBe('起 😀x');
    expect(cursor(h)).toEqual({ x: 6, y: 2 });
    expect(editor.value()).toBe(cjk + ' 😀x');
    // Emoji as blessed delivers them (two halves) and typed as one chunk both count as one character each.
    expect(editor.length()).toBe(23);
  });

  it('joins a line to the one above with Backspace at its start', async () => {
    const { h, editor } = openEditor();
    h.send('first' + KEY.enter + 'second');
    await h.waitFor('second');
    expect(editor.value()).toBe('first\nsecond');
    h.send(KEY.home + KEY.backspace);
    await h.waitFor('firstsecond');
    expect(editor.value()).toBe('firstsecond');
    expect(cursor(h)).toEqual({ x: 5, y: 1 });
    h.send(KEY.delete);
    await h.waitFor('firstecond');
  });

  it('moves with arrows, Home and End, and up/down keep the column', async () => {
    const { h, editor } = openEditor();
    h.send('abcdefgh' + KEY.enter + 'xy' + KEY.enter + 'klmnopq');
    await h.waitFor('klmnopq');
    h.send(KEY.up + KEY.up);
    await h.settle();
    // Column 7 on the first line: the short middle line does not lose the goal column.
    expect(cursor(h)).toEqual({ x: 7, y: 1 });
    h.send(KEY.home + 'A' + KEY.end + 'Z' + KEY.left + KEY.left + '_');
    await h.waitFor('Aabcdefg_hZ');
    h.send(KEY.down + '2');
    await h.waitFor('xy2');
    h.send(KEY.right + '3');
    await h.waitFor('3klmnopq');
    h.send('\x05' + '$' + '\x01' + '^');
    await h.waitFor('^3klmnopq$');
    // Ctrl-K kills to the end of the line; at the end, it joins the next line.
    h.send(KEY.left + KEY.left + '\x0b');
    await h.waitFor('xy2^3klmnopq$');
    h.send(KEY.left + '\x0b');
    await h.waitFor(/^xy *$/m);
    h.send(KEY.up + KEY.end + KEY.left + '\x15');
    await h.waitFor(/^Z *$/m);
    expect(editor.value()).toBe('Z\nxy');
  });

  it('moves up and down by visual row inside a wrapped line', async () => {
    const { h, editor } = openEditor();
    h.send('a'.repeat(39) + 'b'.repeat(39) + 'c'.repeat(10));
    await h.waitFor('cccccccccc');
    h.send(KEY.up + 'X');
    await h.waitFor('bbbbbbbbbbXb');
    expect(editor.value()).toBe('a'.repeat(39) + 'b'.repeat(10) + 'X' + 'b'.repeat(29) + 'c'.repeat(10));
  });

  it('refuses text past the limit, shows the count, and keeps everything before it', async () => {
    const { h, editor, reported } = openEditor({ maxLength: 20 });
    h.send('0123456789' + KEY.enter + '012345678');
    await h.waitFor('012345678');
    await h.settle();
    expect(reported).toEqual({ length: 20, refused: false });
    h.send('overflow');
    await h.settle();
    expect(editor.value()).toBe('0123456789\n012345678');
    expect(reported).toEqual({ length: 20, refused: true });
    // Room again after deleting: typing works as before.
    h.send(KEY.backspace + KEY.backspace + 'ok');
    await h.waitFor('0123456ok');
    expect(editor.length()).toBe(20);
  });

  it('takes a paste of 8,000 characters in one chunk whole, and stops at the limit', async () => {
    const { h, editor, reported } = openEditor({ maxLength: 8000 });
    const words = 'I am still here and so are you. ';
    const paste = words.repeat(Math.ceil(8000 / words.length)).slice(0, 8000);
    h.send(paste);
    await h.waitFor('I am still here');
    await h.settle();
    expect(editor.value()).toBe(paste);
    expect(reported.length).toBe(8000);
    h.send('more');
    await h.settle();
    expect(editor.value()).toBe(paste);
    expect(reported.refused).toBe(true);
  });

  it('a paste with line breaks keeps them as lines, CRLF as one break', async () => {
    const { h, editor } = openEditor();
    h.send('one\r\ntwo\rthree\nfour');
    await h.waitFor('four');
    expect(editor.value()).toBe('one\ntwo\nthree\nfour');
  });

  it('keeps escape sequences out of the text, typed or pasted', async () => {
    const { h, editor } = openEditor();
    h.send('clear\x1b[2J me');
    h.send('\x1b]52;c;aGk=\x07ok');
    h.send('\x1b[?25h.\x9b31m!\x1bP1;2|junk\x1b\\?');
    await h.waitFor('ok');
    await h.settle();
    expect(editor.value()).toBe('clear meok.!?');
    expect(editor.value()).not.toMatch(/[\x1b\x07\x9b]/);
  });

  it('keeps out a clipboard write that arrives in several reads', async () => {
    const { h, editor } = openEditor();
    h.send('before \x1b]52;c;aGVs');
    await h.settle();
    h.send('bG8gdGhlcmU=');
    await h.settle();
    h.send('\x07after');
    await h.waitFor('before after');
    expect(editor.value()).toBe('before after');
  });

  it('treats a bracketed paste as text: tabs and line breaks included', async () => {
    h = createWidgetHarness({ cols: 40, rows: 12 });
    const tabs: boolean[] = [];
    const editor = createEditor({
      ctx: h.ctx, parent: h.ctx.body, top: 0, left: 0, width: '100%', height: '100%', maxLength: 100,
      onTab: (shift) => tabs.push(shift),
    });
    editor.focus();
    h.send('\x1b[200~a\tb\rc\x1b[201~');
    await h.waitFor(/^c$/m);
    expect(editor.value()).toBe('a   b\nc');
    // Tabs pressed one at a time move focus (the screen decides where) instead.
    h.send(KEY.tab);
    await h.settle();
    h.send('\x1b[Z');
    await h.settle();
    expect(tabs).toEqual([false, true]);
    expect(editor.value()).toBe('a   b\nc');
  });

  it('scrolls to keep the cursor visible and shows the placeholder when empty', async () => {
    const { h, editor } = openEditor({ placeholder: 'Write here.' });
    await h.waitFor('Write here.');
    h.send(Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\r'));
    await h.waitFor('line 30');
    expect(h.text()).not.toContain('line 1\n');
    expect(cursor(h).y).toBe(9);
    h.send(KEY.pageUp.repeat(5));
    await h.waitFor(/^line 1 *$/m);
    expect(cursor(h)).toEqual({ x: 0, y: 1 });
    h.send(KEY.pageDown);
    await h.settle();
    expect(editor.value().split('\n')).toHaveLength(30);
  });
});
