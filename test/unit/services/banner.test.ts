import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Banner } from '../../../src/services/banner.js';
import { OptionalFiles } from '../../../src/services/texts.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the banner', () => {
  it('an empty banner file, or one of blanks and colour codes only, is no banner: nobody gets an empty screen to dismiss', () => {
    dir = mkdtempSync(join(tmpdir(), 'haven-banner-'));
    const banner = new Banner(new OptionalFiles(dir), () => 'Haven');
    expect(banner.exists()).toBe(false);
    writeFileSync(join(dir, 'banner.txt'), '  \n\n');
    writeFileSync(join(dir, 'banner.ans'), '\x1b[31m  \x1b[0m\n');
    expect(banner.exists()).toBe(false);
    writeFileSync(join(dir, 'banner.txt'), 'Welcome, friend.\n');
    expect(banner.exists()).toBe(true);
  });
});
