import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { disconnectConfirmationWord } from './confirmation';
import type { OnboardingAdmin, OnboardingPorts } from './ports';
import { logOnboardingFailure } from './support';
import { onboardingFailure, toFailure } from '@/lib/failure';
import { VaultError } from '@/lib/vault/errors';

const disconnectFormSchema = z.object({ confirm: z.string().trim().max(64) });

/**
 * Disconnects Partner Center for the admin's own tenant: the admin must type "disconnect"
 * to confirm; the secret is soft-deleted (recoverable in Key Vault) and cached tokens dropped.
 * A tenant already disconnected (a second submit) is done, not a failure.
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
    if (!parsed.success || parsed.data.confirm.toLowerCase() !== disconnectConfirmationWord) {
      throw onboardingFailure('confirmation_mismatch');
    }
    try {
      await ports.deleteRefreshToken(admin.tid);
    } catch (err) {
      // Key Vault answers 404 to deleting a secret already soft-deleted (a second submit,
      // another tab): the tenant is disconnected, as asked.
      if (!(err instanceof VaultError && err.code === 'vault_not_found')) throw err;
    }
    ports.invalidate(admin.tid);
  } catch (err) {
    const failure = toFailure(err, { for: 'onboarding', correlationId });
    logOnboardingFailure('disconnect', failure);
    throw failure;
  }
}
