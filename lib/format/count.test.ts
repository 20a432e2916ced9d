import { describe, expect, it } from 'vitest';
import { countInWords, formatCount } from './count';

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(47_496)).toBe('47,496');
    expect(formatCount(1_250_000)).toBe('1,250,000');
  });
});

describe('countInWords', () => {
  it('spells counts below ten and groups the rest', () => {
    expect(countInWords(0)).toBe('no');
    expect(countInWords(2)).toBe('two');
    expect(countInWords(9)).toBe('nine');
    expect(countInWords(10)).toBe('10');
    expect(countInWords(12_000)).toBe('12,000');
  });
});
