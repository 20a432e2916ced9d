import type { FailureWords } from '../failure';

/**
 * Who may read what: refusals of the health report (the monitor's bearer token or an Ops or
 * Admin session). The code on the wire is the part after the dot.
 */
export const accessEntries = {
  'health.bearer_not_monitor_token': {
    problem: 'The bearer token is not the configured monitor token.',
    action: 'none',
    status: 401,
  },
  'health.no_credentials': {
    problem: 'Sign in as Ops or Admin, or present the monitor bearer token.',
    action: 'sign-in-again',
    status: 401,
  },
  'health.role_not_allowed': {
    problem: 'Only Ops and Admin may read the health report.',
    action: 'none',
    status: 403,
  },
} satisfies Record<string, FailureWords>;

/** The wire code of each access entry (what API callers have always received). */
export const accessCodes: Record<keyof typeof accessEntries, string> = {
  'health.bearer_not_monitor_token': 'unauthenticated',
  'health.no_credentials': 'unauthenticated',
  'health.role_not_allowed': 'forbidden',
};

export type AccessRefusal = keyof typeof accessEntries;
