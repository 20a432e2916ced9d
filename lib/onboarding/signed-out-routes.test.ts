import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { unitTestConfig } from '@/test/support/unit-config';

/**
 * The consent start and the disconnect are reached by a link and a form of the onboarding
 * pages. When the session has ended meanwhile (or the role was taken away), a browser
 * navigation must lead somewhere a person can act, not to a raw JSON body; API clients keep
 * their 401/403 JSON.
 */
const config = unitTestConfig();
// The request's session as the session reader finds it: ended (401), or without the Admin role (403).
const mocks = vi.hoisted(() => ({ status: 401 as 401 | 403 }));
vi.mock('@/lib/auth/session-read', () => ({
  readSessionStanding: async () =>
    mocks.status === 401
      ? { user: null, ended: 'idle' }
      : {
          user: { tid: 't', oid: 'o', name: 'Sam', upn: 'sam@x.test', roles: ['salesAgent'] },
          ended: null,
        },
}));
vi.mock('@/lib/auth/sessions', () => ({ defaultSessionRegistry: () => ({}) }));
vi.mock('next/headers', () => ({
  cookies: async () => ({ getAll: () => [] }),
  headers: async () => new Headers(),
}));
vi.mock('@/lib/config', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/config')>();
  return { ...original, getConfig: () => config };
});

const navigation = { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' };

function start(headers: Record<string, string>): NextRequest {
  return new NextRequest('http://localhost:3000/api/consent/start', { headers });
}

function disconnect(headers: Record<string, string>): NextRequest {
  return new NextRequest('http://localhost:3000/api/consent/disconnect', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: 'confirm=disconnect',
  });
}

beforeEach(() => {
  mocks.status = 401;
});

describe('consent start and disconnect after the session ended', () => {
  it('a signed-out click on Connect goes to sign-in and back to onboarding', async () => {
    const { GET } = await import('@/app/api/consent/start/route');
    const response = await GET(start(navigation));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin).toBe(new URL(config.publicUrl).origin);
    expect(location.pathname).toBe('/auth/sign-in');
    expect(location.searchParams.get('callbackUrl')).toBe('/onboarding');
    // And why: the session sat idle.
    expect(location.searchParams.get('ended')).toBe('idle');
  });

  it('a signed-out disconnect goes to sign-in and back to the connection page', async () => {
    const { POST } = await import('@/app/api/consent/disconnect/route');
    const response = await POST(disconnect(navigation));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.pathname).toBe('/auth/sign-in');
    expect(location.searchParams.get('callbackUrl')).toBe('/onboarding/result');
  });

  it('a user who lost the Admin role is shown the onboarding page (its 403), not JSON', async () => {
    mocks.status = 403;
    const { GET } = await import('@/app/api/consent/start/route');
    const response = await GET(start(navigation));
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get('location')!).pathname).toBe('/onboarding');
  });

  it('control: API clients (no navigation) keep the 401 and 403 JSON', async () => {
    const { GET } = await import('@/app/api/consent/start/route');
    const { POST } = await import('@/app/api/consent/disconnect/route');
    expect((await GET(start({}))).status).toBe(401);
    expect((await POST(disconnect({ origin: 'http://localhost:3000' }))).status).toBe(401);
    mocks.status = 403;
    expect((await GET(start({}))).status).toBe(403);
  });
});
