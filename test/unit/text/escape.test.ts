import blessed from 'blessed';
import { describe, expect, it } from 'vitest';
import { escapeTags } from '../../../src/text/index.js';

const unescape = (s: string): string => s.replace(/\{(open|close)\}/g, (_m, w: string) => (w === 'open' ? '{' : '}'));

// parseTags only needs the screen for colour tags; a stub is enough to run the real parser.
const stubScreen = {
  program: { _attr: () => '' },
} as unknown as blessed.Widgets.Screen;

describe('escapeTags', () => {
  it('a member typing blessed tags sees them literally', () => {
    const typed = '{red-fg}x{/escape}';
    const escaped = escapeTags(typed);
    expect(escaped).toBe('{open}red-fg{close}x{open}/escape{close}');
    expect(unescape(escaped)).toBe(typed);
  });

  it('matches blessed.escape and survives blessed tag parsing unchanged', () => {
    const samples = ['{bold}loud{/bold}', '{escape}{/escape}{red-fg}', '{open}{close}', '}{', 'plain', ''];
    for (const s of samples) {
      expect(escapeTags(s)).toBe(blessed.escape(s));
      expect(blessed.parseTags(escapeTags(s), stubScreen)).toBe(s);
    }
  });

  it('an already-escaped-looking string is escaped again, not trusted', () => {
    expect(escapeTags('{open}')).toBe('{open}open{close}');
  });
});
