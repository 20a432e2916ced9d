import 'server-only';
import { randomUUID } from 'node:crypto';
import { liveCheck, type ConsentOutcome } from './consent-flow';
import type { OnboardingPorts } from './ports';
import { failureView, type FailureView, toFailure } from '@/lib/failure';

/** One version of the refresh-token secret as the wizard shows it: who and when, never the value. */
export interface VersionView {
  version: string;
  createdAt: string | null;
  mintedBy: string | null;
  mfa: boolean | null;
  purpose: string | null;
  current: boolean;
}

export type ConnectionStatus =
  | { state: 'not-connected'; secretName: string }
  | {
      state: 'connected';
      secretName: string;
      current: VersionView;
      history: VersionView[];
      liveCheck: ConsentOutcome['liveCheck'] | null;
    }
  | { state: 'unknown'; secretName: string; failure: FailureView };

/**
 * Whether a failed read of the stored connection may pass on a new look: Key Vault's outage or
 * throttling (transient), or a failure whose fix is to try again (an unexpected error). A
 * refusal that lasts (the portal's identity refused, the stored version disabled) does not:
 * its own words and fix say what ends it, and "reload" or "until Key Vault answers" sent an
 * Admin round a loop.
 */
export function readMayPass(failure: Pick<FailureView, 'transient' | 'action'>): boolean {
  return failure.transient === true || failure.action === 'retry';
}

/**
 * What is stored for the tenant (Key Vault version history, no values) and, when asked,
 * whether Partner Center answers with it right now (customer count via the token service).
 */
export async function getConnectionStatus(
  tenantId: string,
  ports: OnboardingPorts,
  options: { withLiveCheck?: boolean } = {},
): Promise<ConnectionStatus> {
  const secretName = ports.secretNameFor(tenantId);
  let versions;
  let currentVersion: string | null;
  try {
    [versions, currentVersion] = await Promise.all([
      ports.listRefreshTokenVersions(tenantId),
      ports.currentRefreshTokenVersion(tenantId),
    ]);
  } catch (err) {
    const failure = toFailure(err, { for: 'onboarding', correlationId: randomUUID() });
    return { state: 'unknown', secretName, failure: failureView(failure) };
  }
  const current = versions.find((v) => v.version === currentVersion && v.enabled);
  if (!current) return { state: 'not-connected', secretName };
  // Current first, then newest first (createdOn ties within a second keep the vault's order).
  const ordered = [current, ...versions.filter((v) => v !== current)];
  const history: VersionView[] = ordered.map((v) => ({
    version: v.version,
    createdAt: v.createdAt ? v.createdAt.toISOString() : null,
    mintedBy: v.mintedBy ?? null,
    mfa: v.mfa ?? null,
    purpose: v.purpose ?? null,
    current: v === current,
  }));
  const check = options.withLiveCheck ? await liveCheck(tenantId, ports, randomUUID()) : null;
  return { state: 'connected', secretName, current: history[0]!, history, liveCheck: check };
}
