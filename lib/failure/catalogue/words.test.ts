import { describe, expect, it } from 'vitest';
import type { FailureWords } from '../failure';
import { customerEntries } from './customers';
import { onboardingEntries } from './onboarding';
import { partnerCenterEntries } from './partner-center';
import { tokenEntries } from './tokens';
import { toVaultError } from '@/lib/vault/errors';
import before from './words-before-the-move.json';

/**
 * The catalogues moved into lib/failure from lib/onboarding, lib/customers and lib/tokens.
 * `words-before-the-move.json` is what those modules said before the move (dumped from them);
 * every entry must keep its words and its button (`cause` is now called `problem`).
 */
describe('the failure catalogue keeps the words it had before the move', () => {
  it.each(Object.entries(before.onboardingCatalogue))('onboarding %s', (code, old) => {
    const entry = onboardingEntries[code as keyof typeof onboardingEntries];
    expect({ problem: entry.problem, fix: entry.fix, action: entry.action }).toEqual({
      problem: old.cause,
      fix: old.fix,
      action: old.action,
    });
  });

  it('onboarding has no entry the old catalogue lacked', () => {
    expect(Object.keys(onboardingEntries).sort()).toEqual(
      Object.keys(before.onboardingCatalogue).sort(),
    );
  });

  it.each(Object.entries(before.partnerCenterFixes))(
    'Partner Center for the admin: %s',
    (code, old) => {
      const entry = partnerCenterEntries[code as keyof typeof partnerCenterEntries];
      expect({ problem: entry.problem, fix: entry.fix, action: entry.action }).toEqual({
        problem: old.cause,
        fix: old.fix,
        action: old.action,
      });
    },
  );

  it.each(Object.entries({ ...before.partnerCenterWords, ...before.customerTokenWords }))(
    'customer pages: %s',
    (code, old) => {
      const entry: FailureWords = customerEntries[code as keyof typeof customerEntries];
      expect({ title: entry.title, problem: entry.problem }).toEqual({
        title: old.title,
        problem: old.explanation,
      });
    },
  );

  it('customer API answers keep their messages', () => {
    expect(customerEntries.not_found.problem).toBe(before.customerApi.not_found);
    expect(customerEntries.not_connected.problem).toBe(before.customerApi.reconsent);
  });

  it('token service: not connected', () => {
    const entry = tokenEntries.not_connected;
    expect({ problem: entry.problem, fix: entry.fix, action: entry.action }).toEqual({
      problem: before.tokens.not_connected.cause,
      fix: before.tokens.not_connected.fix,
      action: before.tokens.not_connected.action,
    });
  });
});

/** Key Vault's words moved from lib/vault's mapper into the catalogue: same words per SDK error. */
describe('Key Vault failures keep their words', () => {
  it.each([
    [
      { name: 'CredentialUnavailableError' },
      'vault_credential',
      'The portal could not get a token for Key Vault: its credential is not set up where it runs, or its managed identity endpoint did not answer.',
      'Check KEY_VAULT_CREDENTIAL and the app credential (or managed identity) of the portal; a managed identity endpoint that was only briefly unavailable needs no change.',
    ],
    [
      { statusCode: 403 },
      'vault_forbidden',
      "Key Vault refused the portal's identity.",
      "Grant the portal's identity get/set/list/delete on secrets (Key Vault Secrets Officer).",
    ],
    [
      { statusCode: 404 },
      'vault_not_found',
      'The secret does not exist in Key Vault.',
      'Connect Partner Center in onboarding to create it.',
    ],
    [
      { statusCode: 409 },
      'vault_conflict',
      'The secret is deleted but recoverable in Key Vault.',
      'Recover or purge the deleted secret, then connect again.',
    ],
    [
      { statusCode: 409, details: { error: { innerError: { code: 'ObjectIsBeingDeleted' } } } },
      'vault_being_deleted',
      "Key Vault is still deleting the partner's stored Partner Center connection.",
      'Wait a minute, then try again.',
    ],
    [
      { statusCode: 409, details: { error: { innerError: { code: 'ObjectIsBeingRecovered' } } } },
      'vault_being_recovered',
      "Key Vault is still recovering the partner's stored Partner Center connection.",
      'Wait a minute, then try again.',
    ],
    [
      { statusCode: 503 },
      'vault_unavailable',
      'Key Vault could not be reached or is temporarily failing.',
      'Check KEY_VAULT_URL and network access to the vault, then retry.',
    ],
    // Key Vault's 429 is no outage: words of their own (lib/vault/retry-after.ts).
    [
      { statusCode: 429 },
      'vault_throttled',
      'Key Vault is throttling requests.',
      'If it keeps happening, check what else calls this vault: Key Vault limits requests per vault and region.',
    ],
    [
      { statusCode: 400 },
      'vault_error',
      'Key Vault answered 400.',
      "Retry; if it persists, check the vault's activity log.",
    ],
  ])('%o is %s', (sdkError, code, problem, fix) => {
    const err = toVaultError('get', sdkError);
    expect({ code: err.code, problem: err.problem, fix: err.fix }).toEqual({ code, problem, fix });
    expect(err.message).toBe(`Key Vault get failed: ${problem}`);
  });
});
