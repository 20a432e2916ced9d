import 'server-only';

/**
 * Consent cookies already presented to the callback, remembered until they would expire
 * anyway, so a copied or replayed cookie is refused even though the browser's copy was
 * cleared. Kept on globalThis: Next may load this module more than once per process.
 * (Single process only; a multi-instance deployment needs a shared store here.)
 */
const registry = globalThis as typeof globalThis & { __consentUsedJtis?: Map<string, number> };
const usedJtis: Map<string, number> = (registry.__consentUsedJtis ??= new Map());

/** Records `jti` as used; returns false when it was used before (a replay). */
export function burnConsentJti(jti: string, expiresAtMs: number, nowMs = Date.now()): boolean {
  for (const [key, expiry] of usedJtis) if (expiry <= nowMs) usedJtis.delete(key);
  if (usedJtis.has(jti)) return false;
  usedJtis.set(jti, expiresAtMs);
  return true;
}
