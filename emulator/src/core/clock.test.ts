import { describe, expect, it } from 'vitest';
import { Clock } from './clock';

describe('emulator clock', () => {
  it('moves only forward and reports the offset in force when a time was read', () => {
    const clock = new Clock();
    const before = clock.now();
    clock.advance(61 * 86_400_000);
    const after = clock.now();
    expect(after - before).toBeGreaterThanOrEqual(61 * 86_400_000);
    expect(clock.offsetAt(before)).toBe(0);
    expect(clock.offsetAt(after)).toBe(61 * 86_400_000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('forgets the history when an offset is restored', () => {
    const clock = new Clock();
    clock.advance(1_000);
    clock.offsetMs = 5_000;
    expect(clock.offsetAt(0)).toBe(5_000);
    expect(clock.offsetMs).toBe(5_000);
  });
});
