import { describe, expect, it } from 'vitest';
import { partnerActions } from '@/lib/failure/reader';
import { aadstsCatalogue } from '@/lib/failure/catalogue/aadsts';
import {
  describeAadsts,
  describeEntraFailure,
  failureOwnerLabels,
  type EntraFailureDescription,
} from './catalogue';
import { EntraError, entraErrorFromResponse } from './errors';
import { toFailure } from '@/lib/failure';
import { entraErrorFromCallback } from '@/lib/onboarding/support';

/** code -> [owner, action, a phrase the cause or fix must contain]: one row per catalogue entry. */
const expected: Array<
  [number, EntraFailureDescription['owner'], EntraFailureDescription['action'], RegExp]
> = [
  [70043, 'partner-entra', 're-consent', /sign-in frequency/i],
  [53003, 'partner-entra', 're-consent', /Conditional Access policy/],
  [50105, 'partner-entra', 're-consent', /Assignment required/],
  [65004, 'consenting-account', 'grant-consent', /declined/],
  [90094, 'partner-entra', 'grant-consent', /Global Administrator/],
  [50057, 'partner-entra', 're-consent', /disabled/],
  [50055, 'consenting-account', 're-consent', /its password has expired/],
  [50079, 'consenting-account', 'sign-in-again', /no MFA method registered/],
  [50020, 'consenting-account', 'sign-in-again', /another Entra tenant/],
  [65001, 'partner-entra', 'grant-consent', /not been granted/],
  [50076, 'partner-entra', 'sign-in-again', /multi-factor/],
  [50078, 'partner-entra', 'sign-in-again', /expired/],
  [700082, 'portal', 're-consent', /90 days/],
  [70008, 'portal', 're-consent', /expired/],
  [50173, 'partner-entra', 're-consent', /revoked/],
  [700007, 'portal', 're-consent', /different application/],
  [70002, 'portal', 'fix-configuration', /client secret or certificate/],
  [7000215, 'portal', 'fix-configuration', /secret ID/],
  [7000222, 'portal', 'fix-configuration', /expired/],
  [650051, 'portal', 'fix-configuration', /app registration/],
  [900144, 'portal', 'fix-configuration', /missing a required parameter/],
  [90099, 'partner-center', 'grant-consent', /customer tenant/],
  [901002, 'portal', 'fix-configuration', /v2 endpoint/],
  [
    500011,
    'consenting-account',
    'grant-consent',
    /Partner Center tenant|could not find Partner Center/,
  ],
  [90002, 'portal', 'fix-configuration', /ENTRA_TENANT_ID/],
  [900023, 'portal', 'fix-configuration', /ENTRA_AUTHORITY_HOST/],
  [90008, 'portal', 'fix-configuration', /User\.Read/],
  [700054, 'portal', 'fix-configuration', /ID tokens?/],
  [50196, 'portal', 'retry', /too many requests/],
];

