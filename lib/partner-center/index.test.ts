import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, recordingFetch } from '@/test/support/partner-center-fetch';

const tokens = vi.hoisted(() => ({ getAccessToken: vi.fn(async () => 'tenant-token') }));
vi.mock('@/lib/tokens', () => tokens);
vi.mock('@/lib/config', () => ({
  getConfig: () => ({
    partnerCenter: {
      baseUrl: 'https://pc.example.test/',
      resource: 'https://api.partnercenter.microsoft.com',
    },
  }),
}));

afterEach(() => vi.unstubAllGlobals());

describe('partnerCenterForTenant', () => {
  it('wires config, the token service for that tenant only, and the caller’s correlation id', async () => {
    const server = recordingFetch(() => jsonResponse({ id: 'x', companyName: 'Contoso Partner' }));
    vi.stubGlobal('fetch', server.fetch);
    const { partnerCenterForTenant } = await import('./index');
    const tenantId = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
    const correlationId = '11111111-2222-4333-8444-555555555555';
    const client = partnerCenterForTenant(tenantId, { correlationId, locale: 'fr-FR' });
    expect((await client.getOrganizationProfile()).companyName).toBe('Contoso Partner');
    expect(tokens.getAccessToken).toHaveBeenCalledWith(
      tenantId,
      'https://api.partnercenter.microsoft.com',
    );
    const [call] = server.calls;
    expect(call!.url.href).toBe('https://pc.example.test/v1/profiles/organization');
    expect(call!.headers.get('Authorization')).toBe('Bearer tenant-token');
    expect(call!.headers.get('MS-CorrelationId')).toBe(correlationId);
    expect(call!.headers.get('X-Locale')).toBe('fr-FR');
  });
});
