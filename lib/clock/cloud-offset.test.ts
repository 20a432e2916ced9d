import { afterEach, describe, expect, it } from 'vitest';
import { cloudNow, observeServiceDate } from './cloud-offset';

const local = Date.parse('2026-11-28T10:00:00Z');

describe('cloud clock', () => {
  afterEach(() => observeServiceDate(new Date().toUTCString()));

  it('follows a service whose Date is days ahead', () => {
    observeServiceDate(new Date(local + 61 * 86_400_000).toUTCString(), local);
    expect(cloudNow() - Date.now()).toBeGreaterThan(61 * 86_400_000 - 5_000);
  });

  it('ignores the sub-second truncation of the Date header', () => {
    observeServiceDate(new Date(local + 61 * 86_400_000).toUTCString(), local);
    observeServiceDate(new Date(local - 900).toUTCString(), local);
    expect(Math.abs(cloudNow() - Date.now())).toBeLessThan(50);
  });

  it('keeps the last skew when a header is missing or garbage', () => {
    observeServiceDate(new Date(local + 3_600_000).toUTCString(), local);
    observeServiceDate(undefined, local);
    observeServiceDate('not a date', local);
    expect(cloudNow() - Date.now()).toBeGreaterThan(3_590_000);
  });
});
