import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WholeWords } from '@/components/ui/whole-words';

const html = (text: string) => renderToStaticMarkup(createElement(WholeWords, { text }));

/**
 * A narrow button or link read "Re-" / "consent": a line may break after a hyphen. Its
 * hyphenated words stay whole; its text is the same, the name tests and screen readers find.
 */
describe('WholeWords', () => {
  it('keeps each hyphenated word whole, in one span a flex button lays out as one item', () => {
    expect(html('Re-consent Partner Center')).toBe(
      '<span><span class="whitespace-nowrap">Re-consent</span> Partner Center</span>',
    );
    expect(html('Ask a partner admin to re-consent')).toBe(
      '<span>Ask a partner admin to <span class="whitespace-nowrap">re-consent</span></span>',
    );
    expect(html('Re-consent')).toBe(
      '<span><span class="whitespace-nowrap">Re-consent</span></span>',
    );
  });

  it('leaves the words as they are', () => {
    for (const text of ['Re-consent Partner Center once registered', 'Sign-in re-consent'])
      expect(html(text).replace(/<[^>]+>/g, '')).toBe(text);
  });

  it('adds nothing to a label without a hyphenated word, nor holds an id together', () => {
    expect(html('Browse customers')).toBe('Browse customers');
    // A tenant id still wraps after its hyphens on a phone.
    for (const id of [
      '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
      '5c4b3a29-1d0e-4f6a-abcd-ef0a6f6a5b4c',
    ])
      expect(html(`Tenant ${id}`)).toBe(`Tenant ${id}`);
  });
});
