import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FailureCard } from '@/components/ui/failure-card';
import NotFound from '@/app/not-found';

const classesOf = (html: string, tag: string) =>
  new RegExp(`<${tag}[^>]*class="([^"]*)"`).exec(html)![1]!.split(' ');

// "We could not sign you / in", "Multi-factor authentication is / required": a title's last
// word alone on a line.
describe('a notice’s or a failure’s title', () => {
  it('balances its lines', () => {
    // The not-found page is a Notice, as the sign-in failures are.
    const notice = renderToStaticMarkup(createElement(NotFound));
    expect(classesOf(notice, 'h1')).toContain('text-balance');
    const failure = renderToStaticMarkup(
      createElement(FailureCard, { title: 'A failure', titleId: 't', testId: 'f', kicker: 'k' }),
    );
    expect(classesOf(failure, 'h2')).toContain('text-balance');
  });
});
