import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FailureFix } from '@/components/failure-fix';
import { EntraError } from '@/lib/entra/errors';
import { toVaultError } from '@/lib/vault/errors';
import { vaultEntries } from './catalogue/vault';
import { aadstsCatalogue } from './catalogue/aadsts';
import { onboardingEntries } from './catalogue/onboarding';
import { partnerCenterEntries } from './catalogue/partner-center';
import { tokenEntries } from './catalogue/tokens';
import {
  addressedToOwnAdmin,
  failureView,
  fixedByPartner,
  fixFor,
  readerOfScope,
  toFailure,
} from './index';

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'");
const vaultFailure = (sdkError: object) =>
  toFailure(toVaultError('list', sdkError), { for: 'onboarding', correlationId: 'c-1' });

/**
 * A partner's admin was told "Check KEY_VAULT_URL and network access to the vault" and
 * "Grant the portal's identity get/set/list/delete on secrets": the operator's vault and
 * identity, which they can neither reach nor change.
 */
describe('a fix only the portal operator can make', () => {
  it('is the operator’s in the Key Vault catalogue, except what a partner can act on or wait out', () => {
    const owners = Object.fromEntries(Object.entries(vaultEntries).map(([c, e]) => [c, e.owner]));
    expect(owners).toEqual({
      vault_credential: 'portal',
      vault_forbidden: 'portal',
      vault_secret_disabled: 'portal',
      vault_not_found: undefined,
      vault_conflict: 'portal',
      vault_being_deleted: undefined,
      vault_being_recovered: undefined,
      vault_unavailable: 'portal',
      vault_throttled: 'portal',
      vault_error: 'portal',
    });
  });

  it('reaches a partner as the operator’s to make, with whether it may pass and who asks again', () => {
    const outage = fixFor(failureView(vaultFailure({ statusCode: 503 })), 'partner');
    expect(outage).toMatchObject({
      code: 'vault_unavailable',
      problem: 'Key Vault could not be reached or is temporarily failing.',
      owner: 'portal',
      fix: "The portal's operator must fix this if it lasts; nothing is needed from you. Try again in a few minutes.",
      correlationId: 'c-1',
    });
    const refused = fixFor(failureView(vaultFailure({ statusCode: 403 })), 'partner');
    expect(refused.fix).toBe(
      "The portal's operator must fix this; nothing is needed from you. Try again once they have.",
    );
    // Behind the health report the portal asks again itself.
    expect(
      fixFor(failureView(vaultFailure({ statusCode: 503 })), 'partner', {
        portalRetries: true,
      }).fix,
    ).toBe(
      "The portal's operator must fix this if it lasts; nothing is needed from you: the portal keeps retrying on its own.",
    );
    expect(
      fixFor(
        { fix: 'Set ENTRA_CLIENT_SECRET.', owner: 'portal', action: 'fix-configuration' },
        'partner',
        {
          portalRetries: true,
        },
      ).fix,
    ).toBe(
      "The portal's operator must fix this; nothing is needed from you: the portal keeps retrying, and recovers once they have.",
    );
    // The view keeps whether it may pass, for whoever reads it later (onboarding's flash store).
    expect(outage.transient).toBe(true);
    expect(refused.transient).toBe(false);
  });

  it('keeps its steps for the operator, who runs the portal', () => {
    const failure = vaultFailure({ statusCode: 503 });
    expect(fixFor(failureView(failure), 'operator')).toEqual(failureView(failure));
    expect(fixFor(failureView(failure), 'operator').fix).toBe(
      'Check KEY_VAULT_URL and network access to the vault, then retry.',
    );
  });

  it('drops the operator’s steps of an Entra failure, shown to a partner', () => {
    // AADSTS7000215: the portal's client secret is wrong.
    const failure = toFailure(
      new EntraError({ error: 'invalid_client', status: 401, aadsts: 7000215 }),
      { for: 'onboarding' },
    );
    expect(failure.steps?.join(' ')).toMatch(/ENTRA_CLIENT_SECRET/);
    const html = text(
      renderToStaticMarkup(createElement(FailureFix, fixFor(failureView(failure), 'partner'))),
    );
    expect(html).not.toMatch(/ENTRA_CLIENT_SECRET|app registration/);
    expect(html).toContain("Where the cause is: The portal's own configuration");
    expect(html).toContain("What to do: The portal's operator must fix this;");
  });

  it("leaves a partner the one line of a fix their action ends, without the operator's steps", () => {
    // AADSTS700082: the portal let the grant lapse (owner: portal), but only a re-consent helps.
    const words = fixFor(
      {
        fix: 'Re-consent in onboarding; the keep-alive then keeps it fresh.',
        owner: 'portal',
        action: 're-consent',
        steps: ['Re-consent in onboarding.', "Keep the portal's keep-alive running (…)."],
      },
      'partner',
    );
    expect(words).toEqual({
      fix: 'Re-consent in onboarding; the keep-alive then keeps it fresh.',
      owner: 'portal',
      action: 're-consent',
    });
    // Neither the partner's alone nor the operator's: the operator's steps say who does which.
    expect(fixedByPartner(words)).toBe(false);
  });

  it("gives a partner their own way around a disabled connection in the portal's vault", () => {
    // Key Vault's answer to a get of a disabled version (Azure/azure-sdk-for-js#24756).
    const disabled = vaultFailure({
      name: 'RestError',
      statusCode: 403,
      details: { error: { innerError: { code: 'SecretDisabled' } } },
    });
    const operatorFix = vaultEntries.vault_secret_disabled.fix;
    expect(disabled).toMatchObject({ code: 'vault_secret_disabled', owner: 'portal' });
    const partner = fixFor(failureView(disabled), 'partner');
    expect(partner).toMatchObject({
      fix: "A partner admin connects Partner Center again in onboarding to store a new connection, or asks the portal's operator to enable the stored one again.",
      action: 're-consent',
      owner: 'portal',
    });
    const html = text(renderToStaticMarkup(createElement(FailureFix, partner)));
    expect(html).not.toMatch(/Enable its current version|The portal's operator must fix this/);
    // The operator reads the whole fix, as theirs: enabling the version is their vault's.
    const operator = fixFor(failureView(disabled), 'operator');
    expect(operator).toMatchObject({ fix: operatorFix, action: 'fix-configuration' });
    expect(operatorFix).toMatch(/^Enable its current version in Key Vault, or /);
    expect(fixedByPartner(operator)).toBe(false);
  });

  it("leaves a partner's own fixes alone, and says whose fix is whose", () => {
    const theirs = {
      fix: 'Exclude the account.',
      owner: 'partner-entra' as const,
      action: 'retry',
    };
    expect(fixFor(theirs, 'partner')).toBe(theirs);
    expect(fixedByPartner(theirs)).toBe(true);
    expect(fixedByPartner({ owner: 'portal', action: 'retry' })).toBe(false);
    expect(fixedByPartner({ owner: 'microsoft', action: 'retry' })).toBe(false);
    expect(fixedByPartner({ action: 'onboard' })).toBe(true);
  });

  it("reads the reader off the viewer's scope", () => {
    expect(readerOfScope({ kind: 'all' })).toBe('operator');
    expect(readerOfScope({ kind: 'tenant' })).toBe('partner');
  });
});

/**
 * The operator's words name the partner's action as one of its admins' ("One of this partner's
 * admins re-consents"): on their own tenant's card, beside their own Re-consent button, the
 * home tenant's Admin read it as someone else's task.
 */
describe("words for the tenant's own admin, who may act on them", () => {
  const thirdPerson =
    /one of (this|the) partner's admins|the partner's admins|a partner admin connects|an admin connects/i;

  it('address the re-consent to them, and keep the rest as it is', () => {
    const retired = aadstsCatalogue[700082]!;
    const theirs = addressedToOwnAdmin(retired);
    expect(theirs.steps).toEqual([
      'Re-consent in onboarding.',
      retired.steps![1], // The operator's keep-alive: not the partner's action.
    ]);
    expect(theirs).toMatchObject({ cause: retired.cause, fix: retired.fix, action: 're-consent' });
    expect(addressedToOwnAdmin(aadstsCatalogue[70002]!).steps?.[1]).toBe(
      'Then re-consent in onboarding with this app.',
    );
  });

  it("give them the way around a disabled connection in the vault, the operator's and the partner's", () => {
    const disabled = vaultEntries.vault_secret_disabled;
    expect(addressedToOwnAdmin(disabled).fix).toBe(
      'Enable its current version in Key Vault, or re-consent in onboarding to store a new one.',
    );
    expect(addressedToOwnAdmin(disabled.partnerWay!).fix).toBe(
      "Re-consent in onboarding to store a new connection, or ask the portal's operator to enable the stored one again.",
    );
  });

  it('leave words without a third person, and words without a fix, untouched', () => {
    const wait = { fix: 'Wait a minute, then try again.', action: 'retry' };
    expect(addressedToOwnAdmin(wait)).toEqual(wait);
    const none = { action: 'none' };
    expect(addressedToOwnAdmin(none)).toEqual(none);
  });

  // A new entry naming the partner's admins in the third person needs its words for them too.
  it('cover every fix and step of the catalogues behind /health and onboarding', () => {
    const words = [
      ...Object.values(aadstsCatalogue),
      ...Object.values(vaultEntries).flatMap((e) => [e, ...(e.partnerWay ? [e.partnerWay] : [])]),
      ...Object.values(tokenEntries),
      ...Object.values(onboardingEntries),
      ...Object.values(partnerCenterEntries),
    ] as { fix?: string; steps?: string[]; action: string }[];
    const named = words.filter((w) =>
      [w.fix, ...(w.steps ?? [])].some((l) => l && thirdPerson.test(l)),
    );
    expect(named.length).toBeGreaterThanOrEqual(6);
    for (const w of named) {
      const theirs = addressedToOwnAdmin(w);
      for (const line of [theirs.fix, ...(theirs.steps ?? [])])
        expect(line ?? '').not.toMatch(thirdPerson);
    }
  });
});
