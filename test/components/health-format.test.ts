import { describe, expect, it } from 'vitest';
import { relativeTime } from '@/components/health/format';

describe('relativeTime', () => {
  const now = '2026-03-12T10:00:00.000Z';
  it('calls a few seconds either way "just now", never "in 0 s"', () => {
    expect(relativeTime('2026-03-12T10:00:00.400Z', now)).toBe('just now');
    expect(relativeTime('2026-03-12T09:59:57.000Z', now)).toBe('just now');
  });
  it('keeps its units beyond that', () => {
    expect(relativeTime('2026-03-12T09:59:30.000Z', now)).toBe('30 s ago');
    expect(relativeTime('2026-03-12T10:45:00.000Z', now)).toBe('in 45 min');
    expect(relativeTime(null, now)).toBe('');
  });
  it('chooses the unit and its plural after rounding: never "2 day", "60 min" or "24 h"', () => {
    const before = (ms: number) => new Date(Date.parse(now) - ms).toISOString();
    expect(relativeTime(before(1.75 * 86_400_000), now)).toBe('2 days ago');
    expect(relativeTime(before(1.25 * 86_400_000), now)).toBe('1 day ago');
    expect(relativeTime(before(59 * 60_000 + 45_000), now)).toBe('1 h ago');
    expect(relativeTime(before(23.75 * 3_600_000), now)).toBe('1 day ago');
    expect(relativeTime(before(59_700), now)).toBe('1 min ago');
  });
});