describe('AADSTS catalogue', () => {
  // A card shows the title, then the cause: "The grant was revoked" above "The grant was
  // revoked: an administrator reset…" said it twice.
  it.each(Object.entries(aadstsCatalogue).filter(([, e]) => e.title))(
    'AADSTS%s: the cause does not repeat the title',
    (_code, entry) => {
      expect(entry.cause.toLowerCase().startsWith(entry.title!.toLowerCase())).toBe(false);
    },
  );

  it('has exactly the entries tested below', () => {
    expect(Object.keys(aadstsCatalogue).map(Number).sort()).toEqual(
      expected.map(([code]) => code).sort(),
    );
  });

  it.each(expected)(
    'AADSTS%i: owner %s, action %s, plain words and steps',
    (code, owner, action, phrase) => {
      const entry = describeEntraFailure(
        new EntraError({ error: 'invalid_grant', status: 400, aadsts: code }),
      );
      expect(entry).toBe(describeAadsts(code));
      expect(entry.owner).toBe(owner);
      expect(entry.action).toBe(action);
      expect(`${entry.cause} ${entry.fix}`).toMatch(phrase);
      expect(entry.steps.length).toBeGreaterThan(0);
      // Plain words: the raw code is shown next to them, never instead of them.
      for (const text of [entry.title ?? '', entry.cause, entry.fix, ...entry.steps])
        expect(text).not.toMatch(/AADSTS/);
      expect(failureOwnerLabels[entry.owner]).toBeTruthy();
    },
  );

  // An operator reads such an entry's steps on another partner's card under "What to do", not
  // "for this partner's own admins" (lib/failure's `fixedByPartner`): each says who takes it.
  it("names who takes each step of a portal's fault that a partner's consent ends", () => {
    const shared = Object.entries(aadstsCatalogue).filter(
      ([, entry]) => entry.owner === 'portal' && partnerActions.has(entry.action),
    );
    expect(shared.map(([code]) => Number(code)).sort((a, b) => a - b)).toEqual([
      70008, 700007, 700082,
    ]);
    for (const [, entry] of shared)
      for (const step of entry.steps)
        expect(step).toMatch(/this partner's admins|The portal's operator/);
  });

  // AADSTS70002 is Entra refusing the portal's own client credential (Microsoft's reference:
  // "The specified client_secret does not match the expected value for this client"): every
  // partner's consent is redeemed with that credential, so a new one cannot help.
  it("the refused-credential entry names the portal's credential and asks no one to re-consent", () => {
    const entry = aadstsCatalogue[70002]!;
    expect(entry).toMatchObject({ owner: 'portal', action: 'fix-configuration' });
    expect(entry.cause).toMatch(/client credential \(its client secret or certificate\)/);
    expect(entry.fix).toMatch(/ENTRA_CLIENT_SECRET/);
    expect(entry.fix).toMatch(/ENTRA_CLIENT_CERTIFICATE_PATH/);
    expect(entry.fix).toMatch(/No re-consent is needed/);
    for (const step of entry.steps) expect(step).not.toMatch(/re-?consent|partner's admins/i);
    // Nothing in it is a partner's step, so nothing to address to their own admin.
    expect(entry.ownAdmin).toBeUndefined();
  });

  it('the sign-in-frequency entry says how to stop it and offers re-consent', () => {
    const entry = describeAadsts(70043)!;
    expect(entry.fix).toMatch(
      /Exclude the account that consents from sign-in-frequency policies, or re-consent/,
    );
    expect(entry.steps.join(' ')).toMatch(/Conditional Access/);
  });

  it('unknown codes fall back to the OAuth error, then to a generic retry', () => {
    expect(describeAadsts(1)).toBeUndefined();
    expect(
      describeEntraFailure(new EntraError({ error: 'invalid_grant', status: 400, aadsts: 1 }))
        .action,
    ).toBe('re-consent');
    expect(describeEntraFailure(new Error('x')).action).toBe('retry');
  });
});

/**
 * Entra's answers as it sends them: the token endpoint's JSON body (`error`, `error_description`
 * starting `AADSTSn:`, `error_codes`) and the authorize redirect's form post (`error`,
 * `error_description`). Each must reach its own words, not the generic "Entra ID refused the
 * request. Retry" fallback.
 */
const generic = /Entra ID refused the request/;
const trailer =
  '\r\nTrace ID: 0000aaaa-11bb-cccc-dd33-eeeeee333333\r\nCorrelation ID: aaaa0000-bb11-2222-33cc-444444dddddd\r\nTimestamp: 2026-01-09 02:02:12Z';

const tokenAnswers: Array<
  [
    string,
    number,
    string,
    EntraFailureDescription['owner'],
    EntraFailureDescription['action'],
    RegExp,
  ]
> = [
  [
    'invalid_resource',
    500011,
    'The resource principal named https://api.partnercenter.microsoft.com was not found in the tenant named Contoso. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.',
    'consenting-account',
    'grant-consent',
    /admin agent account of the tenant you sign in to Partner Center with/,
  ],
  [
    'invalid_request',
    90002,
    "Tenant '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b12' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.",
    'portal',
    'fix-configuration',
    /ENTRA_TENANT_ID and ENTRA_SIGN_IN_TENANT/,
  ],
  [
    'invalid_request',
    900023,
    "Specified tenant identifier 'oauth2' is neither a valid DNS name, nor a valid external domain.",
    'portal',
    'fix-configuration',
    /ENTRA_AUTHORITY_HOST to the host only/,
  ],
  [
    'invalid_grant',
    90008,
    "The user or administrator has not consented to use the application with ID '11112222-bbbb-3333-cccc-4444dddd5555'.",
    'portal',
    'fix-configuration',
    /User\.Read/,
  ],
  [
    'invalid_client',
    7000222,
    "The provided client secret keys for app '11112222-bbbb-3333-cccc-4444dddd5555' are expired.",
    'portal',
    'fix-configuration',
    /new secret/,
  ],
  [
    'invalid_client',
    70002,
    // Microsoft's reference words for it (MicrosoftDocs/entra-docs,
    // docs/identity-platform/reference-error-codes.md).
    'Error validating the credentials. The specified client_secret does not match the expected value for this client. Correct the client_secret and try again.',
    'portal',
    'fix-configuration',
    /ENTRA_CLIENT_SECRET .* ENTRA_CLIENT_CERTIFICATE_PATH/,
  ],
  [
    'invalid_client',
    7000215,
    'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
    'portal',
    'fix-configuration',
    /secret value/,
  ],
  [
    'invalid_grant',
    53003,
    'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    'partner-entra',
    're-consent',
    /blocking policy/,
  ],
  [
    'invalid_grant',
    50105,
    "Your administrator has configured the application to block users unless they are specifically granted ('assigned') access to the application.",
    'partner-entra',
    're-consent',
    /Assign the account/,
  ],
];

describe('Entra throttling, as the token endpoint answers it', () => {
  it('loop detection on a refresh (invalid_grant AADSTS50196) is a wait of a minute, not a re-consent', () => {
    // The words MSAL.NET's "Client and server throttling" quotes for user-facing calls.
    const err = entraErrorFromResponse(
      400,
      JSON.stringify({
        error: 'invalid_grant',
        error_description: `AADSTS50196: The server terminated an operation because it encountered a loop while processing a request.${trailer}`,
        error_codes: [50196],
      }),
    );
    expect(toFailure(err, { for: 'tokens', tenantId: 't' })).toMatchObject({
      code: 'token_unavailable',
      action: 'retry',
      transient: true,
      retryAfterSeconds: 60,
      problem: expect.stringMatching(/still works/),
    });
  });

  it("a 429 carries its Retry-After (seconds or a date, kept within 1..300 s), also without Entra's JSON body", () => {
    const now = Date.parse('2026-12-03T10:00:00Z');
    const retryAfter = (value: string) => new Headers({ 'retry-after': value });
    // The body MSAL.NET met: "Too Many Requests" with `Retry-After: 60` (AzureAD/microsoft-authentication-library-for-dotnet#2855).
    const plain = entraErrorFromResponse(429, 'Too Many Requests', retryAfter('60'), now);
    expect(plain).toMatchObject({ error: 'throttled', status: 429, retryAfterSeconds: 60 });
    expect(describeEntraFailure(plain).cause).toMatch(/throttling/);
    expect(toFailure(plain, { for: 'tokens', tenantId: 't' })).toMatchObject({
      code: 'token_unavailable',
      transient: true,
      retryAfterSeconds: 60,
    });
    expect(
      entraErrorFromResponse(503, '', retryAfter('Thu, 03 Dec 2026 10:00:30 GMT'), now)
        .retryAfterSeconds,
    ).toBe(30);
    expect(entraErrorFromResponse(429, '', retryAfter('86400'), now).retryAfterSeconds).toBe(300);
    // A refusal's Retry-After, if any, is no wait: a 400 stands.
    expect(
      entraErrorFromResponse(400, '{"error":"invalid_grant"}', retryAfter('60'), now)
        .retryAfterSeconds,
    ).toBeUndefined();
  });
});

describe('Entra answers as the token endpoint sends them', () => {
  it.each(tokenAnswers)(
    '%s AADSTS%i has its own words and action',
    (error, code, text, owner, action, fix) => {
      const body = JSON.stringify({
        error,
        error_description: `AADSTS${code}: ${text}${trailer}`,
        error_codes: [code],
        trace_id: '0000aaaa-11bb-cccc-dd33-eeeeee333333',
        correlation_id: 'aaaa0000-bb11-2222-33cc-444444dddddd',
      });
      const err = entraErrorFromResponse(400, body);
      expect(err.aadsts).toBe(code);
      const entry = describeEntraFailure(err);
      expect(entry).toBe(describeAadsts(code));
      expect(entry).toMatchObject({ owner, action });
      expect(entry.fix).toMatch(fix);
      expect(entry.cause).not.toMatch(generic);
      // Onboarding shows it under its AADSTS code, with the same words and button.
      const failure = toFailure(err, { for: 'onboarding', correlationId: 'c' });
      expect(failure).toMatchObject({ code: `AADSTS${code}`, action, owner, problem: entry.cause });
    },
  );

  it('the token service treats a wrong or malformed tenant as configuration, not as an outage to retry', () => {
    for (const [code, error] of [
      [90002, 'invalid_request'],
      [900023, 'invalid_request'],
      [90008, 'invalid_grant'],
      [700054, 'unsupported_response_type'],
    ] as const) {
      const err = new EntraError({ error, status: 400, aadsts: code });
      expect(toFailure(err, { for: 'tokens', tenantId: 't' })).toMatchObject({
        code: 'configuration_error',
        action: 'fix-configuration',
        transient: false,
      });
    }
  });
});

/** The authorize redirect's form post, as lib/onboarding's consent callback reads it. */
const callbackAnswers: Array<
  [string, string | undefined, string, EntraFailureDescription['action'], RegExp]
> = [
  // `error` alone, no AADSTS code: the OAuth error names the words.
  ['login_required', undefined, 'login_required', 'sign-in-again', /which account/],
  ['interaction_required', undefined, 'interaction_required', 'sign-in-again', /MFA or consent/],
  ['invalid_request', undefined, 'invalid_request', 'fix-configuration', /incomplete or invalid/],
  ['unauthorized_client', undefined, 'unauthorized_client', 'fix-configuration', /ENTRA_CLIENT_ID/],
  [
    'unsupported_response_type',
    undefined,
    'unsupported_response_type',
    'fix-configuration',
    /ID token/,
  ],
  ['invalid_resource', undefined, 'invalid_resource', 'grant-consent', /Partner Center/],
  // With a code in the description.
  [
    'invalid_request',
    "AADSTS900023: Specified tenant identifier 'oauth2' is neither a valid DNS name, nor a valid external domain.",
    'AADSTS900023',
    'fix-configuration',
    /ENTRA_AUTHORITY_HOST/,
  ],
  [
    'invalid_request',
    "AADSTS90002: Tenant 'contoso.example' not found.",
    'AADSTS90002',
    'fix-configuration',
    /ENTRA_TENANT_ID/,
  ],
  [
    'invalid_resource',
    'AADSTS500011: The resource principal named https://api.partnercenter.microsoft.com was not found in the tenant named Contoso.',
    'AADSTS500011',
    'grant-consent',
    /Partner Center/,
  ],
  [
    'unsupported_response_type',
    "AADSTS700054: response_type 'id_token' is not enabled for the application.",
    'AADSTS700054',
    'fix-configuration',
    /ID tokens/,
  ],
  [
    'access_denied',
    'AADSTS50020: User account from identity provider does not exist in tenant and cannot access the application.',
    'access_denied',
    'sign-in-again',
    /another Entra tenant/,
  ],
  [
    'access_denied',
    'AADSTS90094: Admin consent is required for the permissions requested by this application.',
    'AADSTS90094',
    'grant-consent',
    /Global Administrator/,
  ],
];

describe('Entra answers as the authorize redirect posts them to the consent callback', () => {
  it.each(callbackAnswers)(
    'error=%s description=%s -> %s, %s',
    (error, description, code, action, words) => {
      const err = entraErrorFromCallback(
        error,
        description === undefined ? undefined : `${description}${trailer}`,
      );
      const failure = toFailure(err, { for: 'onboarding', correlationId: 'c' });
      expect(failure).toMatchObject({ code, action });
      expect(`${failure.problem} ${failure.fix}`).toMatch(words);
      expect(failure.problem).not.toMatch(generic);
      expect(failure.problem).not.toMatch(/AADSTS/);
    },
  );
});
