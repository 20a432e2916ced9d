import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '@/lib/config';

const entra = vi.hoisted(() => ({
  redeemAuthorizationCode: vi.fn(),
  validateIdToken: vi.fn(),
  validateTokenEndpointIdToken: vi.fn(),
  hasMfaEvidence: vi.fn(),
}));
vi.mock('@/lib/entra', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  ...entra,
}));

const { completeSignIn, entraSignInProvider, SignInRejected } = await import('./provider');
const { withSignInRefusals } = await import('./sign-in-refusal');
const { EntraError } = await import('@/lib/entra/errors');

const config = loadConfig({
  PORTAL_PUBLIC_URL: 'https://portal.example.com',
  AUTH_SECRET: 'provider-test-secret-0123456789-abcdefgh',
  ENTRA_TENANT_ID: '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
  ENTRA_CLIENT_ID: 'c4a1e5f0-7b2d-4e89-a6c3-0f5d8b2e9a31',
  ENTRA_CLIENT_SECRET: 'secret',
  KEY_VAULT_URL: 'https://example.vault.azure.net',
  ROLE_SALES_AGENT: 'Sales',
});
const checks = { state: 'state-1', code_verifier: 'verifier-1', nonce: 'nonce-1' };
const claims = {
  tid: 'tenant-1',
  oid: 'oid-1',
  name: 'Sam Seller',
  preferredUsername: 'sam@contoso.example',
  roles: ['Sales', 'Unknown'],
};

beforeEach(() => {
  vi.clearAllMocks();
  entra.redeemAuthorizationCode.mockResolvedValue({
    accessToken: 'access-token-value',
    idToken: 'id-token-value',
    expiresAt: 0,
  });
  entra.validateTokenEndpointIdToken.mockResolvedValue(claims);
  entra.validateIdToken.mockRejectedValue(new Error('the browser validator is not for sign-in'));
});

describe('completeSignIn', () => {
  it("keeps Entra's code when it refuses the code exchange, for the error page", async () => {
    const correlationId = '0b7f3c2a-9d4e-4f61-8a2b-5c6d7e8f9a01';
    entra.redeemAuthorizationCode.mockRejectedValue(
      new EntraError({ error: 'invalid_grant', status: 400, aadsts: 53003, correlationId }),
    );
    const { failure } = await withSignInRefusals(null, () =>
      completeSignIn({ params: { code: 'code-1', state: 'state-1' }, checks }, config).then(
        () => 'signed in',
        () => 'refused',
      ),
    );
    expect(failure).toEqual({ aadsts: 53003, correlationId });
  });

  it('redeems the code with the PKCE verifier, validates the id_token with the nonce, and maps roles', async () => {
    entra.hasMfaEvidence.mockReturnValue(true);
    const outcome = await completeSignIn(
      { params: { code: 'code-1', state: 'state-1' }, checks },
      config,
    );
    expect(entra.redeemAuthorizationCode).toHaveBeenCalledWith(
      expect.objectContaining({
        code: 'code-1',
        codeVerifier: 'verifier-1',
        purpose: 'sign-in',
        redirectUri: 'https://portal.example.com/api/auth/callback/azure-ad',
      }),
    );
    // The id_token came from the token endpoint, not the browser: the back-channel validator.
    expect(entra.validateTokenEndpointIdToken).toHaveBeenCalledWith(
      'id-token-value',
      expect.objectContaining({ nonce: 'nonce-1' }),
    );
    expect(entra.validateIdToken).not.toHaveBeenCalled();
    expect(outcome).toEqual({
      tid: 'tenant-1',
      oid: 'oid-1',
      name: 'Sam Seller',
      upn: 'sam@contoso.example',
      roles: ['salesAgent'],
      mfa: true,
      // These claims have no auth_time: Entra said nothing of when it took the credentials.
      credentialsAgeSeconds: null,
    });
  });

  it('reads MFA evidence from the id_token claims and the access token of the same exchange', async () => {
    entra.hasMfaEvidence.mockReturnValue(false);
    const outcome = await completeSignIn(
      { params: { code: 'code-1', state: 'state-1' }, checks },
      config,
    );
    expect(entra.hasMfaEvidence).toHaveBeenCalledWith(claims, 'access-token-value');
    expect(outcome.mfa).toBe(false);
  });

  it('refuses a callback whose state does not match, before redeeming anything', async () => {
    await expect(
      completeSignIn({ params: { code: 'code-1', state: 'forged' }, checks }, config),
    ).rejects.toBeInstanceOf(SignInRejected);
    expect(entra.redeemAuthorizationCode).not.toHaveBeenCalled();
  });

  it('refuses a callback without the nonce of its sign-in, before redeeming anything', async () => {
    const { nonce: _nonce, ...withoutNonce } = checks;
    await expect(
      completeSignIn(
        { params: { code: 'code-1', state: 'state-1' }, checks: withoutNonce },
        config,
      ),
    ).rejects.toMatchObject({ code: 'missing_nonce' });
    expect(entra.redeemAuthorizationCode).not.toHaveBeenCalled();
    expect(entra.validateTokenEndpointIdToken).not.toHaveBeenCalled();
  });

  it('refuses a callback without a code', async () => {
    await expect(
      completeSignIn({ params: { state: 'state-1' }, checks }, config),
    ).rejects.toMatchObject({ code: 'missing_code' });
  });
});

describe('entraSignInProvider', () => {
  it('is a plain OAuth provider with PKCE, state and nonce, and no next-auth id_token handling', () => {
    const provider = entraSignInProvider(config);
    expect(provider).toMatchObject({
      id: 'azure-ad',
      idToken: false,
      checks: ['pkce', 'state', 'nonce'],
    });
    const authorization = provider.authorization as { url: string; params: Record<string, string> };
    expect(authorization.url).toBe(
      'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize',
    );
    expect(authorization.params.scope).toContain('openid');
    // The code comes back in a POST body, not in the callback's address.
    expect(authorization.params).toMatchObject({
      response_type: 'code',
      response_mode: 'form_post',
      prompt: 'login',
    });
  });

  it('hands userinfo the validated outcome and never a token', async () => {
    entra.hasMfaEvidence.mockReturnValue(true);
    const provider = entraSignInProvider(config);
    const token = provider.token as {
      request: (ctx: unknown) => Promise<{ tokens: Record<string, unknown> }>;
    };
    const { tokens } = await token.request({
      params: { code: 'code-1', state: 'state-1' },
      checks,
    });
    const serialized = JSON.stringify(tokens);
    expect(serialized).not.toContain('access-token-value');
    expect(serialized).not.toContain('id-token-value');
    const userinfo = provider.userinfo as { request: (ctx: unknown) => Promise<unknown> };
    expect(await userinfo.request({ tokens })).toMatchObject({ oid: 'oid-1', mfa: true });
  });
});
