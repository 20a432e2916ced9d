import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError, readBoundedText } from './limits';
import { isSameOrigin } from './origin';
import { methodNotAllowed, refusalResponse, tooManyRequests } from './responses';

const streamOf = (chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

describe('readBoundedText', () => {
  it('reads a body within the limit', async () => {
    await expect(
      readBoundedText(new Request('http://p.test/', { method: 'POST', body: 'a=1&b=ü' }), 100),
    ).resolves.toBe('a=1&b=ü');
  });

  it('refuses a declared Content-Length over the limit', async () => {
    const request = new Request('http://p.test/', {
      method: 'POST',
      body: 'x',
      headers: { 'content-length': '999999' },
    });
    await expect(readBoundedText(request, 100)).rejects.toBeInstanceOf(PayloadTooLargeError);
  });

  it('stops a chunked body as soon as it passes the limit', async () => {
    const request = new Request('http://p.test/', {
      method: 'POST',
      body: streamOf(['x'.repeat(60), 'y'.repeat(60)]),
      duplex: 'half',
    } as RequestInit);
    await expect(readBoundedText(request, 100)).rejects.toMatchObject({
      code: 'payload_too_large',
      limitBytes: 100,
    });
  });
});

describe('isSameOrigin', () => {
  const request = (headers: Record<string, string>) =>
    new Request('http://portal.test/api/x', { method: 'POST', headers });
  const publicUrl = 'https://portal.example';

  it('trusts Sec-Fetch-Site first', () => {
    expect(
      isSameOrigin(
        request({ 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' }),
        publicUrl,
      ),
    ).toBe(true);
    expect(isSameOrigin(request({ 'sec-fetch-site': 'cross-site' }), publicUrl)).toBe(false);
    expect(isSameOrigin(request({ 'sec-fetch-site': 'same-site' }), publicUrl)).toBe(false);
    expect(isSameOrigin(request({ 'sec-fetch-site': 'none' }), publicUrl)).toBe(false);
    expect(
      isSameOrigin(request({ 'sec-fetch-site': 'none' }), publicUrl, { allowTypedUrl: true }),
    ).toBe(true);
  });

  it('falls back to Origin; no header at all is not a page of the portal', () => {
    expect(isSameOrigin(request({ origin: 'https://portal.example' }), publicUrl)).toBe(true);
    expect(isSameOrigin(request({ origin: 'https://evil.example' }), publicUrl)).toBe(false);
    expect(isSameOrigin(request({ origin: 'null' }), publicUrl)).toBe(false);
    expect(isSameOrigin(request({}), publicUrl)).toBe(false);
    expect(isSameOrigin(request({}), publicUrl, { allowTypedUrl: true })).toBe(true);
  });
});

describe('refusalResponse', () => {
  it('answers API callers with JSON and Retry-After', async () => {
    const response = refusalResponse(
      new Request('http://p.test/api/consent/callback'),
      tooManyRequests(42),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('42');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      error: 'rate_limited',
      message: expect.stringContaining('42 seconds'),
      action: 'retry',
    });
  });

  it('answers a refusal no wait can fix with action none', async () => {
    const response = refusalResponse(
      new Request('http://p.test/api/customers', { method: 'DELETE' }),
      methodNotAllowed(['GET', 'HEAD']),
    );
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(await response.json()).toEqual({
      error: 'method_not_allowed',
      message: 'This address answers GET only.',
      action: 'none',
    });
  });

  it('answers browser navigations with a script-free page', async () => {
    const response = refusalResponse(
      new Request('http://p.test/auth/x', { headers: { accept: 'text/html' } }),
      tooManyRequests(5),
    );
    const html = await response.text();
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('Too many attempts');
    expect(html).not.toMatch(/<script|style=/i);
  });
});

describe('allowedMethods', () => {
  it("lists each route handler's methods; pages are not listed", async () => {
    const { allowedMethods } = await import('./methods');
    expect(allowedMethods('/api/consent/callback')).toEqual(['POST', 'OPTIONS']);
    expect(allowedMethods('/api/customers/abc/users/export')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowedMethods('/api/customers/a/b/users/export')).toBeNull();
    expect(allowedMethods('/customers')).toBeNull();
  });
});
