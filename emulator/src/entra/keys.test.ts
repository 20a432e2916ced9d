import { SignJWT, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { Clock } from '../core/clock';
import { TokenRejected, type TokenRejection } from '../core/service';
import { EntraSigningKeys, EntraTokenVerifier } from './keys';

// Key generation takes a moment: one trusted and one foreign key for the file.
const trusted = new EntraSigningKeys();
const foreign = new EntraSigningKeys();
const audience = 'https://vault.azure.net';

async function sign(
  claims: JWTPayload,
  keys = trusted,
  kid = keys.kid,
  now = Math.floor(Date.now() / 1000),
): Promise<string> {
  return new SignJWT({
    tid: 'tenant',
    iss: 'issuer',
    iat: now,
    nbf: now,
    exp: now + 3600,
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
    .sign(keys.privateKey);
}

/** Why the verifier refused `token`, or null when it took it. */
async function rejectionOf(token: string): Promise<TokenRejection | null> {
  try {
    await new EntraTokenVerifier(trusted, new Clock()).verify(token, { audience });
    return null;
  } catch (error) {
    if (error instanceof TokenRejected) return error.rejection;
    throw error;
  }
}

// Key Vault answers each of these in its own words (emulator/README.md, Key Vault).
describe('EntraTokenVerifier', () => {
  it('takes a token it signed for the audience', async () => {
    expect(await rejectionOf(await sign({ aud: audience }))).toBeNull();
  });

  it('says which audience it found on a token for another resource', async () => {
    expect(await rejectionOf(await sign({ aud: 'https://management.azure.com/' }))).toEqual({
      kind: 'audience',
      found: 'https://management.azure.com/',
    });
  });

  it('names a key it does not publish, with the encoded header only', async () => {
    const token = await sign({ aud: audience }, foreign);
    expect(await rejectionOf(token)).toEqual({
      kind: 'unknown-key',
      encodedHeader: token.split('.')[0],
    });
  });

  it('tells a bad signature under its own key id from an unknown key', async () => {
    expect(await rejectionOf(await sign({ aud: audience }, foreign, trusted.kid))).toEqual({
      kind: 'signature',
    });
  });

  it('tells an expired token from one not valid yet, on the emulator clock', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(
      await rejectionOf(
        await sign({ aud: audience, exp: now - 60 }, trusted, trusted.kid, now - 3600),
      ),
    ).toEqual({ kind: 'expired' });
    expect(await rejectionOf(await sign({ aud: audience, nbf: now + 600 }))).toEqual({
      kind: 'not-yet-valid',
    });
  });

  it('refuses what is not a token', async () => {
    expect(await rejectionOf('not.a.token')).toEqual({ kind: 'malformed' });
  });
});
