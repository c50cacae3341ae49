import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { composeScreen, type ComposeOptions } from '../../screens/compose.js';
import type { ScreenFactory } from '../../screens/context.js';
import { KEY } from '../helpers/screen.js';
import { createWidgetHarness, type WidgetHarness } from '../helpers/widget-harness.js';

const SHIFT_TAB = '\x1b[Z';

let h: WidgetHarness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

/** A plain screen under the compose screen, so leaving compose has somewhere to go. */
const underneath: ScreenFactory = (ctx) => ({
  title: 'Letters',
  hints: [],
  focus: () => ctx.body.focus(),
  dispose: () => {},
});

function openCompose(over: Partial<ComposeOptions> = {}, size = { cols: 80, rows: 24 }) {
  h = createWidgetHarness(size);
  const sent: Array<{ values: Record<string, string>; body: string }> = [];
  h.ctx.nav.push(underneath);
  h.ctx.nav.push(
    composeScreen({
      title: 'New letter',
      fields: [
        { name: 'to', label: 'To:', maxLength: 32 },
        { name: 'subject', label: 'Subject:', maxLength: 100 },
      ],
      bodyMaxLength: 8000,
      onSend(values, body) {
        sent.push({ values, body });
      },
      ...over,
    }),
  );
  return { h, sent };
}

