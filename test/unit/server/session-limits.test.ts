import { describe, expect, it } from 'vitest';
import { InputGate } from '../../../src/server/input-gate.js';
import { PendingConnections } from '../../../src/server/address-limits.js';
import { profileForTerm } from '../../../src/server/terminal-profile.js';
import { clampSize } from '../../../src/terminal.js';

describe('terminal types', () => {
  it('never passes a client TERM through: paths and odd names get the default profile', () => {
    for (const t of ['/dev/zero', '../../etc/passwd', 'x'.repeat(40), 'xterm\u0000', '', undefined]) {
      const p = profileForTerm(t);
      expect(['xterm', 'xterm-256color', 'linux']).toContain(p.terminfo);
      expect(p.clientTerm).toBe('unknown');
    }
  });
  it('maps known terminals to a terminfo blessed ships, and plain ones to no colour', () => {
    expect(profileForTerm('screen-256color')).toMatchObject({ terminfo: 'xterm-256color', colors: 256 });
    expect(profileForTerm('tmux-256color')).toMatchObject({ terminfo: 'xterm-256color', colors: 256 });
    expect(profileForTerm('linux')).toMatchObject({ terminfo: 'linux' });
    expect(profileForTerm('vt100')).toMatchObject({ colors: 0, unicode: false });
    expect(profileForTerm('dumb')).toMatchObject({ colors: 0 });
    expect(profileForTerm('PuTTY')).toMatchObject({ terminfo: 'xterm', colors: 8 });
  });
});

describe('window sizes', () => {
  it('are clamped to what layout can handle, and tiny ones are flagged', () => {
    expect(clampSize(2000, 2000)).toEqual({ cols: 300, rows: 120, tooSmall: false });
    expect(clampSize(1, 1)).toEqual({ cols: 20, rows: 5, tooSmall: true });
    expect(clampSize(0, 0)).toEqual({ cols: 80, rows: 24, tooSmall: false });
    expect(clampSize(NaN, 4294967295)).toEqual({ cols: 80, rows: 120, tooSmall: false });
  });
});

describe('input rate', () => {
  it('lets a burst through, then only the sustained rate, cutting on a character boundary', () => {
    let now = 0;
    const gate = new InputGate(10, 5, () => now);
    expect(gate.admit(Buffer.from('12345678')).dropped).toBe(0);
    const euro = Buffer.from('€€', 'utf8'); // 3 bytes each; 2 tokens left
    const r = gate.admit(euro);
    expect(r.pass.length).toBe(0);
    expect(r.dropped).toBe(6);
    now += 1000; // +5 tokens → 7
    const r2 = gate.admit(euro);
    expect(r2.pass.toString('utf8')).toBe('€€');
  });
});

describe('unauthenticated connections', () => {
  it('are limited per address and overall, and released once', () => {
    const pending = new PendingConnections(2, { start: 3, rate: 30, full: 3 });
    const a1 = pending.acquire('a')!;
    pending.acquire('a');
    expect(pending.acquire('a')).toBeNull();
    pending.acquire('b');
    expect(pending.acquire('c')).toBeNull();
    a1();
    a1();
    expect(pending.size).toBe(2);
    expect(pending.acquire('a')).not.toBeNull();
  });
});

describe('a paste cut by the input rate', () => {
  it('counts what a whole burst lost, not only its last packet', () => {
    let now = 0;
    const gate = new InputGate(10, 5, () => now);
    // A long paste arrives as many packets a few milliseconds apart.
    let last = { droppedInBurst: 0 };
    for (let i = 0; i < 32; i++) {
      last = gate.admit(Buffer.alloc(32_768, 'a'));
      now += 5;
    }
    expect(last.droppedInBurst).toBe(32 * 32_768 - 10);
    // Typing again after a pause starts a new count.
    now += 5000;
    gate.admit(Buffer.alloc(10, 'b'));
    expect(gate.admit(Buffer.alloc(100, 'c')).droppedInBurst).toBe(100);
  });
});
