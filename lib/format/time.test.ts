import { describe, expect, it } from 'vitest';
import { formatUtc, formatUtcSeconds } from './time';

describe('formatUtc', () => {
  it('shows the UTC wall time whatever the offset it was written with', () => {
    expect(formatUtc('2026-03-12T14:05:59Z')).toBe('12 Mar 2026, 14:05 UTC');
    expect(formatUtc('2026-03-12T23:30:00-02:00')).toBe('13 Mar 2026, 01:30 UTC');
  });

  it('falls back when the time is absent or unreadable', () => {
    expect(formatUtc(null)).toBe('—');
    expect(formatUtc('', 'Never')).toBe('Never');
    expect(formatUtc('yesterday', 'Never')).toBe('Never');
  });
});

describe('formatUtcSeconds', () => {
  it('shows the UTC wall time to the second', () => {
    expect(formatUtcSeconds('2026-03-12T14:05:59Z')).toBe('12 Mar 2026, 14:05:59 UTC');
    expect(formatUtcSeconds('2026-03-12T23:30:07-02:00')).toBe('13 Mar 2026, 01:30:07 UTC');
  });

  it('falls back when the time is absent or unreadable', () => {
    expect(formatUtcSeconds(null, 'unknown')).toBe('unknown');
    expect(formatUtcSeconds('not a time', 'unknown')).toBe('unknown');
  });
});
