import type { SecretClient } from '@azure/keyvault-secrets';

/**
 * Soft-deletes the secret `name`: done once Key Vault answered the DELETE with success. The
 * SDK's delete poller, once the DELETE is answered, at once asks for the deleted secret
 * (GET /deletedsecrets/{name}; @azure/keyvault-secrets 4.11, lro/delete/operation.js) and throws
 * when that answers 429 or 5xx, though the secret is deleted. That failure comes back as
 * `followUpFailure` (a throttling wait in it still counts for the caller); only the DELETE's own
 * failure is thrown.
 */
export async function softDeleteSecret(
  client: Pick<SecretClient, 'beginDeleteSecret'>,
  name: string,
  options: { abortSignal?: AbortSignal } = {},
): Promise<{ followUpFailure?: unknown }> {
  let deleted = false;
  try {
    await client.beginDeleteSecret(name, {
      ...options,
      // Given each request's last answer, after the SDK's retries: the DELETE's and the GET's.
      // 200 is the answer the SDK takes as the DELETE done.
      onResponse: (raw) => {
        if (raw.request.method === 'DELETE' && raw.status === 200) deleted = true;
      },
    });
    return {};
  } catch (err) {
    if (!deleted) throw err;
    return { followUpFailure: err };
  }
}
