import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FailureFix } from '@/components/failure-fix';
import { EntraError } from '@/lib/entra/errors';
import { toVaultError, type VaultErrorCode } from '@/lib/vault/errors';
import { vaultEntries } from '../catalogue/vault';
import { fixFor } from '../reader';
import { failureView } from '../render';
import { tokenFailure } from './tokens';

const tenantId = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';

/** The SDK error lib/vault names each code by. */
const sdkErrors: Record<VaultErrorCode, { name: string; statusCode?: number; details?: unknown }> =
  {
    vault_credential: { name: 'CredentialUnavailableError' },
    vault_forbidden: { name: 'RestError', statusCode: 403 },
    vault_secret_disabled: {
      name: 'RestError',
      statusCode: 403,
      details: { error: { innerError: { code: 'SecretDisabled' } } },
    },
    vault_not_found: { name: 'RestError', statusCode: 404 },
    vault_conflict: { name: 'RestError', statusCode: 409 },
    vault_being_deleted: {
      name: 'RestError',
      statusCode: 409,
      details: { error: { innerError: { code: 'ObjectIsBeingDeleted' } } },
    },
    vault_being_recovered: {
      name: 'RestError',
      statusCode: 409,
      details: { error: { innerError: { code: 'ObjectIsBeingRecovered' } } },
    },
    vault_unavailable: { name: 'RestError', statusCode: 503 },
    vault_throttled: { name: 'RestError', statusCode: 429 },
    vault_error: { name: 'RestError', statusCode: 400 },
  };
const vaultFailure = (code: VaultErrorCode) =>
  tokenFailure(tenantId, toVaultError('getSecret', sdkErrors[code]));
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'");

describe('a Key Vault failure met by the token service', () => {
  it.each(Object.keys(sdkErrors) as VaultErrorCode[])(
    '%s keeps whose fix it is, with the fix',
    (code) => {
      const failure = vaultFailure(code);
      expect(toVaultError('getSecret', sdkErrors[code]).code).toBe(code);
      expect(failure).toMatchObject({ code: 'token_unavailable', fix: vaultEntries[code].fix });
      expect(failure.owner).toBe(vaultEntries[code].owner);
    },
  );

  it("reaches a partner's page as the operator's to fix, never as their steps", () => {
    // Listing works, getting does not: the health probe stays ok while redemptions fail.
    const refused = failureView(vaultFailure('vault_forbidden'));
    const partner = fixFor(refused, 'partner');
    expect(partner.fix).toBe(
      "The portal's operator must fix this; nothing is needed from you. Try again once they have.",
    );
    const shown = text(renderToStaticMarkup(createElement(FailureFix, partner)));
    expect(shown).toContain(
      "Where the cause is: the portal's own side (its operator looks after its configuration, Key Vault and network)",
    );
    expect(shown).not.toMatch(/Grant the portal|Secrets Officer/);
    expect(fixFor(refused, 'operator').fix).toBe(vaultEntries.vault_forbidden.fix);
  });

  it('leaves a fix the partner can act on as it is', () => {
    const missing = failureView(vaultFailure('vault_not_found'));
    expect(missing.owner).toBeUndefined();
    expect(fixFor(missing, 'partner').fix).toBe(
      'Connect Partner Center in onboarding to create it.',
    );
  });
});

describe('an Entra failure met by the token service', () => {
  it('keeps whose fix it is without an AADSTS code too', () => {
    // `invalid_client` alone: the portal's client credential, which only its operator holds.
    const credential = tokenFailure(
      tenantId,
      new EntraError({ error: 'invalid_client', status: 401 }),
    );
    expect(credential).toMatchObject({ code: 'configuration_error', owner: 'portal' });
    expect(credential.steps).toBeUndefined();
    expect(fixFor(failureView(credential), 'partner').fix).not.toMatch(/ENTRA_CLIENT_ID/);
    const unreachable = tokenFailure(tenantId, new EntraError({ error: 'network', status: 0 }));
    expect(unreachable).toMatchObject({ code: 'token_unavailable', owner: 'portal' });
    expect(fixFor(failureView(unreachable), 'partner').fix).not.toMatch(/network access/);
    const lapsed = tokenFailure(tenantId, new EntraError({ error: 'invalid_grant', status: 400 }));
    expect(lapsed).toMatchObject({ code: 'needs_reconsent', owner: 'partner-entra' });
  });

  it("a catalogued AADSTS code's owner, heading and steps, as before", () => {
    const secret = tokenFailure(
      tenantId,
      new EntraError({ error: 'invalid_client', aadsts: 7000215, status: 401 }),
    );
    expect(secret).toMatchObject({ code: 'configuration_error', owner: 'portal' });
    expect(secret.steps?.join(' ')).toMatch(/ENTRA_CLIENT_SECRET/);
  });

  it('says no owner for what is not an Entra or Key Vault failure', () => {
    expect(tokenFailure(tenantId, new TypeError('bug')).owner).toBeUndefined();
  });
});
