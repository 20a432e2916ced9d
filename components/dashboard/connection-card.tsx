import { TenantStatusBadge } from '@/components/health/status-badge';
import { When } from '@/components/health/fact';
import { BreakableProse } from '@/components/ui/breakable';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { WholeWords } from '@/components/ui/whole-words';
import { daysLeftText, type NextStep } from '@/lib/dashboard/attention';
import type { TenantHealth } from '@/lib/health/types';
import type { OwnPartnerLabel } from '@/lib/partner-name/own-partner';

/**
 * The viewer's partner tenant: state, for Admin and Ops the inactivity limit (days left while
 * it counts) and when the refresh token was stored, and the next step as the primary button. A
 * sales agent cannot act on token facts: their card says what they can use and who can fix it
 * (the step's reason). Without a stored connection there are no token facts to give:
 * "Inactivity limit: Not connected" and "Refresh token stored: Never" only repeated the badge
 * and the reason. Nor does a healthy card repeat its "Healthy" badge ("Partner Center is
 * connected."): its reason says who connected it and when (nextStepFor).
 */
export function ConnectionCard({
  tenant,
  partner,
  now,
  step,
  tokenFacts,
}: {
  tenant: TenantHealth | null;
  partner: OwnPartnerLabel;
  now: string;
  step: NextStep;
  /** Show the inactivity limit and last refresh (lib/dashboard/attention.ts, readsTokenFacts). */
  tokenFacts: boolean;
}) {
  return (
    <Card testId="connection-card" titleId="connection-heading">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <h2 id="connection-heading" className="text-base font-semibold text-slate-900">
            Partner Center connection
          </h2>
          <p className="text-sm wrap-anywhere text-slate-600" data-testid="connection-partner">
            {partner.label}
          </p>
          {partner.tenantId && (
            <p
              className="font-mono text-xs wrap-anywhere text-slate-500"
              data-testid="connection-tenant-id"
            >
              Tenant ID {partner.tenantId}
            </p>
          )}
        </div>
        <TenantStatusBadge status={tenant?.status ?? 'not-connected'} />
      </div>
      {tokenFacts && tenant && tenant.status !== 'not-connected' && (
        <TokenFacts tenant={tenant} now={now} />
      )}
      <div className="mt-5 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
        {/* A healthy connection's reason is who connected it and when, an address that wraps
            where addresses do; none when neither is known, rather than the badge's words. */}
        {step.reason && (
          <p
            className="min-w-0 flex-[1_1_14rem] text-sm wrap-anywhere text-slate-600"
            data-testid="next-step-reason"
          >
            <BreakableProse text={step.reason} />
          </p>
        )}
        {/* "Re-consent Partner Center", "Ask a partner admin to re-consent": never "Re-" / "consent". */}
        {step.href ? (
          <ButtonLink variant="primary" href={step.href} data-testid="next-step">
            <WholeWords text={step.label} />
          </ButtonLink>
        ) : (
          <p className="text-sm font-medium text-slate-900" data-testid="next-step">
            <WholeWords text={step.label} />
          </p>
        )}
      </div>
    </Card>
  );
}

/**
 * The token facts /health shows for the tenant, for the roles that run the connection: in
 * /health's order and words, the time with its date as /health's `When` writes it ("9 s ago"
 * alone said nothing once the page had stood open for a day).
 */
function TokenFacts({ tenant, now }: { tenant: TenantHealth; now: string }) {
  // The health page's "Refresh token stored": its writing (a consent, a rotation written back),
  // from which Entra's 90 days count.
  const stored = tenant.inactivity.lastActivityAt;
  return (
    <dl className="mt-4 grid gap-4 sm:grid-cols-2">
      <div>
        <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">
          Refresh token stored
        </dt>
        <dd className="mt-0.5 text-sm text-slate-900" data-testid="refresh-token-stored">
          {stored ? <When iso={stored} now={now} /> : 'Never'}
        </dd>
      </div>
      <div>
        {/* The term /health uses: its words ("Not applicable until re-consent") answer it. */}
        <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">
          Inactivity limit
        </dt>
        <dd className="mt-0.5 text-sm text-slate-900" data-testid="days-left">
          {daysLeftText(tenant)}
        </dd>
      </div>
    </dl>
  );
}
