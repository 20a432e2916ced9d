import 'server-only';

/** The OAuth/OIDC protocol against Microsoft Entra ID (v1 and v2), for sign-in and consent. */
export { entraEndpoints, entraEndpointsForTenant, type EntraEndpoints } from './endpoints';
export {
  consentAuthorizationUrl,
  signInAuthorizationParams,
  graphResourceId,
  type ConsentRequest,
} from './authorize';
export {
  redeemAuthorizationCode,
  redeemRefreshToken,
  postTokenRequest,
  type TokenSet,
  type TokenRequestOptions,
  type AuthorizationCodeRedemption,
} from './token-endpoint';
export {
  validateIdToken,
  validateTokenEndpointIdToken,
  hasMfaEvidence,
  codeHash,
  IdTokenError,
  type IdTokenClaims,
  type IdTokenExpectations,
  type TokenEndpointIdTokenExpectations,
} from './id-token';
export { EntraError, entraErrorFromResponse, type EntraErrorDetails } from './errors';
export {
  describeAadsts,
  describeEntraFailure,
  failureOwnerLabels,
  type EntraFailureDescription,
  type FailureOwner,
} from './catalogue';
export { clientAuthenticationFields } from './client-auth';
export { checkAppCredential, type AppCredentialCheck } from './app-credential';
