import type { ReactNode } from 'react';
import { canManageTenant } from '@/lib/auth/scope';
import type { PortalUser } from '@/lib/auth/user';
import { notAdmittedIntro, otherPartnersViewOnly, ownAndOthers } from '@/lib/health/own-and-others';
import type { SharedOutage } from '@/lib/health/shared-outage';
import type { TenantHealth } from '@/lib/health/types';
import { TenantCard } from './tenant-card';

/**
 * The report's tenant cards: the reader's own partner tenant first, the one they can act on,
 * then (a platform operator's report) the other partners' tenants, most severe first, under one
 * sentence saying they are view only: a badge on each card said it again per partner, after the
 * heading and the summary had; last, tenants no longer admitted whose tokens are still stored. `notice`: the last "Check again" outcome, above the own card.
 * `outages`: the shared services' trouble the dependencies' rows state, which the cards it
 * alone affects only point to.
 */
export function TenantSections({
  tenants,
  user,
  now,
  notice,
  outages = [],
  runsPortal = false,
}: {
  tenants: readonly TenantHealth[];
  user: PortalUser;
  now: string;
  notice?: ReactNode;
  /** The reader is a platform operator, whose organisation runs the portal (TenantProblem). */
  runsPortal?: boolean;
  outages?: readonly SharedOutage[];
}) {
  const { own, others, notAdmitted } = ownAndOthers(tenants, user.tid);
  const card = (tenant: TenantHealth, viewOnly: boolean) => (
    <TenantCard
      key={tenant.tenantId}
      tenant={tenant}
      now={now}
      canManage={canManageTenant(user, tenant.tenantId)}
      viewOnly={viewOnly}
      runsPortal={runsPortal}
      outages={outages}
    />
  );
  return (
    <>
      <TenantSection id="tenants-heading" title="Your partner tenant">
        {notice}
        {own.map((tenant) => card(tenant, false))}
      </TenantSection>
      {others.length > 0 && (
        <TenantSection
          id="other-tenants-heading"
          title={`Other partner tenants: ${others.length}`}
          intro={otherPartnersViewOnly}
          introTestId="view-only"
        >
          {others.map((tenant) => card(tenant, true))}
        </TenantSection>
      )}
      {notAdmitted.length > 0 && (
        <TenantSection
          id="not-admitted-heading"
          title={`No longer admitted: ${notAdmitted.length}`}
          intro={notAdmittedIntro}
          introTestId="not-admitted-intro"
        >
          {notAdmitted.map((tenant) => card(tenant, true))}
        </TenantSection>
      )}
    </>
  );
}

function TenantSection({
  id,
  title,
  intro,
  introTestId,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  introTestId?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-4">
      <div>
        <h2 id={id} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {intro && (
          <p className="mt-1 text-sm text-slate-600" data-testid={introTestId}>
            {intro}
          </p>
        )}
      </div>
      {children}
    </section>
  );
}
