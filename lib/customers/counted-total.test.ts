import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CustomerCount } from '@/components/customers/counted-total';
import type { CustomerCountView } from './customer-count';

const text = (facts: CustomerCountView) =>
  renderToStaticMarkup(createElement(CustomerCount, { facts })).replace(/<[^>]+>/g, '');
const counted: CustomerCountView = {
  count: 60,
  done: true,
  truncated: false,
  countedAgo: '20 min ago',
  recount: null,
};

describe('the customer count', () => {
  // "counted 20 min ago" alone read as a portal that had stopped counting.
  it('says beside an older count that a new one runs, or that Partner Center asked to wait', () => {
    expect(text(counted)).toBe('60 customers, counted 20 min ago');
    expect(text({ ...counted, recount: 'running' })).toBe(
      '60 customers, counted 20 min ago · counting again now',
    );
    expect(text({ ...counted, recount: 'waiting' })).toBe(
      '60 customers, counted 20 min ago · Partner Center asked the portal to wait before counting again',
    );
  });
});
