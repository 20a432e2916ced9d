import 'server-only';

/**
 * The time of Microsoft's cloud, as its services state it in every response's `Date`
 * header. Facts the cloud records (a Key Vault secret's `created` time, and so the days
 * left before the 90-day inactivity limit) must be measured on the cloud's clock, not the
 * host's: a drifting host clock would misreport them, and the local emulator's clock can be
 * advanced by tests. Only skews beyond the header's one-second resolution count.
 */
const minimumSkewMs = 2_000;

/**
 * Two readings of the cloud's clock closer than this cannot be put in order: each may carry
 * the header's one-second truncation (and a skew under `minimumSkewMs` is ignored).
 */
export const cloudReadingsUnorderedMs = minimumSkewMs;

const holder = globalThis as typeof globalThis & { __partnerPortalCloudSkewMs?: number };

/** Records the skew a service's `Date` header shows; ignores absent or unparsable values. */
export function observeServiceDate(
  dateHeader: string | null | undefined,
  localNow: number = Date.now(),
): void {
  if (!dateHeader) return;
  const serviceTime = Date.parse(dateHeader);
  if (Number.isNaN(serviceTime)) return;
  observeCloudTime(serviceTime, localNow);
}

/** Records the skew of a cloud time read at `localNow` (a `Date` header, the emulator's clock). */
export function observeCloudTime(cloudTime: number, localNow: number = Date.now()): void {
  const skew = cloudTime - localNow;
  holder.__partnerPortalCloudSkewMs = Math.abs(skew) >= minimumSkewMs ? skew : 0;
}

/** Milliseconds since the epoch on the cloud's clock (the host's until a service said otherwise). */
export function cloudNow(): number {
  return Date.now() + (holder.__partnerPortalCloudSkewMs ?? 0);
}
