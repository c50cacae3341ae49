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
});
