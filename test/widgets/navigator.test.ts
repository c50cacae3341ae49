import blessed from 'blessed';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { ScreenFactory } from '../../screens/context.js';
import { KEY } from '../helpers/screen.js';
import { createWidgetHarness, type WidgetHarness } from '../helpers/widget-harness.js';

let h: WidgetHarness | undefined;
afterEach(() => {
  vi.useRealTimers();
  h?.close();
  h = undefined;
});

/** A screen that shows one line of text on its page. */
const textScreen =
  (title: string, text: string): ScreenFactory =>
  (ctx) => {
    const box = blessed.box({ parent: ctx.body, top: 0, left: 0, width: '100%', height: 1, content: text });
    return { title, hints: [], focus: () => ctx.body.focus(), dispose: () => box.destroy() };
  };

describe("the session's navigator", () => {
  it('Ctrl-R opens Resources over any screen only once, and Esc goes back to the screen below', async () => {
    h = createWidgetHarness();
    h.ctx.nav.push(textScreen('Main menu', 'the main menu'));
    await h.waitFor('the main menu');
    h.send(KEY.ctrlR);
    await h.waitFor('IF YOU ARE IN DANGER');
    h.send(KEY.ctrlR);
    await h.settle();
    expect(h.stack()).toEqual(['Main menu', 'Help now']);
    h.send(KEY.escape);
    await h.waitFor('the main menu');
    expect(h.stack()).toEqual(['Main menu']);
  });

  it('back from the first screen stays on it', async () => {
    h = createWidgetHarness();
    h.ctx.nav.push(textScreen('Main menu', 'the main menu'));
    await h.waitFor('the main menu');
    h.ctx.nav.pop();
    await h.settle();
    expect(h.stack()).toEqual(['Main menu']);
    expect(h.text()).toContain('the main menu');
  });

  it('a covered screen is not drawn under the one above it, and shows again on the way back', async () => {
    h = createWidgetHarness();
    let boardList: blessed.Widgets.BoxElement | undefined;
    h.ctx.nav.push((ctx) => {
      boardList = blessed.box({ parent: ctx.body, top: 0, left: 0, width: '100%', height: 1, content: 'the board list' });
      return { title: 'Boards', hints: [], focus: () => ctx.body.focus(), dispose: () => boardList?.destroy() };
    });
    await h.waitFor('the board list');
    h.ctx.nav.push(textScreen('Thread', 'the thread'));
    await h.waitFor('the thread');
    // Drawn underneath, every repaint of the thread would also pay for the board list.
    expect(boardList?.visible).toBe(false);
    h.ctx.nav.pop();
    await h.waitFor('the board list');
    expect(boardList?.visible).toBe(true);
  });

  it('a screen that cannot open leaves the member where they were, told why', async () => {
    h = createWidgetHarness();
    h.ctx.nav.push(textScreen('Mail', 'your letters'));
    await h.waitFor('your letters');
    h.ctx.nav.push(() => {
      throw new UserError('That letter has been deleted.');
    });
    await h.waitFor('That letter has been deleted.');
    expect(h.stack()).toEqual(['Mail']);
    expect(h.text()).toContain('your letters');
  });

  it('a client replaying hotkeys opens at most 20 screens a second; the latest change past that waits for the next second', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    h = createWidgetHarness();
    for (let i = 0; i < 30; i++) h.ctx.nav.push(textScreen(`Screen ${i}`, `screen number ${i}`));
    expect(h.stack()).toHaveLength(20);
    vi.setSystemTime(Date.now() + 1001);
    vi.useRealTimers();
    // Not lost, but not all of them either: only the last key's screen follows.
    await h.waitFor('screen number 29');
    expect(h.stack()).toHaveLength(21);
    expect(h.stack()).not.toContain('Screen 20');
  });
});
