import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { everyTenant, type TenantScope } from '@/lib/auth/scope';
import type { PortalUser } from '@/lib/auth/user';
import { accessFailure, failureResponse } from '@/lib/failure';
import type { AccessRefusal } from '@/lib/failure/catalogue/access';
import { healthHttpStatus } from './http';
import type { HealthReport } from './types';

/** Roles that may read the health report with a session. */
export const healthRoles = ['admin', 'ops'] as const;

export type MonitorTokenCheck = 'absent' | 'valid' | 'invalid';

/**
 * Checks `Authorization: Bearer <token>` against the configured monitor token in constant
 * time (both sides hashed first, so neither length nor content leaks through timing).
 * A bearer header when no monitor token is configured is `invalid`, never a session bypass.
 */
export function checkMonitorToken(
  authorization: string | null,
  expected: string | undefined,
): MonitorTokenCheck {
  if (!authorization) return 'absent';
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  if (!presented || !expected) return 'invalid';
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected)) ? 'valid' : 'invalid';
}

export interface HealthEndpointDeps {
  monitorToken: string | undefined;
  /** The signed-in user from the session cookie, or null. */
  currentUser: () => Promise<PortalUser | null>;
  /** What a signed-in user may see (lib/auth/scope's viewScopeFor); monitors see every tenant. */
  scopeFor: (user: PortalUser) => TenantScope;
  report: (scope: TenantScope) => Promise<HealthReport>;
}

const noStore = { 'cache-control': 'no-store' };

/**
 * `GET /api/health`: a monitor's bearer token (every tenant) or an Ops/Admin session (the
 * tenants of the user's scope); 401 without credentials (or with a wrong token), 403 for
 * other roles; then the report with 200 or 503.
 */
export async function handleHealthRequest(
  request: Request,
  deps: HealthEndpointDeps,
): Promise<Response> {
  const bearer = checkMonitorToken(request.headers.get('authorization'), deps.monitorToken);
  if (bearer === 'invalid') return denied('health.bearer_not_monitor_token');
  let scope: TenantScope = everyTenant;
  if (bearer === 'absent') {
    const user = await deps.currentUser();
    if (!user) return denied('health.no_credentials');
    if (!healthRoles.some((role) => user.roles.includes(role)))
      return denied('health.role_not_allowed');
    scope = deps.scopeFor(user);
  }
  const report = await deps.report(scope);
  return Response.json(report, { status: healthHttpStatus(report), headers: noStore });
}

/** 401 and 403 as lib/failure's JSON answer; a 401 names the Bearer scheme. */
function denied(refusal: AccessRefusal): Response {
  const failure = accessFailure(refusal);
  return failureResponse(
    failure,
    failure.status === 401 ? { 'www-authenticate': 'Bearer realm="health"' } : {},
  );
}
