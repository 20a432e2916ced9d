import { z } from 'zod';
import type { PortalConfig } from '@/lib/config';
import { ago } from '@/lib/format/ago';
import { safeReturnPath } from './return-path';

/**
 * Actions that need a recent sign-in. Roles are written into the session at sign-in and never
 * read again (an Admin removed in Entra keeps the role until the session ends, up to
 * SESSION_MAX_HOURS), so the actions whose harm outlasts the session ask for a sign-in at most
 * SESSION_RECENT_SIGN_IN_SECONDS old; signing in again reads the roles from Entra afresh
 * (and, with `prompt=login`, asks for the password and MFA again). "Old" is counted from when
 * Entra last took the credentials when its id_token says so (`auth_time`: a browser that drops
 * `prompt=login` gets single sign-on, not a fresh sign-in; session-lifetime.ts,
 * `credentialsTimeMs`), else from the sign-in itself. Disconnecting cuts every
 * colleague off Partner Center until an Admin consents again; adding a target sends the
 * partner's alerts somewhere new, and removing or turning one off silences them.
 * Consent needs no such check: it signs in through Entra itself and reads the role from that
 * sign-in's token (lib/onboarding).
 */
export const sensitiveActions = ['disconnect', 'alert-targets'] as const;
export type SensitiveAction = (typeof sensitiveActions)[number];
export const sensitiveActionSchema = z.enum(sensitiveActions);

/** Where each action's page is, to come back to after signing in again. */
export const sensitiveActionPages: Record<SensitiveAction, string> = {
  disconnect: '/onboarding/result?step=disconnect#disconnect',
  'alert-targets': '/settings/alerts',
};

const actionWords: Record<SensitiveAction, string> = {
  disconnect: 'Disconnecting Partner Center',
  'alert-targets': 'Changing alert targets',
};

type RecentSignInConfig = Pick<PortalConfig, 'session'>;

/**
 * Whether a session whose credentials Entra took at `credentialsAtMs` may take a sensitive action
 * at `nowMs`. A sign-in "in the future" beyond the session check's own tolerance never gets here
 * (sessions.ts).
 */
export function isRecentSignIn(
  credentialsAtMs: number,
  nowMs: number,
  config: RecentSignInConfig,
): boolean {
  return nowMs - credentialsAtMs < config.session.recentSignInSeconds * 1000;
}

/** The sign-in page asking to confirm it is you, then back to `returnTo` (made safe). */
export function confirmSignInAddress(
  action: SensitiveAction,
  returnTo: string,
  config: Pick<PortalConfig, 'publicUrl'>,
): string {
  const address = new URLSearchParams({
    callbackUrl: safeReturnPath(returnTo, config.publicUrl),
    confirm: action,
  });
  return `/auth/sign-in?${address}`;
}

/** "15 minutes", "1 hour", "90 seconds": the window in the configuration's own units. */
export function recentSignInWindow(config: RecentSignInConfig): string {
  const seconds = config.session.recentSignInSeconds;
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}

/** "2 h ago", "14 min ago", "40 seconds ago", "just now": windows may be shorter than a minute. */
function signedInAgo(atMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - atMs) / 1000));
  // A single sign-on sign-in the page renders at once: "your sign-in 0 seconds ago".
  if (seconds === 0) return 'just now';
  if (seconds === 1) return '1 second ago';
  return seconds < 60 ? `${seconds} seconds ago` : ago(atMs, nowMs);
}

/** "Disconnecting Partner Center needs a sign-in within the last 15 minutes" */
function needsRecentSignIn(action: SensitiveAction, config: RecentSignInConfig): string {
  return `${actionWords[action]} needs a sign-in within the last ${recentSignInWindow(config)}`;
}

/**
 * Whether the session began well after Entra last took the credentials it rests on: Entra
 * signed the person in without asking for them (single sign-on: `prompt=login` dropped or
 * ignored), which the words must say, or signing in again looks like a loop. "Well after": by
 * more than a minute, or half the window when that is shorter, since a sign-in with the
 * credentials starts its session a moment (the MFA prompt, the code exchange) after Entra took
 * them.
 */
function signedInWithoutCredentials(
  credentialsAtMs: number,
  sessionStartedAtMs: number,
  config: RecentSignInConfig,
): boolean {
  const margin = Math.min(60_000, (config.session.recentSignInSeconds * 1000) / 2);
  return sessionStartedAtMs - credentialsAtMs > margin;
}

/**
 * The sign-in page's explanation of why it asks an already signed-in person to sign in.
 * `credentialsAtMs`: when Entra last took their credentials; `sessionStartedAtMs`: when the
 * session began.
 */
export function confirmSignInWords(
  action: SensitiveAction,
  credentialsAtMs: number,
  nowMs: number,
  config: RecentSignInConfig,
  sessionStartedAtMs = credentialsAtMs,
): string {
  if (signedInWithoutCredentials(credentialsAtMs, sessionStartedAtMs, config))
    return `${needsRecentSignIn(action, config)}, and Microsoft last checked it was you ${signedInAgo(credentialsAtMs, nowMs)}: your sign-in ${signedInAgo(sessionStartedAtMs, nowMs)} went through without asking again (single sign-on). Sign in again, with your credentials, to confirm it is you: nothing has been changed yet.`;
  return `${needsRecentSignIn(action, config)}, and yours was ${signedInAgo(credentialsAtMs, nowMs)}. Sign in again to confirm it is you: nothing has been changed yet.`;
}

/** What a page says beside the action while the sign-in is no longer recent. */
export function signInAgainWords(
  action: SensitiveAction,
  credentialsAtMs: number,
  nowMs: number,
  config: RecentSignInConfig,
  sessionStartedAtMs = credentialsAtMs,
): string {
  if (signedInWithoutCredentials(credentialsAtMs, sessionStartedAtMs, config))
    return `${needsRecentSignIn(action, config)}; Microsoft last checked it was you ${signedInAgo(credentialsAtMs, nowMs)} (your sign-in ${signedInAgo(sessionStartedAtMs, nowMs)} went through without asking again), so you will be asked to sign in again first.`;
  return `${needsRecentSignIn(action, config)}; you signed in ${signedInAgo(credentialsAtMs, nowMs)}, so you will be asked to sign in again first.`;
}
