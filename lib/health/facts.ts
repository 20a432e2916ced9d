import type { Advice, DependencyName, DependencyState } from './types';

/**
 * What the health module needs to know about one tenant, in epoch milliseconds. The
 * adapters in `sources.ts` fill it from lib/vault and lib/tokens; tests write it by hand.
 */
export interface TenantFacts {
  tenantId: string;
  /** The current refresh-token secret's metadata (never its value); null when none is stored. */
  secret: StoredSecretFacts | null;
  /** The vault could not be read: `secret` is the last one seen, or null if never seen. */
  secretStale: boolean;
  /** The token service's in-memory state; null when it never touched this tenant. */
  token: TokenStateFacts | null;
}

export interface StoredSecretFacts {
  version: string;
  /** When this version was written (consent or rotation). */
  createdAt: number;
  mintedBy: string | null;
  mintedAt: number | null;
  mfa: boolean | null;
}

export interface TokenStateFacts {
  /** The token service's verdict that only a new consent helps. */
  needsReconsent: boolean;
  lastRedemptionAt: number | null;
  accessTokenExpiresAt: number | null;
  nextRefreshAt: number | null;
  consecutiveFailures: number;
  lastError: {
    code: string;
    aadsts: number | null;
    at: number | null;
    correlationId: string | null;
    cause: string;
    fix: string;
    action: Advice['action'];
  } | null;
}

/** The latest probe of each dependency, as far as tenant statuses care. */
export type DependencyVerdicts = Record<
  Exclude<DependencyName, 'database'>,
  { state: DependencyState; code: string | null; message: string | null }
>;
