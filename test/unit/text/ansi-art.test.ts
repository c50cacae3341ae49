import { describe, expect, it } from 'vitest';
import { artSize, cleanAnsiArt, decodeArt, stripSgr } from '../../../src/text/ansi-art.js';

describe('ANSI art for the welcome banner', () => {
  it('keeps colours and drops every other escape, the 8-bit CSI and a title string whole', () => {
    const art = cleanAnsiArt('\x1b[2J\x1b[1;31mRED\x1b[0m \x1b]0;pwned\x07ok\x1b[5A\x9b31m');
    expect(art).toBe('\x1b[1;31mRED\x1b[0m ok\x1b[0m');
  });

  it('turns cursor-forward into spaces, cuts the SAUCE record and measures visible cells', () => {
    const art = cleanAnsiArt('\x1b[44mab\x1b[3Ccd\x1b[0m\r\n漢字\x1a SAUCE00 junk');
    expect(stripSgr(art).split('\n')).toEqual(['ab   cd', '漢字']);
    expect(artSize(art)).toEqual({ cols: 7, rows: 2 });
  });

  it('reads code page 437 when the bytes are not UTF-8', () => {
    expect(decodeArt(Uint8Array.from([0xb0, 0xdb, 0x41]))).toBe('░█A');
    expect(decodeArt(new TextEncoder().encode('█A'))).toBe('█A');
  });
});
