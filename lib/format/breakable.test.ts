import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { Breakable } from '@/components/ui/breakable';

const render = (text: string) => renderToStaticMarkup(createElement(Breakable, { text }));

describe('an address that wraps where a reader expects', () => {
  it('may break after "@" and "/" and before each ".", nowhere else', () => {
    expect(render('first.last@contoso.onmicrosoft.com')).toBe(
      'first<wbr/>.last@<wbr/>contoso<wbr/>.onmicrosoft<wbr/>.com',
    );
    expect(render('https://hooks.example/a')).toBe(
      'https:/<wbr/>/<wbr/>hooks<wbr/>.example/<wbr/>a',
    );
  });

  it('keeps the text itself as it was, and a plain word as one', () => {
    expect(render('system')).toBe('system');
    expect(render('')).toBe('');
    expect(render('a<b>@c').replace(/<wbr\/>/g, '')).toBe('a&lt;b&gt;@c');
  });
});
