import { createRequire } from 'node:module';
import blessed from 'blessed';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BLESSED_ELEMENT_SHAPES,
  BLESSED_LIST_SHAPES,
  BLESSED_MODULE_SHAPES,
  BLESSED_SCREEN_SHAPES,
  BLESSED_VERSION,
  checkScreenShapes,
} from '../../screens/blessed-internals.js';
import { checkShapes } from '../../src/shape-check.js';
import { createWidgetHarness, type WidgetHarness } from '../helpers/widget-harness.js';

const installed = (createRequire(import.meta.url)('blessed/package.json') as { version: string }).version;

let h: WidgetHarness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

describe('the shapes of blessed that Haven relies on', () => {
  it('reads the installed version', () => {
    expect(BLESSED_VERSION).toBe(installed);
  });

  it('hold for the installed blessed: its module, a screen, an element and a list', () => {
    expect(() => checkShapes('blessed', BLESSED_VERSION, 'module', blessed, BLESSED_MODULE_SHAPES)).not.toThrow();
    h = createWidgetHarness({ cols: 40, rows: 10 });
    h.screen.render();
    expect(() => checkScreenShapes(h!.screen)).not.toThrow();
    expect(() => checkShapes('blessed', BLESSED_VERSION, 'screen', h!.screen, BLESSED_SCREEN_SHAPES)).not.toThrow();
    const box = blessed.box({ parent: h.ctx.body, top: 0, left: 0, width: 5, height: 2, border: 'line' });
    const list = blessed.list({ parent: h.ctx.body, top: 0, left: 0, width: 5, height: 2, items: ['a'] });
    expect(() => checkShapes('blessed', BLESSED_VERSION, 'element', box, BLESSED_ELEMENT_SHAPES)).not.toThrow();
    expect(() => checkShapes('blessed', BLESSED_VERSION, 'list', list, BLESSED_LIST_SHAPES)).not.toThrow();
  });

  it('fail loudly, naming the version and every missing shape, when blessed differs', () => {
    // A blessed whose Element lost _wrapContent and whose Screen lost draw, the rest as installed.
    const lib = blessed as unknown as { widget: { Element: { prototype: object }; Screen: { prototype: object } } };
    const element = Object.assign(Object.create(lib.widget.Element.prototype) as object, { _wrapContent: undefined });
    const screen = Object.assign(Object.create(lib.widget.Screen.prototype) as object, { draw: 1 });
    const doctored = { ...blessed, widget: { Element: { prototype: element }, Screen: { prototype: screen } } };
    const check = () => checkShapes('blessed', BLESSED_VERSION, 'the blessed module', doctored, BLESSED_MODULE_SHAPES);
    expect(check).toThrow(`blessed ${installed} is not shaped as Haven expects`);
    expect(check).toThrow('widget.Element.prototype._wrapContent should be a function but is undefined');
    expect(check).toThrow('widget.Screen.prototype.draw should be a function but is number');
  });

  it('fail when a screen lacks its buffers or a field has changed kind', () => {
    h = createWidgetHarness({ cols: 40, rows: 10 });
    const screen = h.screen as unknown as Record<string, unknown>;
    const doctored = { ...screen, tput: screen.tput, program: screen.program, lines: undefined, dattr: '0' };
    const check = () => checkShapes('blessed', BLESSED_VERSION, 'a screen', doctored, BLESSED_SCREEN_SHAPES);
    expect(check).toThrow(`blessed ${installed}`);
    expect(check).toThrow('lines should be an array but is undefined');
    expect(check).toThrow('dattr should be a number but is string');
  });
});
