import type * as failureModule from '@/lib/failure';
// Not '@/lib/failure': the tests mock that module with `translatingAsTold`, which loads this one.
import { PortalFailure } from '@/lib/failure/failure';

/** A failure of the portal's own set-up with the operator's steps, as the catalogue words them. */
export function portalsOwnFailure(correlationId: string): PortalFailure {
  return new PortalFailure({
    code: 'configuration_error',
    title: "The portal's client secret is not valid",
    problem: "Entra refused the portal's client secret.",
    fix: 'Set ENTRA_CLIENT_SECRET to the secret value from the app registration.',
    owner: 'portal',
    steps: [
      "Open the portal's app registration, Certificates & secrets.",
      'Set ENTRA_CLIENT_SECRET to the Value of a current client secret, then restart the portal.',
    ],
    action: 'fix-configuration',
    status: 502,
    correlationId,
  });
}

/** What `toFailure` makes of any failed load while a test runs `translatingTo`. */
const told: { failure: PortalFailure | null } = { failure: null };

/**
 * lib/failure with its `toFailure` answering the failure a test names (`translatingTo`), for
 * a failure no real error translates to:
 * `vi.mock('@/lib/failure', async (original) => (await import('./failures.test-support')).translatingAsTold(await original()))`.
 */
export function translatingAsTold(actual: typeof failureModule): typeof failureModule {
  return {
    ...actual,
    toFailure: (err, context) => told.failure ?? actual.toFailure(err, context),
  };
}

/** Runs `run` with every failed load translated to `failure`. */
export async function translatingTo<T>(failure: PortalFailure, run: () => Promise<T>): Promise<T> {
  told.failure = failure;
  try {
    return await run();
  } finally {
    told.failure = null;
  }
}
