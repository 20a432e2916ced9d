/**
 * Partner Center over HTTPS with tokens from the emulator's real Entra ID (v1 and v2),
 * proving the claims the module relies on (tid, scp, amr) are the ones Entra issues.
 */
import type { IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mintPartnerCenterGrant,
  startTestEmulator,
  tokenRequest,
  type TestEmulator,
} from '../../../test/support/emulator';
import { partnerCenterResource, partnerTenants, portalApp } from '../seed/identities';

const [contoso, fabrikam] = [partnerTenants[0]!, partnerTenants[1]!];
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});

afterAll(async () => {
  await emulator?.close();
});

async function get(path: string, accessToken: string) {
  const response = await fetch(`${emulator.endpoints.partnerCenterUrl}${path}`, {
    headers: {
      authorization: `Bearer ${accessToken}`,
      'MS-CorrelationId': '0f0e0d0c-0000-4000-8000-000000000001',
    },
  });
  // Read bytes: `response.text()` follows the WHATWG decoder, which silently drops a BOM.
  const bytes = Buffer.from(await response.arrayBuffer());
  return { response, bytes, body: JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) };
}

describe('Partner Center with real emulator tokens', () => {
  it.each(['v1', 'v2'] as const)(
    'serves customers to an MFA App+User %s token, BOM first',
    async (version) => {
      const grant = await mintPartnerCenterGrant(emulator, `admin@${contoso.domain}`, version);
      const { response, bytes, body } = await get('/v1/customers?size=10', grant.accessToken);
      expect(response.status).toBe(200);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(response.headers.get('ms-correlationid')).toBe('0f0e0d0c-0000-4000-8000-000000000001');
      expect(body.items).toHaveLength(10);
      expect(body.totalCount).toBe(10);
      // "Get a list of customers" prints this collection's links with /v1.
      expect(body.links.self.uri).toBe('/v1/customers?size=10');
      expect(body.links.next.uri).toBe('/v1/customers?size=10&seekOperation=Next');
    },
  );

  it('refuses a token from a sign-in without MFA on the wire exactly as Microsoft documents it', async () => {
    const grant = await mintPartnerCenterGrant(emulator, `nomfa@${contoso.domain}`, 'v1');
    const url = `${emulator.endpoints.partnerCenterUrl}/v1/profiles/organization`;
    // "Mandating multi-factor authentication (MFA) for your partner tenant"
    // (MicrosoftDocs/partner-center-pr, partner-center/partner-security-requirements-mandating-mfa.md):
    //   HTTP/1.1 401 Unauthorized - MFA required
    //   Transfer-Encoding: chunked
    //   WWW-Authenticate: Bearer error="invalid_token"
    const raw = await new Promise<{ message: IncomingMessage; body: string }>((resolve, reject) => {
      httpsGet(url, { headers: { authorization: `Bearer ${grant.accessToken}` } }, (message) => {
        let body = '';
        message.setEncoding('utf8');
        message.on('data', (chunk: string) => (body += chunk));
        message.on('end', () => resolve({ message, body }));
      }).on('error', reject);
    });
    expect([raw.message.httpVersion, raw.message.statusCode, raw.message.statusMessage]).toEqual([
      '1.1',
      401,
      'Unauthorized - MFA required',
    ]);
    expect(raw.message.headers['transfer-encoding']).toBe('chunked');
    expect(raw.message.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(raw.message.headers['content-type']).toBeUndefined();
    expect(raw.body).toBe('');
    // What the portal's client (Node's fetch, undici) sees of it.
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${grant.accessToken}` },
    });
    expect([response.status, response.statusText, await response.text()]).toEqual([
      401,
      'Unauthorized - MFA required',
      '',
    ]);
  });

  it('shows another partner only its own customers', async () => {
    const grant = await mintPartnerCenterGrant(emulator, `admin@${fabrikam.domain}`, 'v2');
    const { body } = await get('/v1/customers', grant.accessToken);
    expect([body.totalCount, body.items.length, body.links.next]).toEqual([12, 12, undefined]);
  });

  it('accepts an app-only token for customers', async () => {
    const { body: token } = await tokenRequest(
      emulator,
      {
        grant_type: 'client_credentials',
        client_id: portalApp.clientId,
        client_secret: portalApp.clientSecret,
        scope: `${partnerCenterResource}/.default`,
      },
      { tenant: portalApp.homeTenantId },
    );
    const { response } = await get('/v1/customers?size=1', String(token.access_token));
    expect(response.status).toBe(200);
  });
});
