import blessed from 'blessed';
import type { BannerView } from '../src/services/banner.js';
import type { ScreenContext, ScreenFactory, ScreenView } from './context.js';

// Keys that belong to the whole session (Resources, repaint): they do not dismiss the banner.
const SESSION_KEYS = new Set(['C-r', 'C-l']);

/**
 * The sysop's welcome banner, first thing in a connection: ANSI art where it fits and the
 * terminal shows colour, plain text otherwise (chosen again on resize). Any key goes on; keys
 * typed before it was drawn count too, so a slow link never holds anyone here.
 */
export function bannerScreen(opts: { onContinue(): void }): ScreenFactory {
  return (ctx: ScreenContext): ScreenView => {
    const art = blessed.box({ parent: ctx.body, top: 0, left: 0, width: 1, height: 1, tags: false, wrap: false });
    const prompt = blessed.box({
      parent: ctx.body, bottom: 0, left: 1, width: '100%-2', height: 1, tags: true, wrap: false,
      content: '{bold}Press any key to go on.{/bold}',
    });
    const layOut = () => {
      const cols = Number(ctx.body.width);
      const rows = Math.max(1, Number(ctx.body.height) - 1);
      const view: BannerView | undefined = ctx.services.banner.view({ cols, rows, colour: !ctx.theme.monochrome });
      const lines = view?.lines ?? [];
      const width = Math.max(1, view?.cols ?? 1);
      art.left = Math.max(0, Math.floor((cols - width) / 2));
      art.width = Math.min(cols, width);
      art.height = Math.max(1, Math.min(rows, lines.length));
      art.setContent(lines.join('\n'));
    };
    layOut();
    ctx.screen.on('resize', layOut);
    let gone = false;
    art.on('keypress', (_ch: string | undefined, key: { full?: string }) => {
      if (gone || SESSION_KEYS.has(key?.full ?? '')) return;
      gone = true;
      opts.onContinue();
    });
    return {
      title: 'Welcome',
      place: 'Arriving',
      hints: [{ key: 'Any key', label: ' Go on' }],
      focus: () => art.focus(),
      dispose() {
        ctx.screen.removeListener('resize', layOut);
        art.destroy();
        prompt.destroy();
      },
    };
  };
}
