import type { EntraFailureDescription } from '@/lib/entra/catalogue';
import { partnerEntraAadsts } from './aadsts-partner-entra';
import type { OwnAdminAware } from './readers';

/**
 * Partner Center's API is not in the tenant of the account that signed in (AADSTS500011, and
 * `invalid_resource` without a code: lib/entra's catalogue).
 */
export const partnerCenterNotInTenant: EntraFailureDescription = {
  title: 'Partner Center is not set up in this tenant',
  cause:
    'Microsoft could not find Partner Center in the tenant of the account that signed in: usually that account belongs to another tenant than the one your Partner Center account uses.',
  fix: 'Connect again with an admin agent account of the tenant you sign in to Partner Center with.',
  action: 'grant-consent',
  owner: 'consenting-account',
  steps: [
    'Sign out of Microsoft in this browser (or use a private window), start the connection again and pick an admin agent account of your Partner Center tenant.',
    "If that was already the account used, ask the portal's operators to check PARTNER_CENTER_RESOURCE (default https://api.partnercenter.microsoft.com) and ENTRA_SIGN_IN_TENANT.",
  ],
  otherPartner: {
    cause:
      "Microsoft could not find Partner Center in the tenant of the account that signed in: usually that account belongs to another tenant than the one {partner's} Partner Center account uses.",
    fix: 'Connect again with an admin agent account of the tenant {partner} signs in to Partner Center with.',
    steps: {
      0: "Sign out of Microsoft in this browser (or use a private window), start the connection again and pick an admin agent account of {partner's} Partner Center tenant.",
    },
  },
};

/** The app registration does not allow the ID token of the hybrid flow (AADSTS700054, `unsupported_response_type`). */
export const idTokensNotEnabled: EntraFailureDescription = {
  title: "The portal's app registration does not allow ID tokens",
  cause:
    "The portal's app registration does not let Microsoft send an ID token with the sign-in answer, which the connection needs.",
  fix: 'Turn on ID tokens under "Implicit grant and hybrid flows" in the app registration, then connect again.',
  action: 'fix-configuration',
  owner: 'portal',
  steps: [
    "In the Entra admin center open App registrations, select the portal's app, then Authentication.",
    'Under "Implicit grant and hybrid flows" select "ID tokens" and save.',
    'Connect again from onboarding.',
  ],
};

/**
 * One entry per AADSTS code the portal names: what happened, whose setting causes it, the
 * fix step by step and the button. Wording is the portal's own; Microsoft's text stays in
 * the collapsed technical detail. Every entry has a unit test in lib/entra/catalogue.test.ts;
 * lib/entra's `describeEntraFailure` reads it.
 */
