import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { Breakable, BreakableProse } from '@/components/ui/breakable';

const render = (text: string) => renderToStaticMarkup(createElement(Breakable, { text }));

describe('an address that wraps where a reader expects', () => {
  it('may break after "@" and "/" and before a "." with another after it, nowhere else', () => {
    expect(render('first.last@contoso.onmicrosoft.com')).toBe(
      'first.last@<wbr/>contoso<wbr/>.onmicrosoft.com',
    );
    expect(render('https://hooks.example/a')).toBe('https:/<wbr/>/<wbr/>hooks.example/<wbr/>a');
  });

  it('keeps the text itself as it was, and a plain word as one', () => {
    expect(render('system')).toBe('system');
    expect(render('')).toBe('');
    expect(render('a<b>@c').replace(/<wbr\/>/g, '')).toBe('a&lt;b&gt;@c');
  });
});

describe('running text with addresses in it', () => {
  const prose = (text: string) => renderToStaticMarkup(createElement(BreakableProse, { text }));

  it('breaks the addresses as addresses, and leaves the words and the full stop alone', () => {
    expect(prose('A consent came back through http://localhost:3100/api/consent/callback.')).toBe(
      'A consent came back through http:/<wbr/>/<wbr/>localhost:3100/<wbr/>api/<wbr/>consent/<wbr/>callback.',
    );
    // In a sentence an email address moves down whole; wider than a line, it breaks at a dot.
    expect(prose('The stored connection: admin@contoso.onmicrosoft.com completed MFA.')).toBe(
      'The stored connection: admin@contoso<wbr/>.onmicrosoft.com completed MFA.',
    );
    expect(prose('No address here, v1.2 included.')).toBe('No address here, v1.2 included.');
  });

  it('leaves the quotes around an address, and the words that only look like one, alone', () => {
    expect(prose('Add "https://portal.contoso.com/api/consent/callback".')).toBe(
      'Add &quot;https:/<wbr/>/<wbr/>portal<wbr/>.contoso.com/<wbr/>api/<wbr/>consent/<wbr/>callback&quot;.',
    );
    expect(prose('Open ‘https://aka.ms/mfasetup’!')).toBe(
      'Open ‘https:/<wbr/>/<wbr/>aka.ms/<wbr/>mfasetup’!',
    );
    expect(prose('Use it, e.g. in step 2, or i.e. not at all.')).toBe(
      'Use it, e.g. in step 2, or i.e. not at all.',
    );
  });

  it('breaks a bare host name as an address, and keeps an IP address whole', () => {
    expect(prose('The portal can read secrets in contoso-kv.vault.azure.net (3 versions).')).toBe(
      'The portal can read secrets in contoso-kv<wbr/>.vault<wbr/>.azure.net (3 versions).',
    );
    expect(prose('Secrets in contoso-kv.vault.azure.net:443 only.')).toBe(
      'Secrets in contoso-kv<wbr/>.vault<wbr/>.azure.net:443 only.',
    );
    // "127.0.0" / ".1:9542" read as two numbers; the whole address fits any line.
    expect(prose('The portal can reach 127.0.0.1:9543; nothing stored.')).toBe(
      'The portal can reach 127.0.0.1:9543; nothing stored.',
    );
  });
});
