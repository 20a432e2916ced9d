import Link from 'next/link';
import { addressedToOwnAdmin, fixedByPartner, partnerWayForFix } from '@/lib/failure/reader';
import { recheckOffered } from '@/lib/health/recheck-offered';
import type { TenantHealth } from '@/lib/health/types';
import { ownerLabel, whoseTenant } from '@/lib/health/whose-words';
import { CheckAgainButton } from './connection-recheck';
import { ProblemBox } from './problem-box';

const problemTone: Record<TenantHealth['status'], string> = {
  healthy: '',
  'expiring-soon': 'border-amber-200 bg-amber-50',
  'needs-reconsent': 'border-red-200 bg-red-50',
  'not-connected': 'border-slate-200 bg-slate-50',
  degraded: 'border-orange-200 bg-orange-50',
};

/**
 * What is wrong with a partner tenant's connection and how to fix it, with the Entra code and
 * correlation id when there are some; the fix's button only for the tenant's own Admins. A
 * platform operator viewing another partner (`viewOnly`) is told whose fix it is: "An admin
 * connects the tenant" read as a task for them, an Admin, though of another partner. Not when
 * the fix is the operator's own (the portal's vault, identity or settings) or Microsoft's: "for
 * this partner's own admins" handed a Key Vault outage to people who cannot reach the vault.
 * (A partner's own report already words the operator's fixes for them: lib/health's scope.)
 * The tenant's own Admins (`canManage`) read the partner's part of the fix as theirs: "One of
 * this partner's admins re-consents" beside their own Re-consent button read as someone else's.
 * On another partner's card "Where the cause is" names that partner's Entra ID or Partner Center
 * account, as its words do (TenantCard: lib/health/whose-words.ts), not "your".
 */
export function TenantProblem({
  tenant,
  problem,
  canManage,
  viewOnly = false,
  runsPortal = false,
}: {
  tenant: TenantHealth;
  problem: NonNullable<TenantHealth['problem']>;
  canManage: boolean;
  viewOnly?: boolean;
  /** The reader is a platform operator: the portal's own side is theirs. */
  runsPortal?: boolean;
}) {
  const offersRecheck = recheckOffered(tenant);
  // An expiring connection is the keep-alive's to renew, but its own Admins renew it at once by
  // re-consenting, whoever's fix the words name (a platform operator's own card).
  // So does the partner's own way around the operator's fix (a stored connection disabled in the
  // vault: a new consent stores an enabled one), which the words give the tenant's own Admin:
  // "or re-consent in onboarding" with no button read as a dead end. Found by the fix's words:
  // the vault's code does not reach the health report (lib/failure/reader.ts).
  const offersConsent =
    problem.action === 're-consent' ||
    problem.action === 'onboard' ||
    problem.action === 'grant-consent' ||
    tenant.status === 'expiring-soon' ||
    partnerWayForFix(problem.fix) !== undefined;
  const shown = canManage ? addressedToOwnAdmin(problem) : problem;
  return (
    <ProblemBox
      words={shown}
      owner={problem.owner}
      ownerLabel={
        problem.owner &&
        ownerLabel(problem.owner, {
          whose: viewOnly ? whoseTenant(tenant) : undefined,
          runsPortal,
        })
      }
      fixLabel={
        viewOnly && fixedByPartner(problem)
          ? "What to do, for this partner's own admins"
          : undefined
      }
      testId="tenant-problem"
      className={`mt-4 ${problemTone[tenant.status]}`}
    >
      <RepeatingFailureCode tenant={tenant} />
      {canManage && (offersRecheck || offersConsent) && (
        <div className="mt-3 space-y-2">
          {/* A block policy, an assignment or a disabled account fixed in the partner's Entra
              ID lets the stored grant work again: asking once more beats a new consent. */}
          {offersRecheck && (
            <p className="text-slate-700">
              Changed this in your Entra ID already? The stored connection may work again without a
              new consent.
            </p>
          )}
          <div className="flex flex-wrap items-center gap-3">
            {offersConsent && (
              <Link
                href="/onboarding"
                // Short enough to keep whole in a narrow card: never "Re-" / "consent".
                className="inline-flex rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold whitespace-nowrap text-white hover:bg-brand-700"
              >
                {tenant.status === 'not-connected' ? 'Connect in onboarding' : 'Re-consent'}
              </Link>
            )}
            {offersRecheck && <CheckAgainButton />}
          </div>
        </div>
      )}
    </ProblemBox>
  );
}

/**
 * The Entra code and correlation id of the tenant's failure, while it repeats: only a failure
 * still repeating explains the problem; a recovered one's code is history, as is a
 * not-connected tenant's (from before a disconnect). A card folded into a shared outage shows it
 * too (tenant-shared-outage.tsx): it is this tenant's own fact.
 */
export function RepeatingFailureCode({ tenant }: { tenant: TenantHealth }) {
  const error = tenant.lastError;
  if (tenant.status === 'not-connected' || tenant.consecutiveFailures === 0 || !error) return null;
  if (!error.aadsts && !error.correlationId) return null;
  return (
    <p className="mt-2 break-words text-xs text-slate-600">
      {error.aadsts ? (
        <>
          Code{' '}
          <span className="font-mono" data-testid="tenant-problem-code">
            AADSTS{error.aadsts}
          </span>
          {error.correlationId ? ' · ' : ''}
        </>
      ) : null}
      {error.correlationId && (
        <>
          Correlation ID <span className="font-mono">{error.correlationId}</span>
        </>
      )}
    </p>
  );
}
