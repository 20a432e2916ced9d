/**
 * A gate shared by several owners' work: at most `limit` pieces run at once, and at most one of
 * any one owner. Each place that frees goes to the owner next in turn (round robin, in the order
 * the owners came to wait), so an owner with much slow work holds one place while the others
 * go on, whoever queued first. An owner's own work goes by `rank`, lowest first (equal ranks in
 * the order they came). Each call answers with its own work's result (or failure), so callers
 * keep `Promise.all` and its order; only when each starts changes.
 */
export type FairLimit = <T>(owner: unknown, work: () => Promise<T>, rank?: number) => Promise<T>;

export function fairLimit(limit: number): FairLimit {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be an integer >= 1');
  const running = new Set<unknown>();
  /** Each owner's work that waits, in the order it goes. */
  const waiting = new Map<unknown, Array<{ rank: number; go: () => void }>>();
  /** The owners that wait with nothing running, in turn: the next place goes to the first. */
  const turn: unknown[] = [];

  const start = () => {
    while (running.size < limit && turn.length > 0) {
      const owner = turn.shift();
      const queue = waiting.get(owner)!;
      const next = queue.shift()!;
      if (queue.length === 0) waiting.delete(owner);
      running.add(owner);
      next.go();
    }
  };

  return async <T>(owner: unknown, work: () => Promise<T>, rank = 0): Promise<T> => {
    if (!running.has(owner) && !waiting.has(owner) && running.size < limit) running.add(owner);
    else
      await new Promise<void>((go) => {
        let queue = waiting.get(owner);
        if (!queue) {
          waiting.set(owner, (queue = []));
          // An owner that runs something takes its turn once that ends (below).
          if (!running.has(owner)) turn.push(owner);
        }
        const at = queue.findIndex((w) => w.rank > rank);
        queue.splice(at === -1 ? queue.length : at, 0, { rank, go });
      });
    try {
      return await work();
    } finally {
      running.delete(owner);
      // Its next piece waits behind the owners already waiting: one place each, in turn.
      if (waiting.has(owner)) turn.push(owner);
      start();
    }
  };
}
