import 'server-only';

/**
 * Per tenant, work that must not overlap, run one piece at a time in arrival order: in this
 * process, a rotation's version check and write in Key Vault on one side, a consent's save
 * or a disconnect's delete on the other (service.ts). A promise chain per tenant: a piece
 * starts when the one before it settles, a failed piece does not stop the next. A piece must
 * never wait for a later piece of the same tenant; the ones queued here are single Key Vault
 * calls, each with its deadline (lib/vault/store.ts), so a wait in the queue is bounded too.
 */
export function createTenantQueue() {
  /** Per tenant with work queued: when its last piece settles (never rejects). */
  const tails = new Map<string, Promise<void>>();
  return {
    run<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
      const result = (tails.get(tenantId) ?? Promise.resolve()).then(work);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(tenantId, tail);
      // Only tenants with work queued stay in the map.
      void tail.then(() => {
        if (tails.get(tenantId) === tail) tails.delete(tenantId);
      });
      return result;
    },
  };
}

export type TenantQueue = ReturnType<typeof createTenantQueue>;
