import 'server-only';
import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { NextResponse } from 'next/server';
import { cache } from 'react';
import { getConfig } from '@/lib/config';
import { safeReturnPath } from './return-path';
import type { PortalRole } from './roles';
import { sessionEndReason } from './session-end';
import { readSessionStanding, type SessionStanding } from './session-read';
import { defaultSessionRegistry } from './sessions';
import type { PortalUser } from './user';

/** Header the proxy sets with the requested path, so pages can send people back after sign-in. */
export const requestPathHeader = 'x-portal-path';

/**
 * The request's session, read and validated on the server once per render: the layout and the
 * page both ask, and each read decrypts the session JWT and checks the session registry
 * (bench/profile.ts showed it twice per page).
 */
const currentSession = cache(async (): Promise<SessionStanding> =>
  readSessionStanding(await cookies(), getConfig(), defaultSessionRegistry()),
);

/** The signed-in user, or null. */
export async function getCurrentUser(): Promise<PortalUser | null> {
  return (await currentSession()).user;
}

/**
 * For pages: the signed-in user, or a redirect to sign-in that returns to `returnTo` and says
 * why a session that was refused has ended (lib/auth/session-end.ts).
 */
export async function requireUser(returnTo?: string): Promise<PortalUser> {
  const { user, ended } = await currentSession();
  if (user) return user;
  const path = safeReturnPath(
    returnTo ?? (await headers()).get(requestPathHeader),
    getConfig().publicUrl,
  );
  const signIn = new URLSearchParams({ callbackUrl: path });
  const reason = sessionEndReason(ended);
  if (reason) signIn.set('ended', reason);
  redirect(`/auth/sign-in?${signIn}`);
}

/** For pages: a user holding at least one of `roles`; others get the 403 page. */
export async function requireRole(
  roles: readonly PortalRole[],
  returnTo?: string,
): Promise<PortalUser> {
  const user = await requireUser(returnTo);
  if (!hasAnyRole(user, roles)) forbidden();
  return user;
}

export function hasAnyRole(user: PortalUser, roles: readonly PortalRole[]): boolean {
  return roles.some((role) => user.roles.includes(role));
}

export type ApiAuthResult = { ok: true; user: PortalUser } | { ok: false; response: NextResponse };

/**
 * For route handlers: 401 JSON when signed out, 403 JSON without one of `roles` (none given:
 * any signed-in user). Usage: `const auth = await authorizeApi(['ops']); if (!auth.ok) return auth.response;`
 */
export async function authorizeApi(roles: readonly PortalRole[] = []): Promise<ApiAuthResult> {
  const user = await getCurrentUser();
  if (!user) {
    return {
      ok: false,
      response: NextResponse.json(
        { error: 'unauthenticated', message: 'Sign in to use this endpoint.' },
        { status: 401 },
      ),
    };
  }
  if (roles.length > 0 && !hasAnyRole(user, roles)) {
    return {
      ok: false,
      response: NextResponse.json(
        { error: 'forbidden', message: 'Your role does not allow this.' },
        { status: 403 },
      ),
    };
  }
  return { ok: true, user };
}
