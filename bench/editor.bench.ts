// CPU cost of pasting into the post/mail editor, measured from the bytes reaching blessed to
// the end of the repaint they cause, on a real blessed screen (output discarded).
import { createEditor, type Editor } from '../screens/widgets/editor.js';
import { createWidgetHarness, type WidgetHarness } from '../test/helpers/widget-harness.js';

function setup(cols: number, rows: number, maxLength: number, value = ''): { h: WidgetHarness; editor: Editor; renders: () => number } {
  const h = createWidgetHarness({ cols, rows, discardOutput: true });
  const editor = createEditor({ ctx: h.ctx, parent: h.ctx.body, top: 0, left: 0, width: '100%', height: '100%', maxLength, value });
  editor.focus();
  h.screen.render();
  let renders = 0;
  h.screen.on('render', () => renders++);
  return { h, editor, renders: () => renders };
}

/** CPU milliseconds from writing `data` to the input until the next repaint has finished. */
async function cpuUntilRendered(h: WidgetHarness, data: string): Promise<number> {
  const drawn = new Promise<void>((resolve) => h.screen.once('render', () => resolve()));
  const before = process.cpuUsage();
  h.send(data);
  await drawn;
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

async function pasteCase(data: string, opts: { cols?: number; rows?: number; maxLength?: number; value?: string } = {}) {
  const { h, editor, renders } = setup(opts.cols ?? 80, opts.rows ?? 24, opts.maxLength ?? 8000, opts.value);
  const ms = await cpuUntilRendered(h, data);
  await new Promise((r) => setTimeout(r, 20));
  const result = { ms, renders: renders(), length: editor.length() };
  h.close();
  return result;
}

export default async (): Promise<Record<string, number | string>> => {
  const sentence = 'Some days are harder than others, and that is fine. ';
  const prose = sentence.repeat(200).slice(0, 8000);
  const lines = Array.from({ length: 200 }, (_, i) => `line ${i} `.padEnd(39, '.')).join('\r').slice(0, 8000);
  const cjk = '我们一起走过这段路'.repeat(500).slice(0, 4000);
  const emoji = '🌱💛'.repeat(1000);

  // Warm up the JIT and the segmenter once, as a running server would be.
  await pasteCase(prose);

  const results: Record<string, number | string> = {};
  {
    // The floor: blessed splitting the same paste into keypresses for a box that ignores them.
    const h = createWidgetHarness({ cols: 80, rows: 24, discardOutput: true });
    h.ctx.body.on('keypress', () => {});
    h.ctx.body.focus();
    h.screen.render();
    const before = process.cpuUsage();
    h.send(prose);
    await new Promise((r) => setTimeout(r, 50));
    const used = process.cpuUsage(before);
    results['blessed alone, 8,000 keypresses to a box that ignores them: CPU ms'] = (used.user + used.system) / 1000;
    h.close();
  }
  const record = (name: string, r: { ms: number; renders: number; length: number }) => {
    results[`${name}: CPU ms`] = r.ms;
    results[`${name}: repaints`] = r.renders;
    results[`${name}: characters kept`] = r.length;
  };
  record('paste 8,000 chars of prose, 80x24', await pasteCase(prose));
  record('paste 8,000 chars of prose, 200x60', await pasteCase(prose, { cols: 200, rows: 60 }));
  record('paste 200 lines (8,000 chars), 40x12', await pasteCase(lines, { cols: 40, rows: 12 }));
  record('paste 4,000 CJK chars (12 KB), 80x24', await pasteCase(cjk));
  record('paste 2,000 emoji (8 KB), 80x24', await pasteCase(emoji));
  record('paste 16,000 chars over an 8,000 limit', await pasteCase(prose + prose));

  // Typing at the end of a long text: one keypress per tick, one repaint each.
  const { h, renders } = setup(80, 24, 20000, prose);
  await new Promise((r) => setTimeout(r, 20));
  const keys = 200;
  let total = 0;
  for (let i = 0; i < keys; i++) total += await cpuUntilRendered(h, 'x');
  results['typing after 8,000 chars: CPU ms per key (incl. repaint)'] = total / keys;
  results['typing: repaints per key'] = renders() / keys;
  h.close();
  return results;
};
