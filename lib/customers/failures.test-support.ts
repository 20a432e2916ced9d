import { PortalFailure } from '@/lib/failure';

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
