/** Whole seconds of a wait still to come (rounded up: "1 s" until it has fully passed). */
export function secondsLeft(waitSeconds: number, elapsedMs: number): number {
  return Math.max(0, Math.ceil(waitSeconds - elapsedMs / 1000));
}
