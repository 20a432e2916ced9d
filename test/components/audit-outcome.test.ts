import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { OutcomeBadge } from '@/components/audit/format';

describe("an audit event's outcome badge", () => {
  it('reads as a word, as the portal’s other badges do, in its tone', () => {
    const badge = (outcome: string) =>
      renderToStaticMarkup(createElement(OutcomeBadge, { outcome }));
    expect(badge('success')).toMatch(/emerald[^>]*>.*Success<\/span>$/s);
    expect(badge('failure')).toMatch(/red[^>]*>.*Failure<\/span>$/s);
    expect(badge('refused')).toMatch(/amber[^>]*>.*Refused<\/span>$/s);
  });
});
