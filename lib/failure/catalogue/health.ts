import type { FailureWords } from '../failure';

/**
 * What the health probes report when a dependency does not answer as it should. Probes
 * measure, so the status says how the dependency failed: 429 = busy (degraded), 401/403 =
 * refused this tenant (degraded), 5xx = down; the probes turn it into the dependency state.
 */
export const healthEntries = {
  'entra.timeout': {
    problem: 'Entra did not answer in time.',
    action: 'retry',
    status: 504,
    transient: true,
  },
  'entra.network': {
    problem: 'Entra could not be reached.',
    action: 'retry',
    status: 502,
    transient: true,
  },
  'entra.discovery_malformed': {
    problem: 'Entra discovery returned an unreadable document.',
    action: 'fix-configuration',
    status: 502,
  },
  'partner-center.token_unavailable': {
    problem:
      "No access token could be had just now to probe Partner Center with; the tenant's card says why.",
    action: 'none',
    status: 503,
  },
} satisfies Record<string, FailureWords>;
