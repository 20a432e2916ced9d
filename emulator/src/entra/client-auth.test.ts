import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  randomUUID,
  X509Certificate,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT, decodeJwt, importPKCS8, type CryptoKey, type KeyObject } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, tokenRequest, type TestEmulator } from '../../../test/support/emulator';
import { partnerTenants, portalApp, vaultResource } from '../seed/identities';

const tenantId = partnerTenants[0]!.tenantId;
let emulator: TestEmulator;
let certificate: X509Certificate;
let appKey: CryptoKey | KeyObject;
/** The app certificate's key as PKCS#8 (the PEM holds PKCS#1; jose imports PKCS#8). */
let pkcs8: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  const pem = readFileSync(emulator.tls.appCertificateFile, 'utf8');
  certificate = new X509Certificate(pem);
  pkcs8 = createPrivateKey(pem).export({ type: 'pkcs8', format: 'pem' }).toString();
  appKey = await importPKCS8(pkcs8, 'PS256', { extractable: false });
});
afterAll(async () => {
  await emulator.close();
});

const tokenEndpoint = () => `${emulator.endpoints.loginUrl}/${tenantId}/oauth2/v2.0/token`;
const thumb = (algorithm: 'sha1' | 'sha256') =>
  createHash(algorithm).update(certificate.raw).digest('base64url');

async function assertion(
  options: {
    alg?: 'RS256' | 'PS256';
    key?: CryptoKey | KeyObject;
    aud?: string;
    exp?: number;
    iss?: string;
  } = {},
): Promise<string> {
  const alg = options.alg ?? 'PS256';
  const header =
    alg === 'PS256'
      ? { alg, typ: 'JWT', 'x5t#S256': thumb('sha256') }
      : { alg, typ: 'JWT', x5t: thumb('sha1') };
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: randomUUID() })
    .setProtectedHeader(header)
    .setIssuer(options.iss ?? portalApp.clientId)
    .setSubject(portalApp.clientId)
    .setAudience(options.aud ?? tokenEndpoint())
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(options.exp ?? now + 600)
    .sign(options.key ?? appKey);
}

function clientCredentials(extra: Record<string, string>) {
  return tokenRequest(
    emulator,
    {
      grant_type: 'client_credentials',
      client_id: portalApp.clientId,
      scope: `${vaultResource}/.default`,
      ...extra,
    },
    { tenant: tenantId },
  );
}

const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

describe('client authentication', () => {
  it('accepts PS256 + x5t#S256 and RS256 + x5t certificate assertions', async () => {
    const ps = await clientCredentials({
      client_assertion_type: assertionType,
      client_assertion: await assertion(),
    });
    expect(ps.status).toBe(200);
    // v2-oauth2-client-creds-grant-flow.md, "Successful response": `"expires_in": 3599`.
    expect(ps.body.expires_in).toBe(3599);
    const claims = decodeJwt(String(ps.body.access_token));
    expect(claims.exp! - claims.iat!).toBe(3599);
    const rsKey = await importPKCS8(pkcs8, 'RS256');
    const rs = await clientCredentials({
      client_assertion_type: assertionType,
      client_assertion: await assertion({ alg: 'RS256', key: rsKey }),
    });
    expect(rs.status).toBe(200);
  });

  it('rejects tampered, foreign-signed, mis-addressed and expired assertions', async () => {
    const good = await assertion();
    const [h, p, s] = good.split('.') as [string, string, string];
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'x' })).toString('base64url')}.${s}`;
    const foreignKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const cases: Array<[string, number]> = [
      [tampered, 700027],
      [await assertion({ key: foreignKey }), 700027],
      [
        await assertion({ aud: 'https://login.microsoftonline.com/elsewhere/oauth2/v2.0/token' }),
        700022,
      ],
      [await assertion({ exp: Math.floor(Date.now() / 1000) - 3600 }), 700024],
      ['not.a.jwt', 700027],
    ];
    for (const [clientAssertion, code] of cases) {
      const { status, body } = await clientCredentials({
        client_assertion_type: assertionType,
        client_assertion: clientAssertion,
      });
      expect(status, `expected AADSTS${code}`).toBe(401);
      expect(body.error).toBe('invalid_client');
      expect(body.error_codes).toEqual([code]);
    }
  });

  it('accepts HTTP Basic and names secret mistakes (7000215 secret id, 7000222 expired)', async () => {
    const basic = Buffer.from(
      `${encodeURIComponent(portalApp.clientId)}:${encodeURIComponent(portalApp.clientSecret)}`,
    ).toString('base64');
    const ok = await tokenRequest(
      emulator,
      { grant_type: 'client_credentials', scope: `${vaultResource}/.default` },
      { tenant: tenantId, headers: { authorization: `Basic ${basic}` } },
    );
    expect(ok.status).toBe(200);
    const secretId = await clientCredentials({ client_secret: portalApp.clientSecretId });
    expect([secretId.status, secretId.body.error_codes]).toEqual([401, [7000215]]);
    const expired = await clientCredentials({ client_secret: portalApp.expiredClientSecret });
    expect([expired.status, expired.body.error_codes]).toEqual([401, [7000222]]);
  });

  it('answers unknown clients, missing parameters, v2 resource and bad grant types in Entra shape', async () => {
    const unknown = await tokenRequest(
      emulator,
      {
        grant_type: 'client_credentials',
        client_id: 'f0000000-0000-4000-8000-000000000000',
        client_secret: 'x',
        scope: `${vaultResource}/.default`,
      },
      { tenant: tenantId },
    );
    expect(unknown.body.error_codes).toEqual([700016]);
    const missing = await tokenRequest(emulator, { client_id: portalApp.clientId });
    expect([missing.status, missing.body.error, missing.body.error_codes]).toEqual([
      400,
      'invalid_request',
      [900144],
    ]);
    const v2Resource = await clientCredentials({
      client_secret: portalApp.clientSecret,
      resource: vaultResource,
    });
    expect(v2Resource.body.error_codes).toEqual([901002]);
    const grant = await clientCredentials({
      client_secret: portalApp.clientSecret,
      grant_type: 'password',
    });
    expect(grant.body.error).toBe('unsupported_grant_type');
    const v1 = await tokenRequest(
      emulator,
      {
        grant_type: 'client_credentials',
        ...{ client_id: portalApp.clientId, client_secret: portalApp.clientSecret },
        resource: vaultResource,
      },
      { tenant: tenantId, version: 'v1' },
    );
    expect(v1.body).toMatchObject({
      token_type: 'Bearer',
      // v1-oauth2-client-creds-grant-flow.md, "Example of response": `"expires_in":"3599"`.
      expires_in: '3599',
      resource: vaultResource,
    });
    expect(Number(v1.body.expires_on) - Number(v1.body.not_before)).toBe(3599);
    expect(emulator.context.counters.get(`token.client.${portalApp.clientId}`)).toBeGreaterThan(0);
  });
});
