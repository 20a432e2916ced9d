import type { ProbeOutcome } from './probe-cache';

/**
 * The database entry of the health report, told which shared guards (rate limits, onboarding
 * outcomes, probe history, leases) this instance is running on its own memory: while the
 * database is down, the limits count per instance and keep-alive may run on each of them.
 */
export function withLocalGuards(outcome: ProbeOutcome, guards: readonly string[]): ProbeOutcome {
  if (outcome.state !== 'down' || guards.length === 0 || !outcome.error) return outcome;
  const { message, partnerMessage } = outcome.error;
  const told = (words: string) =>
    `${words} Until it answers, this instance keeps in its own memory what the instances share: ${guards.join(', ')}.`;
  return {
    ...outcome,
    error: {
      ...outcome.error,
      message: told(message),
      ...(partnerMessage !== undefined ? { partnerMessage: told(partnerMessage) } : {}),
    },
  };
}
