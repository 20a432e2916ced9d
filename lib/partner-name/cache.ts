/**
 * Partner display names (Partner Center's organization profile `companyName`) cached per
 * tenant: the header and the cards ask on every page, Partner Center is asked at most once
 * per `ttlMs` (a failed or skipped look-up is remembered for `failureTtlMs`, so a partner
 * that is not connected costs nothing per page). Concurrent callers share one look-up. A
 * look-up that fails keeps the name known before it, or, on an instance that knew none yet,
 * takes `whenLookupFails`'s: a company's name does not go away with a slow Partner Center,
 * and the header would otherwise flip to the sign-in domain for a while.
 */
export interface PartnerNameCacheOptions {
  /** The name, or null when there is none to show (not connected, refused, blank). May throw. */
  lookup(tenantId: string): Promise<string | null>;
  /**
   * A name to show when `lookup` throws and none is known here (another instance's, kept in the
   * database); asked no more often than a failed look-up is retried. May throw: then none.
   */
  whenLookupFails?(tenantId: string): Promise<string | null>;
  now: () => number;
  ttlMs: number;
  failureTtlMs: number;
}

export interface PartnerNameCache {
  get(tenantId: string): Promise<string | null>;
  /** The name last looked up, however old, without asking Partner Center; null when none. */
  peek(tenantId: string): string | null;
  /**
   * Takes a name learned elsewhere (another instance, through the database) when none is known
   * here; `get` still asks Partner Center when its time comes.
   */
  seed(tenantId: string, name: string): void;
  /** Drops a tenant's entry (after consent or disconnect the name may appear or go). */
  forget(tenantId: string): void;
}

interface Entry {
  name: string | null;
  until: number;
}

export function createPartnerNameCache(options: PartnerNameCacheOptions): PartnerNameCache {
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<string | null>>();

  async function load(key: string, tenantId: string): Promise<string | null> {
    let name: string | null = null;
    let failed = false;
    try {
      name = cleanName(await options.lookup(tenantId));
    } catch {
      failed = true;
    }
    let shown = failed ? (entries.get(key)?.name ?? null) : name;
    if (failed && !shown && options.whenLookupFails)
      shown = cleanName(await options.whenLookupFails(tenantId).catch(() => null));
    entries.set(key, {
      name: shown,
      until: options.now() + (name ? options.ttlMs : options.failureTtlMs),
    });
    return shown;
  }

  return {
    get(tenantId) {
      const key = tenantId.toLowerCase();
      const entry = entries.get(key);
      if (entry && options.now() < entry.until) return Promise.resolve(entry.name);
      let pending = inFlight.get(key);
      if (!pending) {
        pending = load(key, tenantId).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
    peek(tenantId) {
      return entries.get(tenantId.toLowerCase())?.name ?? null;
    },
    seed(tenantId, name) {
      const key = tenantId.toLowerCase();
      const entry = entries.get(key);
      if (!entry?.name) entries.set(key, { name: cleanName(name), until: entry?.until ?? 0 });
    },
    forget(tenantId) {
      entries.delete(tenantId.toLowerCase());
    },
  };
}

/** Trimmed and at most 120 characters; blank is no name. */
function cleanName(name: string | null | undefined): string | null {
  const trimmed = name?.trim().replace(/\s+/g, ' ') ?? '';
  return trimmed ? trimmed.slice(0, 120) : null;
}

/** What to call a partner tenant: its name, else its id (never a shortened id that looks like a name). */
export function partnerLabel(tenantId: string, name: string | null): string {
  return name ?? `Tenant ${tenantId}`;
}

/**
 * How pages name a tenant known by its id only, as /health's cards do (components/ui's
 * PartnerTenantById shows it). `partnerLabel`'s `Tenant <id>` stays `/api/health`'s display name.
 */
export function partnerTenantById(tenantId: string): string {
  return `Partner tenant ${tenantId}`;
}
