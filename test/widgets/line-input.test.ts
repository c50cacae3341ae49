import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLineInput, type LineInput } from '../../screens/widgets/line-input.js';
import { KEY } from '../helpers/screen.js';
import { createWidgetHarness, type WidgetHarness } from '../helpers/widget-harness.js';

let h: WidgetHarness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

function openInput(opts: { censor?: boolean; maxLength?: number } = {}) {
  h = createWidgetHarness({ cols: 40, rows: 12 });
  const submitted: string[] = [];
  let cancelled = 0;
  const input: LineInput = createLineInput({
    parent: h.ctx.body,
    screen: h.screen,
    top: 0,
    left: 0,
    width: 30,
    maxLength: opts.maxLength ?? 60,
    censor: opts.censor,
    onSubmit: (v) => submitted.push(v),
    onCancel: () => cancelled++,
  });
  input.focus();
  h.screen.render();
  return { h, input, submitted, cancelled: () => cancelled };
}

describe('a one-line field', () => {
  it('keeps the insides of escape sequences out: an OSC 52 clipboard write, CSI and DCS', async () => {
    const { h, input, submitted } = openInput();
    h.send('hi');
    h.send('\x1b]52;c;aGk=\x07');
    h.send(' there');
    await h.waitFor('hi there');
    h.send('\x1b[?25h!\x1bP1;2|junk\x1b\\\x9b31m?');
    await h.waitFor('hi there!?');
    expect(input.value()).toBe('hi there!?');
    h.send(KEY.enter);
    await expect.poll(() => submitted).toEqual(['hi there!?']);
  });

  it('a sequence cut across two reads of the input is kept out too', async () => {
    const { h, input } = openInput();
    h.send('a\x1b]52;c;');
    await h.settle();
    h.send('aGk=\x07b');
    await h.waitFor('ab');
    expect(input.value()).toBe('ab');
  });

  it('a lone Alt-] or a cut sequence that never goes on does not eat the typing after it', async () => {
    const { h, input } = openInput();
    h.send('\x1b]');
    await h.settle();
    h.send('abc');
    await h.waitFor('abc');
    // A terminal sends the pieces of one sequence back to back; 600 ms later it is typing. The
    // clock is moved on rather than waited for.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      h.send('\x1b]52;c;');
      await h.settle();
      vi.setSystemTime(Date.now() + 600);
      h.send('def');
      await h.settle();
    } finally {
      vi.useRealTimers();
    }
    await h.waitFor('abcdef');
    expect(input.value()).toBe('abcdef');
  });

  it('Enter after a broken ESC ] submits the line, and the words after it are kept', async () => {
    const { h, input, submitted } = openInput();
    // Pasted text holding a stray ESC ] (an OSC never closed), then Enter in the next read.
    h.send('look \x1b] here');
    await h.waitFor('look  here');
    h.send(KEY.enter);
    await h.settle();
    expect(submitted).toEqual(['look  here']);
    // A sequence cut at the end of a read and never finished: Enter still submits.
    input.setValue('');
    h.send('next\x1b]52;c;QUFB');
    await h.settle();
    h.send(KEY.enter);
    await h.settle();
    expect(submitted).toEqual(['look  here', 'next']);
  });

  it('emoji typed one keypress per half, and clusters typed code point by code point, stay whole', async () => {
    const { h, input } = openInput();
    h.send('a😢');
    h.send('👨');
    h.send('\u200d👩\u200d👧');
    h.send('🇬');
    h.send('🇧👋🏽');
    await h.settle();
    expect(input.value()).toBe('a😢👨‍👩‍👧🇬🇧👋🏽');
    h.send(KEY.backspace);
    await h.settle();
    // A cluster is one character: one Backspace takes the toned hand away whole.
    expect(input.value()).toBe('a😢👨‍👩‍👧🇬🇧');
  });

  it('arrows, Home and End still move, Esc still cancels, and plain text is kept whole', async () => {
    const { h, input, cancelled } = openInput();
    h.send('world');
    await h.settle();
    h.send(KEY.home);
    h.send('hello ');
    await h.waitFor('hello world');
    h.send(KEY.end + KEY.left + KEY.left + 'X');
    await h.waitFor('hello worXld');
    h.send('; and {braces} [brackets] 52;c;');
    await h.waitFor('52;c;');
    expect(input.value()).toBe('hello worX; and {braces} [brackets] 52;c;ld');
    h.send(KEY.escape);
    await h.settle();
    expect(cancelled()).toBe(1);
  });

  it('a password field drops the sequence and shows only stars', async () => {
    const { h, input } = openInput({ censor: true });
    h.send('pass\x1b]52;c;aGk=\x07word');
    await h.waitFor('********');
    expect(input.value()).toBe('password');
    expect(h.text()).not.toContain('52;c');
  });
});
