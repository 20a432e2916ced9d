import { PartnerTenantById } from '@/components/ui/partner-tenant-by-id';
import { partnerLabel } from '@/lib/partner-name/cache';
import { foldedInto, type SharedOutage } from '@/lib/health/shared-outage';
import type { TenantHealth } from '@/lib/health/types';
import { inOtherPartnersWords } from '@/lib/health/whose-words';
import { tenantCardId } from './anchors';
import { TenantStatusBadge } from './status-badge';
import { TenantFacts } from './tenant-facts';
import { TenantProblem } from './tenant-problem';
import { TenantSharedOutage } from './tenant-shared-outage';

/**
 * One partner tenant: status, the refresh token's facts, the problem with its fix. The fix
 * button shows only to the tenant's own Admins (`canManage`); a platform operator looking at
 * another partner (`viewOnly`) is told whose fix it is (TenantProblem). That such cards are view
 * only is said once, above them (tenant-sections.tsx), not on each. A problem that is a shared
 * service's trouble, stated in that service's row (`outages`), is one line pointing there.
 * Another partner's card (`viewOnly`) says whose Entra ID or Partner Center account its words
 * mean ("in Fabrikam's Entra ID"): "your" named the operator's (lib/health/whose-words.ts). Its
 * own partner's card, and the operator's own tenant's, keep "your".
 */
export function TenantCard({
  tenant,
  now,
  canManage,
  viewOnly,
  runsPortal = false,
  outages = [],
}: {
  tenant: TenantHealth;
  now: string;
  canManage: boolean;
  viewOnly: boolean;
  /** The reader is a platform operator (TenantProblem). */
  runsPortal?: boolean;
  /** The shared services' trouble the page states in their rows (lib/health/shared-outage.ts). */
  outages?: readonly SharedOutage[];
}) {
  const shown = viewOnly ? inOtherPartnersWords(tenant) : tenant;
  const outage = foldedInto(shown.problem, outages);
  const neverConnected = tenant.status === 'not-connected' && tenant.grant === null;
  const unnamed = tenant.displayName === partnerLabel(tenant.tenantId, null);
  return (
    <article
      // Partner Center's row links here when this card states its refusal (dependencies-panel.tsx).
      id={tenantCardId(tenant.tenantId)}
      data-testid="tenant-card"
      data-tenant-id={tenant.tenantId}
      data-status={tenant.status}
      data-manageable={String(canManage)}
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          {unnamed ? (
            // No name known (mostly a tenant not connected yet). The id stays inside the heading,
            // the card's only name when read out, on the line under the words as on a named card.
            <h3 className="text-lg font-semibold text-slate-900">
              <PartnerTenantById tenantId={tenant.tenantId} idOnOwnLine />
            </h3>
          ) : (
            <>
              <h3 className="text-lg font-semibold wrap-anywhere text-slate-900">
                {tenant.displayName}
              </h3>
              <p className="font-mono text-xs wrap-anywhere text-slate-500">{tenant.tenantId}</p>
            </>
          )}
        </div>
        <TenantStatusBadge status={tenant.status} />
      </header>

      {outage ? (
        <TenantSharedOutage tenant={shown} outage={outage} canManage={canManage} />
      ) : (
        shown.problem && (
          <TenantProblem
            tenant={shown}
            problem={shown.problem}
            canManage={canManage}
            viewOnly={viewOnly}
            runsPortal={runsPortal}
          />
        )
      )}

      {/* Never connected: no grant, token or failure to show (nothing could fail), only the problem above. */}
      {!neverConnected && <TenantFacts tenant={shown} now={now} />}
    </article>
  );
}
