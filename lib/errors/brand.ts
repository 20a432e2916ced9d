/**
 * `instanceof` for the portal's error classes that holds across copies of a module.
 *
 * Next bundles `instrumentation-node.ts` (which starts the keep-alive timer) apart from the
 * routes, so a module can be loaded twice in one process. The process-wide singletons (vault
 * store, token service) live on `globalThis` and are created by whichever copy runs first; an
 * error they throw then belongs to the other copy's class, and a plain `instanceof` in a page
 * misses it ("Something unexpected" instead of the real Key Vault cause). A brand registered
 * with `Symbol.for` is the same in every copy, so the check compares brands instead.
 */
export function errorBrand(className: string): {
  readonly symbol: symbol;
  readonly has: (value: unknown) => boolean;
} {
  const symbol = Symbol.for(`partner-portal.${className}`);
  const has = (value: unknown) =>
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[symbol] === true;
  return { symbol, has };
}
