import 'server-only';
import { randomUUID } from 'node:crypto';
import { liveCheck, type ConsentOutcome } from './consent-flow';
import { toOnboardingError } from './map-failure';
import type { OnboardingFailure } from './errors';
import type { OnboardingPorts } from './ports';

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
  | { state: 'unknown'; secretName: string; failure: OnboardingFailure };

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
  try {
    versions = await ports.listRefreshTokenVersions(tenantId);
  } catch (err) {
    const failure = toOnboardingError(err, randomUUID());
    if (failure.code === 'vault_not_found') return { state: 'not-connected', secretName };
    return { state: 'unknown', secretName, failure: failure.toFailure() };
  }
  const enabled = versions.filter((v) => v.enabled);
  if (enabled.length === 0) return { state: 'not-connected', secretName };
  const history: VersionView[] = versions.map((v, index) => ({
    version: v.version,
    createdAt: v.createdAt ? v.createdAt.toISOString() : null,
    mintedBy: v.mintedBy ?? null,
    mfa: v.mfa ?? null,
    purpose: v.purpose ?? null,
    current: index === 0,
  }));
  const check = options.withLiveCheck ? await liveCheck(tenantId, ports, randomUUID()) : null;
  return { state: 'connected', secretName, current: history[0]!, history, liveCheck: check };
}