export const aadstsCatalogue: Record<number, EntraFailureDescription & OwnAdminAware> = {
  // The partner's Entra ID settings.
  ...partnerEntraAadsts,
  // --- Consent, MFA and grant codes ---
  65001: {
    cause: 'Consent for the portal has not been granted in this tenant.',
    fix: 'Run the onboarding consent with a partner admin agent account.',
    action: 'grant-consent',
    owner: 'partner-entra',
    steps: [
      'Connect Partner Center from onboarding with a partner admin agent account and accept the permissions.',
    ],
  },
  50076: {
    cause: 'Entra requires multi-factor authentication for this access.',
    fix: 'Sign in again and complete the MFA prompt.',
    action: 'sign-in-again',
    owner: 'partner-entra',
    steps: ['Sign in again (or re-consent) and complete the MFA prompt.'],
  },
  50078: {
    cause: 'The multi-factor authentication of this session has expired.',
    fix: 'Sign in again and complete the MFA prompt.',
    action: 'sign-in-again',
    owner: 'partner-entra',
    steps: ['Sign in again (or re-consent) and complete the MFA prompt.'],
  },
  700082: {
    cause: 'The stored refresh token expired after 90 days without use.',
    fix: 'Re-consent in onboarding; the keep-alive then keeps it fresh.',
    action: 're-consent',
    owner: 'portal',
    steps: [
      "One of this partner's admins re-consents in onboarding.",
      "The portal's operator keeps the keep-alive running (TOKEN_KEEP_ALIVE_CHECK_SECONDS or a scheduler calling /api/tokens/keep-alive), so the new grant does not lapse again.",
    ],
    // The keep-alive stays the operator's, whoever reads it.
    ownAdmin: { steps: { 0: 'Re-consent in onboarding.' } },
  },
  70008: {
    cause: 'The authorization code or refresh token has expired.',
    fix: 'Re-consent in onboarding to mint a new refresh token.',
    action: 're-consent',
    owner: 'portal',
    steps: ["One of this partner's admins re-consents in onboarding."],
    ownAdmin: { steps: { 0: 'Re-consent in onboarding.' } },
  },
  // AADSTS50196 LoopDetected: "A client loop has been detected ... The app has made too many of
  // the same request in too short a period" (reference-error-codes.md). For a refresh token
  // Entra signals throttling this way, `invalid_grant` and not a 429 (MSAL.NET docs, "Client and
  // server throttling"): the grant is fine, asking again at once makes it worse.
  50196: {
    title: "Entra is throttling this connection's token requests",
    cause:
      'Entra refused to refresh the token because it saw too many requests for this connection in a short time (loop detected). The stored connection still works.',
    fix: 'Wait a minute: the portal asks again after a pause. No re-consent is needed.',
    action: 'retry',
    owner: 'portal',
    steps: [
      'Wait a minute: the portal asks again after a pause. No re-consent is needed.',
      "If it keeps happening, check that nothing else redeems this tenant's refresh token (another copy of the portal, a script) and that every instance shares one DATABASE_URL.",
    ],
  },
  50173: {
    // The title says what happened, the cause why: the cause began with the title's words.
    title: 'The stored connection was revoked in your Entra ID',
    cause:
      "An administrator reset the consenting account's password, or revoked its sessions: Entra no longer accepts the grant the portal stored.",
    fix: 'Re-consent in onboarding with a partner admin agent account.',
    action: 're-consent',
    owner: 'partner-entra',
    steps: ['Re-consent in onboarding with a partner admin agent account.'],
    otherPartner: { title: "The stored connection was revoked in {partner's} Entra ID" },
  },
  700007: {
    cause: 'The grant was issued to a different application.',
    fix: "Re-consent with this portal's app registration.",
    action: 're-consent',
    owner: 'portal',
    steps: [
      "The portal's operator checks that ENTRA_CLIENT_ID is the app registration that was consented to.",
      "Then one of this partner's admins re-consents in onboarding.",
    ],
    ownAdmin: { steps: { 1: 'Then re-consent in onboarding.' } },
  },
  // AADSTS70002 InvalidClient: "Error validating the credentials. The specified client_secret
  // does not match the expected value for this client. Correct the client_secret and try again."
  // (MicrosoftDocs/entra-docs docs/identity-platform/reference-error-codes.md). Entra refused the
  // portal's own credential, which every partner's grant is redeemed with: a new consent would be
  // redeemed with it too, so only the operator's fix helps. The catalogue cannot tell which kind
  // the deployment uses (lib/entra/client-auth.ts sends one or the other), so it names both.
  // When it comes before another code (`[70002, 70008]`), the later code is the cause
  // (lib/entra/errors.ts's `mostSpecificAadsts`).
  70002: {
    cause:
      "Entra refused the portal's client credential (its client secret or certificate): it does not match what the app registration expects.",
    fix: 'Set ENTRA_CLIENT_SECRET to a current secret value, or ENTRA_CLIENT_CERTIFICATE_PATH to a certificate uploaded to the app registration, then restart the portal. No re-consent is needed.',
    action: 'fix-configuration',
    owner: 'portal',
    steps: [
      'Check that ENTRA_CLIENT_ID is the Application (client) ID of the app registration the credential belongs to.',
      "In App registrations → Certificates & secrets, find the portal's credential: copy a current secret's Value (not its ID), or upload the certificate the portal signs with.",
      'Set ENTRA_CLIENT_SECRET to that value, or ENTRA_CLIENT_CERTIFICATE_PATH to a PEM file holding that certificate and its private key, and restart the portal.',
    ],
  },
  7000215: {
    cause: 'The client secret is wrong (often the secret ID pasted instead of its value).',
    fix: 'Set ENTRA_CLIENT_SECRET to the secret value from the app registration.',
    action: 'fix-configuration',
    owner: 'portal',
    steps: [
      "Copy the secret's Value (not its ID) from App registrations → Certificates & secrets.",
      'Set ENTRA_CLIENT_SECRET and restart the portal.',
    ],
  },
  7000222: {
    cause: 'The client secret has expired.',
    fix: 'Create a new secret in the app registration and update ENTRA_CLIENT_SECRET.',
    action: 'fix-configuration',
    owner: 'portal',
    steps: [
      'Create a new secret in App registrations → Certificates & secrets.',
      'Set ENTRA_CLIENT_SECRET (and ENTRA_CLIENT_SECRET_EXPIRES_AT) and restart the portal.',
    ],
  },
  650051: {
    cause: 'The app registration is incomplete or invalid in this tenant.',
    fix: "Check the app registration's API permissions and redirect URIs.",
    action: 'fix-configuration',
    owner: 'portal',
    steps: ["Check the app registration's API permissions and redirect URIs."],
  },
  900144: {
    cause: 'The request to Entra is missing a required parameter.',
    fix: "Check the portal's Entra settings (client ID, redirect URI).",
    action: 'fix-configuration',
    owner: 'portal',
    steps: ['Check ENTRA_CLIENT_ID and PORTAL_PUBLIC_URL.'],
  },
  90099: {
    cause: 'The app is not authorized in the customer tenant.',
    fix: 'Run the partner (CPV) consent for this customer.',
    action: 'grant-consent',
    owner: 'partner-center',
    steps: ['Run the partner (CPV) consent for this customer.'],
  },
  // Sources for the entries below: Microsoft's "Microsoft Entra authentication and authorization
  // error codes" (MicrosoftDocs/entra-docs docs/identity-platform/reference-error-codes.md),
  // unless an entry names another.
  // AADSTS500011 InvalidResourceServicePrincipalNotFound: "The resource principal named {name}
  // wasn't found in the tenant named {tenant} ... You might have sent your authentication request
  // to the wrong tenant." Entra sends it as `invalid_resource` (token endpoint body quoted in
  // microsoft/store-submission#18). The resource the portal asks for there is Partner Center's.
  500011: partnerCenterNotInTenant,
  // AADSTS90002 InvalidTenantName: "The tenant name wasn't found in the data store. Check to make
  // sure you have the correct tenant ID. ... Often, this is because a cross-cloud app was used
  // against the wrong cloud".
  90002: {
    title: 'Microsoft does not know this tenant',
    cause:
      "Microsoft Entra found no tenant with the ID the portal used: a tenant ID in the portal's settings is mistyped or belongs to another Microsoft cloud, or the tenant was deleted.",
    fix: 'Check ENTRA_TENANT_ID and ENTRA_SIGN_IN_TENANT against your Directory (tenant) ID, and ENTRA_AUTHORITY_HOST against your cloud, then restart the portal.',
    action: 'fix-configuration',
    owner: 'portal',
    steps: [
      "In the Entra admin center open App registrations, select the portal's app and copy the Directory (tenant) ID from its Overview.",
      'Set ENTRA_TENANT_ID (and ENTRA_SIGN_IN_TENANT, when it names one tenant) to that ID.',
      'Set ENTRA_AUTHORITY_HOST to the sign-in address of the cloud your tenant is in (https://login.microsoftonline.com for the global cloud), then restart the portal.',
    ],
  },
  // AADSTS900023 "Specified tenant identifier '{tenant}' is neither a valid DNS name, nor a valid
  // external domain." Not in the reference table; Microsoft's Azure Identity troubleshooting guide
  // (Azure/azure-sdk-for-js sdk/identity/identity/TROUBLESHOOTING.md, AzurePipelinesCredential):
  // "The Microsoft Entra tenant ID passed to the credential is invalid." Entra sends it as
  // `invalid_request` (MSAL.NET's MsalServiceException in microsoft/aspire#4253). The portal's
  // tenant settings are validated as GUIDs, so the usual cause is a path after the host in
  // ENTRA_AUTHORITY_HOST, which Entra then reads as the tenant (microsoft/Intune-Data-Warehouse#15).
  900023: {
    title: "The tenant in the portal's Entra address is not valid",
    cause:
      "Microsoft Entra refused the tenant in the portal's request: it is neither a tenant ID nor a domain name, usually because ENTRA_AUTHORITY_HOST has a path after the host name.",
    fix: 'Set ENTRA_AUTHORITY_HOST to the host only (https://login.microsoftonline.com) and the tenant ids to your Directory (tenant) ID, then restart the portal.',
    action: 'fix-configuration',
    owner: 'portal',
    steps: [
      'Set ENTRA_AUTHORITY_HOST to the sign-in host only, without a tenant or /oauth2 path (https://login.microsoftonline.com for the global cloud).',
      "Check ENTRA_TENANT_ID and ENTRA_SIGN_IN_TENANT against the Directory (tenant) ID on the Overview of the portal's app registration, then restart the portal.",
    ],
  },
  // AADSTS90008 TokenForItselfRequiresGraphPermission: "The user or administrator hasn't consented
  // to use the application. At the minimum, the application requires access to Microsoft Entra ID
  // by specifying the sign-in and read user profile permission."
  90008: {
    title: "The portal's app registration lacks the sign-in permission",
    cause:
      'The portal\'s app registration does not ask for Microsoft Graph\'s "Sign in and read user profile" permission (User.Read), or nobody has consented to it.',
    fix: 'Add the Microsoft Graph delegated permission User.Read to the app registration, grant consent, then connect again.',
    action: 'fix-configuration',
    owner: 'portal',
    steps: [
      "In the Entra admin center open App registrations, select the portal's app, then API permissions.",
      'Add a permission: Microsoft Graph, Delegated permissions, User.Read; then choose "Grant admin consent".',
      'Connect again from onboarding.',
    ],
  },
  // AADSTS700054: "Response_type 'id_token' isn't enabled for the application. ... Under Implicit
  // grant and hybrid flows, make sure ID tokens is selected." The consent asks for `code id_token`.
  700054: idTokensNotEnabled,
  901002: {
    cause: 'A v1 `resource` parameter was sent to a v2 endpoint.',
    fix: 'Set ENTRA_ENDPOINT_VERSION to match the endpoints used.',
    action: 'fix-configuration',
    owner: 'portal',
    steps: ['Set ENTRA_ENDPOINT_VERSION to match the endpoints used.'],
  },
};
