import { randomBytes } from 'node:crypto';
import type { EmulatorRequest } from '../core/http';
import type { Authentication } from './store';

/**
 * Entra's browser session: single sign-on. "Microsoft Entra ID enables SSO by setting a session
 * cookie when a user authenticates the first time" (MicrosoftDocs/entra-docs
 * `docs/identity-platform/msal-js-sso.md`); the cookie is `ESTSAUTH`, "Contains user's session
 * information to facilitate SSO. Transient." (`concept-authentication-web-browser-cookies.md`,
 * the session cookie of the two; `ESTSAUTHPERSISTENT`, "Stay signed in?", is not emulated).
 * A later authorize request from that browser signs the user in without the sign-in pages,
 * unless it says `prompt=login`, which "forces the user to enter their credentials on that
 * request, negating single-sign on" (`v2-oauth2-auth-code-flow.md`, `prompt`); `prompt=none`
 * is then answered silently. No one authenticated again, so the tokens carry the session's
 * sign-in: its `auth_time`, `amr` and `sid`.
 */
export const browserSessionCookie = 'ESTSAUTH';

/** Twenty-four hours: the emulator's bound on a session nobody closes (UNCONFIRMED). */
const sessionLifetimeMs = 24 * 3600 * 1000;

interface BrowserSession {
  auth: Authentication;
  expiresMs: number;
}

/** The emulator's browser sessions, by the random id their cookie carries. */
export class BrowserSessions {
  private readonly sessions = new Map<string, BrowserSession>();

  /** Opens a session for a finished sign-in; returns the `Set-Cookie` header value. */
  open(auth: Authentication, nowMs: number): string {
    for (const [id, session] of this.sessions)
      if (session.expiresMs <= nowMs) this.sessions.delete(id);
    const id = randomBytes(24).toString('base64url');
    this.sessions.set(id, { auth, expiresMs: nowMs + sessionLifetimeMs });
    return `${browserSessionCookie}=${id}; Path=/; Secure; HttpOnly; SameSite=None`;
  }

  /** The sign-in behind the request's session cookie, if it has a live one. */
  find(req: Pick<EmulatorRequest, 'headers'>, nowMs: number): Authentication | null {
    const id = cookieValue(req.headers.cookie, browserSessionCookie);
    const session = id ? this.sessions.get(id) : undefined;
    if (!session || session.expiresMs <= nowMs) return null;
    return session.auth;
  }

  clear(): void {
    this.sessions.clear();
  }
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}
