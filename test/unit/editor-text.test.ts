import { describe, expect, it } from 'vitest';
import { createEditorText } from '../../screens/widgets/editor-text.js';

// The editor's text without a screen: what keys do to it, and the rows a box shows.
const textOf = (maxLength: number, width = 10) => createEditorText({ maxLength, width: () => width });

describe('editor text', () => {
  it('refuses what goes past the limit and says so once; a value set is not a refusal', () => {
    const t = textOf(5);
    t.setValue('abcdefgh');
    expect(t.value()).toBe('abcde');
    expect(t.takeRefused()).toBe(false);
    t.type('x');
    expect(t.value()).toBe('abcde');
    expect(t.takeRefused()).toBe(true);
    expect(t.takeRefused()).toBe(false);
    t.backspace();
    t.newline();
    expect(t.length()).toBe(5);
    expect(t.value()).toBe('abcd\n');
  });

  it('joins a combining mark typed alone to the character before it', () => {
    const t = textOf(10);
    t.type('e');
    t.type('\u0301');
    expect(t.value()).toBe('e\u0301');
    t.left();
    t.type('x');
    expect(t.value()).toBe('xe\u0301');
  });

  it('backspace at the start of a line joins it to the one above, and does nothing at the start of the text', () => {
    const t = textOf(100);
    t.setValue('one\ntwo');
    t.home();
    expect(t.backspace()).toBe(true);
    expect(t.value()).toBe('onetwo');
    expect(t.length()).toBe(6);
    t.home();
    expect(t.backspace()).toBe(false);
    t.end();
    expect(t.deleteForward()).toBe(false);
  });

  it('up and down keep the column across a shorter line', () => {
    const t = textOf(100);
    t.setValue('abcdef\nab\nabcdef');
    t.vertical(false, 2);
    t.end();
    t.forgetGoal();
    t.vertical(true, 1);
    t.vertical(true, 1);
    t.type('X');
    expect(t.value()).toBe('abcdef\nab\nabcdefX');
    t.home();
    t.forgetGoal();
    t.vertical(false, 1);
    t.type('Y');
    expect(t.value()).toBe('abcdef\nYab\nabcdefX');
  });

  it('shows the rows around the cursor, wrapped at the width, with the cursor among them', () => {
    const t = textOf(100, 4);
    t.setValue('abcdefgh\nij');
    expect(t.view(2)).toEqual({ rows: ['efgh', 'ij'], cursor: { x: 2, y: 1 } });
    t.vertical(false, 2);
    expect(t.view(2)).toEqual({ rows: ['abcd', 'efgh'], cursor: { x: 2, y: 0 } });
  });
});
