import { describe, expect, it } from 'vitest';
import { baseSecurityHeaders, contentSecurityPolicy, newNonce } from './csp';

const directives = (csp: string) =>
  new Map(
    csp.split('; ').map((d) => {
      const [name, ...values] = d.split(' ');
      return [name, values] as const;
    }),
  );

describe('contentSecurityPolicy', () => {
  const csp = directives(
    contentSecurityPolicy({ nonce: 'abc123', formActionOrigins: ['https://login.example'] }),
  );

  it('allows scripts only with the nonce (no unsafe-inline, no eval in production)', () => {
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect([...csp.values()].flat()).not.toContain("'unsafe-inline'");
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it('forbids framing, plugins and base rewriting; forms go to the portal and Entra only', () => {
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'self'", 'https://login.example']);
  });

  it("allows exactly one inline style attribute, React's hidden SVG segment `display:none`", async () => {
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update('display:none').digest('base64');
    expect(csp.get('style-src-attr')).toEqual(["'unsafe-hashes'", `'sha256-${hash}'`]);
    expect(csp.get('style-src')).toEqual(["'self'", "'nonce-abc123'"]);
  });

  it('adds eval only for next dev', () => {
    const dev = directives(
      contentSecurityPolicy({ nonce: 'n', formActionOrigins: [], development: true }),
    );
    expect(dev.get('script-src')).toContain("'unsafe-eval'");
  });
});

describe('newNonce', () => {
  it('is 128 bits of base64 and different every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});

describe('baseSecurityHeaders', () => {
  it('sends HSTS only over https', () => {
    expect(baseSecurityHeaders({ https: true })['Strict-Transport-Security']).toMatch(
      /^max-age=\d{8,}/,
    );
    expect(baseSecurityHeaders({ https: false })).not.toHaveProperty('Strict-Transport-Security');
  });

  it('sets nosniff, DENY, a referrer policy, a permissions policy and keeps search engines out', () => {
    const headers = baseSecurityHeaders({ https: false });
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['X-Frame-Options']).toBe('DENY');
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    // The features README lists, each off; nothing obsolete (`interest-cohort`, FLoC, is gone
    // from browsers, and Chrome warns about an unknown feature in the console).
    expect(headers['Permissions-Policy']).toBe(
      'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    );
    expect(headers['X-Robots-Tag']).toBe('noindex, nofollow');
  });
});
