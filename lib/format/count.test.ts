import { describe, expect, it } from 'vitest';
import { formatCount } from './count';

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(47_496)).toBe('47,496');
    expect(formatCount(1_250_000)).toBe('1,250,000');
  });
});
