import { describe, expect, it } from 'vitest';
import { countNeedsOwnAge } from './count-freshness';
import type { CustomerCountView } from './customer-count';

const rowsAt = '2026-01-06T12:00:00.000Z';
const countedAt = (iso: string): CustomerCountView => ({
  count: 60,
  done: true,
  truncated: false,
  countedAgo: 'just now',
  countedAt: iso,
  recount: null,
});

// "of 60, counted just now" above "Data as of 12:00:00": the freshness said twice.
describe('whether the customers list gives its count an age of its own', () => {
  it('leaves it to "Data as of" when the count was made with the rows or since', () => {
    expect(countNeedsOwnAge(countedAt(rowsAt), rowsAt)).toBe(false);
    expect(countNeedsOwnAge(countedAt('2026-01-06T11:59:30.000Z'), rowsAt)).toBe(false);
    expect(countNeedsOwnAge(countedAt('2026-01-06T12:05:00.000Z'), rowsAt)).toBe(false);
  });

  it('says it when the count is a minute or more older than the rows', () => {
    expect(countNeedsOwnAge(countedAt('2026-01-06T11:59:00.000Z'), rowsAt)).toBe(true);
    expect(countNeedsOwnAge(countedAt('2026-01-06T11:40:00.000Z'), rowsAt)).toBe(true);
  });

  it('says it while a newer count runs or waits: the one shown is the older', () => {
    const fresh = countedAt(rowsAt);
    expect(countNeedsOwnAge({ ...fresh, recount: 'running' }, rowsAt)).toBe(true);
    expect(countNeedsOwnAge({ ...fresh, recount: 'waiting' }, rowsAt)).toBe(true);
  });

  it('has no age to give a count still running its first walk, or none at all', () => {
    const running = { ...countedAt(rowsAt), done: false, countedAgo: null, countedAt: null };
    expect(countNeedsOwnAge(running, rowsAt)).toBe(false);
    expect(countNeedsOwnAge(null, rowsAt)).toBe(false);
  });
});
