/**
 * A gate that lets at most `limit` pieces of work run at once; the others wait their turn, first
 * come first served. Each call answers with its own work's result (or failure), so callers keep
 * `Promise.all` and its order; only how many are in flight changes.
 */
export function concurrencyLimit(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be an integer >= 1');
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running < limit) running++;
    // The one that finishes hands its place over directly: `running` stays as it is.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
