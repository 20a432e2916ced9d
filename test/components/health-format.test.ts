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
});
