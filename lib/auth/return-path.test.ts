import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

const publicUrl = 'http://localhost:3000';

describe('safeReturnPath', () => {
  it.each([
    ['/customers?page=2', '/customers?page=2'],
    ['/customers/abc/users#top', '/customers/abc/users#top'],
    ['http://localhost:3000/health', '/health'],
    ['/a/../health', '/health'],
  ])('keeps %s on the portal as %s', (input, expected) => {
    expect(safeReturnPath(input, publicUrl)).toBe(expected);
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a look-alike host', 'http://localhost:3000.evil.com/'],
    ['a protocol-relative address', '//evil.example'],
    ['a backslash', '/\\evil.example'],
    ['a tab browsers drop', '/\t/evil.example/x'],
    ['an encoded tab', '/%09/evil.example/x'],
    ['CR LF', '/x%0d%0aSet-Cookie:a=b'],
    ['NUL', '/x%00'],
    ['U+2028', '/x\u2028'],
    ['an encoded U+2028', '/x%E2%80%A8'],
    ['an encoded slash pair', '/%2F/evil.example'],
    ['an encoded backslash', '/%5Cevil.example'],
    ['a broken escape', '/%E0%A4%A'],
    ['credentials in the URL', 'http://user:pass@localhost:3000/'],
    ['an invalid URL', 'http://a:b'],
    ['a relative path', 'customers'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['nothing', undefined],
    ['empty', ''],
  ])('refuses %s', (_label, input) => {
    expect(safeReturnPath(input, publicUrl)).toBe('/');
  });

  // `/auth/sign-in?callbackUrl=/a&callbackUrl=/b`: the page's searchParams hold an array.
  it('answers a repeated parameter with the fallback, not a TypeError', () => {
    expect(safeReturnPath(['/customers', '//evil.example'], publicUrl)).toBe('/');
  });

  it('uses the fallback given', () => {
    expect(safeReturnPath('//evil.example', publicUrl, '/health')).toBe('/health');
  });
});
