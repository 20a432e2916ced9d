import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { onboardingError } from './errors';
import { toOnboardingError } from './map-failure';
import type { OnboardingAdmin, OnboardingPorts } from './ports';
import { logOnboardingFailure } from './support';

const disconnectFormSchema = z.object({ confirmTenantId: z.string().trim().max(64) });

/**
 * Disconnects Partner Center for the admin's own tenant: the admin must type the tenant id
 * to confirm; the secret is soft-deleted (recoverable in Key Vault) and cached tokens dropped.
 */
export async function disconnectPartnerCenter(
  form: URLSearchParams | Record<string, string>,
  admin: OnboardingAdmin,
  ports: OnboardingPorts,
): Promise<void> {
  const correlationId = randomUUID();
  try {
    const fields = form instanceof URLSearchParams ? Object.fromEntries(form) : form;
    const parsed = disconnectFormSchema.safeParse(fields);
    if (!parsed.success || parsed.data.confirmTenantId.toLowerCase() !== admin.tid.toLowerCase()) {
      throw onboardingError('confirmation_mismatch');
    }
    await ports.deleteRefreshToken(admin.tid);
    ports.forgetCachedTokens(admin.tid);
  } catch (err) {
    const failure = toOnboardingError(err, correlationId);
    logOnboardingFailure('disconnect', failure);
    throw failure;
  }
}
