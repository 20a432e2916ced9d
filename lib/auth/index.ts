import 'server-only';

export { getAuthOptions, buildAuthOptions } from './options';
export {
  getCurrentUser,
  requireUser,
  requireRole,
  authorizeApi,
  hasAnyRole,
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
