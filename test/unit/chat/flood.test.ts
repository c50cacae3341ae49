import { describe, expect, it } from 'vitest';
import { FloodControl } from '../../../src/services/flood.js';

const limits = { lines: 5, seconds: 5, muteSeconds: 60 };

function flood() {
  const clock = { t: 1_000_000 };
  return { clock, control: new FloodControl(() => limits, () => clock.t) };
}

describe('flood control', () => {
  it('five lines in five seconds go through, the sixth is refused with a warning', () => {
    const { clock, control } = flood();
    for (let i = 0; i < 5; i++) {
      expect(control.admit(1, 1).outcome).toBe('ok');
      clock.t += 500;
    }
    expect(control.admit(1, 1)).toMatchObject({ outcome: 'warned', allowed: 0, refused: 1 });
  });

  it('carrying on after the warning mutes for sixty seconds, then the member may speak again', () => {
    const { clock, control } = flood();
    for (let i = 0; i < 5; i++) control.admit(1, 1);
    expect(control.admit(1, 1).outcome).toBe('warned');
    clock.t += 100;
    const muted = control.admit(1, 1);
    expect(muted).toMatchObject({ outcome: 'muted', mutedSeconds: 60 });
    expect(control.mutedUntil(1)).toBe(clock.t + 60_000);
    clock.t += 30_000;
    expect(control.admit(1, 1)).toMatchObject({ outcome: 'still-muted', mutedSeconds: 30 });
    clock.t += 30_001;
    expect(control.mutedUntil(1)).toBeUndefined();
    expect(control.admit(1, 1).outcome).toBe('ok');
  });

  it('a warning long past does not turn the next excess into a mute', () => {
    const { clock, control } = flood();
    for (let i = 0; i < 5; i++) control.admit(1, 1);
    expect(control.admit(1, 1).outcome).toBe('warned');
    clock.t += 61_000;
    for (let i = 0; i < 5; i++) control.admit(1, 1);
    expect(control.admit(1, 1).outcome).toBe('warned');
  });

  it('a paste of twelve lines sends five and refuses seven, without a warning or mute', () => {
    const { control } = flood();
    expect(control.admit(1, 12)).toEqual({ outcome: 'paste-cut', allowed: 5, refused: 7 });
    expect(control.admit(1, 3)).toEqual({ outcome: 'paste-cut', allowed: 0, refused: 3 });
    expect(control.mutedUntil(1)).toBeUndefined();
  });

  it('members are counted apart, and forgotten once quiet', () => {
    const { clock, control } = flood();
    for (let i = 0; i < 5; i++) control.admit(1, 1);
    expect(control.admit(2, 1).outcome).toBe('ok');
    clock.t += 120_000;
    control.prune();
    expect((control as unknown as { members: Map<number, unknown> }).members.size).toBe(0);
  });
});
