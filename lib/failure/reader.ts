import type { FailureOwner } from '@/lib/entra/catalogue';
import { operatorOnlyFixes } from './catalogue/readers';

/**
 * Who reads a failure. `operator`: the portal's platform operators (the home tenant's Ops and
 * Admin users, lib/auth's `isPlatformOperator`), and monitors: they run the portal and fix its
 * configuration. `partner`: a partner tenant's users, who can act on their own tenant only.
 */
export type FailureReader = 'operator' | 'partner';

/** The part of a failure's words that says what to do, whatever holds them (catalogue, view, advice). */
export interface FixWords {
  fix?: string;
  owner?: FailureOwner;
  steps?: string[];
  action: string;
  /** Absent: a `retry` or `wait` action counts as passing. */
  transient?: boolean;
}

/** Actions a partner's own user takes (a button on their pages), whoever's setting caused it. */
const partnerActions: ReadonlySet<string> = new Set([
  're-consent',
  'grant-consent',
  'sign-in-again',
  'onboard',
]);

/**
 * The words as `reader` may act on them. A fix only the portal's operator can make (`owner:
 * 'portal'`) reaches a partner as that, with whether it may pass and who asks again
 * (`portalRetries`: the portal does, as behind the health report; else the reader does, as
 * after a failed consent), never as the operator's steps. Where the partner's own action is the
 * fix (a re-consent after the portal let a grant lapse) they keep its one line, without the
 * operator's steps. Everything else, and every word for the operator, is returned as it is.
 */
export function fixFor<T extends FixWords>(
  words: T,
  reader: FailureReader,
  { portalRetries = false }: { portalRetries?: boolean } = {},
): T {
  if (reader === 'operator' || words.owner !== 'portal') return words;
  const { steps: _operatorSteps, ...rest } = words;
  if (partnerActions.has(words.action)) return rest as T;
  const passing = words.transient ?? (words.action === 'retry' || words.action === 'wait');
  const length = passing ? 'passing' : 'lasting';
  const then = portalRetries ? operatorOnlyFixes.portalRetries : operatorOnlyFixes.readerRetries;
  return { ...rest, fix: `${operatorOnlyFixes[length]}${then[length]}` } as T;
}

/**
 * Whether the fix is a partner's own to make (their consent, their tenant's or account's
 * settings), not the portal operator's (`owner: 'portal'`) or Microsoft's to restore: a platform
 * operator viewing another partner is told "for this partner's own admins" only then.
 */
export function fixedByPartner(words: Pick<FixWords, 'owner' | 'action'>): boolean {
  return (
    partnerActions.has(words.action) || (words.owner !== 'portal' && words.owner !== 'microsoft')
  );
}

/** The reader of a signed-in user's pages: their view scope (lib/auth's `viewScopeFor`) says it. */
export function readerOfScope(scope: { kind: 'all' } | { kind: 'tenant' }): FailureReader {
  return scope.kind === 'all' ? 'operator' : 'partner';
}
