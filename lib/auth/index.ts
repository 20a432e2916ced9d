import 'server-only';

// next-auth's options (the Entra provider, the sign-in audit) are for its route alone
// (sign-in-route.ts imports them): pages read the session without them (session-read.ts).
export {
  getCurrentUser,
  requireUser,
  requireRole,
  authorizeApi,
  hasAnyRole,
  recentSignInRefusal,
  requireRecentSignIn,
  signInAgainNoteWords,
  signInToConfirm,
  signInTimeStated,
  requestPathHeader,
  type ApiAuthResult,
} from './session';
export {
  mapAppRoles,
  navigation,
  navigationFor,
  portalRoles,
  roleLabels,
  type PortalRole,
  type NavigationItem,
} from './roles';
export {
  signInDecision,
  mfaRequiredPath,
  noAccessPath,
  type PortalUser,
  type SignInOutcome,
} from './user';
export { safeReturnPath } from './return-path';
export { admittedTenantIds } from './admission';
export { canManageTenant, everyTenant, inScope, viewScopeFor, type TenantScope } from './scope';
export { providerId, SignInRejected } from './provider';