describe('writing with the compose screen', () => {
  it('a member fills the fields with Tab and Enter, writes two lines and sends with Ctrl-S', async () => {
    const { h, sent } = openCompose();
    await h.waitFor('0/8000');
    h.send('robin' + KEY.tab);
    h.send('Thank you' + KEY.enter);
    h.send('It helped to read your post.' + KEY.enter + 'Take care.');
    await h.waitFor('Take care.');
    await h.waitFor('39/8000');
    h.send(KEY.ctrlS);
    await h.waitForGone('Take care.');
    expect(sent).toEqual([{ values: { to: 'robin', subject: 'Thank you' }, body: 'It helped to read your post.\nTake care.' }]);
    expect(h.stack()).toEqual(['Letters']);
  });

  it('Tab from the body moves one field on, to the first; Shift-Tab one back, to the last', async () => {
    const { h, sent } = openCompose();
    await h.waitFor('0/8000');
    h.send('robin' + KEY.tab + 'Hello' + KEY.tab);
    await h.settle();
    h.send('Body text');
    await h.waitFor('Body text');
    // One key at a time, as a member presses them (a Tab inside a paste is text).
    h.send(KEY.tab);
    await h.settle();
    h.send('s');
    await h.waitFor('robins');
    h.send(SHIFT_TAB);
    await h.settle();
    h.send(SHIFT_TAB);
    await h.settle();
    h.send('!');
    await h.waitFor('Hello!');
    h.send(KEY.ctrlS);
    await h.waitForGone('Body text');
    expect(sent).toEqual([{ values: { to: 'robins', subject: 'Hello!' }, body: 'Body text' }]);
  });

  it('a refused send shows why and keeps everything that was typed', async () => {
    const { h } = openCompose({
      onSend: async () => {
        await new Promise((r) => setTimeout(r, 5));
        throw new UserError('There is no member called "robbin".');
      },
    });
    await h.waitFor('0/8000');
    h.send('robbin' + KEY.tab + 'Hello' + KEY.tab + 'A long letter');
    await h.waitFor('A long letter');
    h.send(KEY.ctrlS);
    await h.waitFor('There is no member called "robbin".');
    expect(h.stack()).toEqual(['Letters', 'New letter']);
    const text = h.text();
    expect(text).toContain('robbin');
    expect(text).toContain('Hello');
    expect(text).toContain('A long letter');
    // Still typing into the body after the error.
    h.send('!');
    await h.waitFor('A long letter!');
  });

  it('Esc after writing asks first, and "n" goes back to the text untouched', async () => {
    const { h } = openCompose();
    await h.waitFor('0/8000');
    h.send('sam' + KEY.tab + KEY.tab + 'Words I do not want to lose');
    await h.waitFor('Words I do not want to lose');
    h.send(KEY.escape);
    await h.waitFor('Discard what you wrote? (y/n)');
    h.send('n');
    await h.waitForGone('Discard what you wrote?');
    h.send(' again');
    await h.waitFor('Words I do not want to lose again');
    expect(h.stack()).toEqual(['Letters', 'New letter']);
    h.send(KEY.escape);
    await h.waitFor('Discard what you wrote? (y/n)');
    h.send('y');
    await h.waitForGone('Words I do not want');
    expect(h.stack()).toEqual(['Letters']);
  });

  it('Esc on an untouched compose screen leaves at once', async () => {
    const { h } = openCompose();
    await h.waitFor('0/8000');
    h.send(KEY.escape);
    await h.waitForGone('0/8000');
    expect(h.stack()).toEqual(['Letters']);
  });

  it('Ctrl-R while writing opens Resources, and coming back finds the text intact', async () => {
    const { h } = openCompose();
    await h.waitFor('0/8000');
    h.send('lee' + KEY.tab + 'Hard night' + KEY.tab + 'I could not sleep');
    await h.waitFor('I could not sleep');
    h.send(KEY.ctrlR);
    await h.waitFor('IF YOU ARE IN DANGER');
    expect(h.stack()).toEqual(['Letters', 'New letter', 'Help now']);
    h.send(KEY.escape);
    await h.waitForGone('IF YOU ARE IN DANGER');
    h.send(', again.');
    await h.waitFor('I could not sleep, again.');
    expect(h.text()).toContain('Hard night');
  });

  it('at 40x12 the fields shrink and the body keeps rows; a resize to 200x60 lays it out again', async () => {
    const { h } = openCompose(
      {
        intro: 'Posting in Grief and loss. Be gentle with yourself and others.',
        fields: [
          { name: 'subject', label: 'Subject:', maxLength: 100 },
          { name: 'cw', label: 'Content warning (optional):', maxLength: 60 },
        ],
      },
      { cols: 40, rows: 12 },
    );
    await h.waitFor('0/8000');
    h.send('Missing her' + KEY.tab + 'loss' + KEY.tab + 'word '.repeat(30));
    await h.waitFor('150/8000');
    // Each field lays itself out once after a burst of keys: wait for the last one typed into.
    await h.waitFor(/Content warnin… loss/);
    let lines = h.view.lines();
    // No room for the intro at 40x12; labels are cut, every field still has its row.
    expect(h.text()).not.toContain('Posting in');
    expect(lines[1]).toMatch(/^ Subject: +Missing her/);
    expect(lines[2]).toMatch(/^ Content warnin… loss/);
    const bodyRows = lines.filter((l) => l.startsWith(' word'));
    expect(bodyRows.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);

    await h.resize(200, 60);
    await h.waitFor('Posting in Grief and loss');
    lines = h.view.lines();
    expect(lines.find((l) => l.includes('Content warning (optional):'))).toMatch(/Content warning \(optional\): loss/);
    expect(lines.filter((l) => l.startsWith(' word'))).toHaveLength(1);
    expect(lines[57]).toMatch(/150\/8000$/);
    h.send('more');
    await h.waitFor('word more');
  });

  it('the count turns into an error when the body reaches its limit', async () => {
    const { h, sent } = openCompose({ fields: [], bodyMaxLength: 10 });
    await h.waitFor('0/10');
    h.send('0123456789abc');
    await h.waitFor('That is as long as it can be. 10/10');
    const row = h.view.lines().findIndex((l) => l.includes('10/10'));
    const line = h.view.term.buffer.active.getLine(row)!;
    const cell = line.getCell(line.translateToString(true).indexOf('10/10'))!;
    expect(cell.getFgColor()).toBe(1); // red
    h.send(KEY.ctrlS);
    await h.waitForGone('0123456789');
    expect(sent[0]!.body).toBe('0123456789');
  });
});
