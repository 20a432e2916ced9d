import Link from 'next/link';
import type { ReactNode } from 'react';
import { FailureSteps } from '@/components/failure-steps';
import type { TenantHealth } from '@/lib/health/types';
import { formatUtc } from '@/lib/format/time';
import { partnerLabel } from '@/lib/partner-name/cache';
import { relativeTime } from './format';
import { TenantStatusBadge } from './status-badge';

const problemTone: Record<TenantHealth['status'], string> = {
  healthy: '',
  'expiring-soon': 'border-amber-200 bg-amber-50',
  'needs-reconsent': 'border-red-200 bg-red-50',
  'not-connected': 'border-slate-200 bg-slate-50',
  degraded: 'border-orange-200 bg-orange-50',
};

function Fact({
  term,
  wide = false,
  children,
}: {
  term: string;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={wide ? 'min-w-0 sm:col-span-2' : 'min-w-0'}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{term}</dt>
      <dd className="mt-0.5 text-sm wrap-anywhere text-slate-900">{children}</dd>
    </div>
  );
}

function When({ iso, now }: { iso: string | null; now: string }) {
  if (!iso) return <span className="text-slate-500">—</span>;
  return (
    <span title={formatUtc(iso)}>
      {formatUtc(iso)} <span className="text-slate-500">({relativeTime(iso, now)})</span>
    </span>
  );
}

function DaysLeft({ tenant }: { tenant: TenantHealth }) {
  const { daysLeft, warning, limitDays } = tenant.inactivity;
  if (daysLeft === null) return <span className="text-slate-500">—</span>;
  // A revoked grant has days on the clock but no token that could use them.
  if (tenant.status === 'needs-reconsent')
    return <span className="font-semibold text-red-700">Ended: re-consent needed</span>;
  const tone =
    warning === 'none'
      ? 'fill-emerald-500'
      : warning === 'first'
        ? 'fill-amber-500'
        : 'fill-red-500';
  // An SVG bar, not a style attribute: the CSP allows no inline styles.
  return (
    <span className="flex items-center gap-2">
      <span className="font-semibold">
        {daysLeft} day{daysLeft === 1 ? '' : 's'} left of {limitDays}
      </span>
      <svg
        aria-hidden="true"
        className="h-1.5 w-20 overflow-hidden rounded-full"
        viewBox="0 0 100 1"
        preserveAspectRatio="none"
      >
        <rect width="100" height="1" className="fill-slate-200" />
        <rect
          width={Math.max(0, Math.min(100, Math.round((daysLeft / limitDays) * 100)))}
          height="1"
          className={tone}
        />
      </svg>
    </span>
  );
}

function NextRefresh({ tenant, now }: { tenant: TenantHealth; now: string }) {
  if (tenant.status === 'needs-reconsent')
    return <span className="text-slate-500">None until re-consent</span>;
  const at = tenant.nextRefreshAt;
  // Past due means the token service refreshes when the next caller asks (or the keep-alive runs).
  if (at && at <= now) return <span className="text-slate-700">On next use</span>;
  return <When iso={at} now={now} />;
}

/**
 * One partner tenant: status, the refresh token's facts, the problem with its fix. The fix
 * button shows only to the tenant's own Admins (`canManage`); a platform operator looking at
 * another partner (`viewOnly`) is told the card is read-only.
 */
export function TenantCard({
  tenant,
  now,
  canManage,
  viewOnly,
}: {
  tenant: TenantHealth;
  now: string;
  canManage: boolean;
  viewOnly: boolean;
}) {
  const grant = tenant.grant;
  const neverConnected = tenant.status === 'not-connected' && grant === null;
  const cache = tenant.accessTokenCache;
  const unnamed = tenant.displayName === partnerLabel(tenant.tenantId, null);
  return (
    <article
      data-testid="tenant-card"
      data-tenant-id={tenant.tenantId}
      data-status={tenant.status}
      data-manageable={String(canManage)}
      className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
    >
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          {unnamed ? (
            // No name known: the whole id is the name, once, in a form that wraps on a phone.
            <h3 className="text-lg font-semibold text-slate-900">
              Tenant <span className="font-mono text-base break-all">{tenant.tenantId}</span>
            </h3>
          ) : (
            <>
              <h3 className="text-lg font-semibold wrap-anywhere text-slate-900">
                {tenant.displayName}
              </h3>
              <p className="font-mono text-xs break-all text-slate-500">{tenant.tenantId}</p>
            </>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {viewOnly && (
            <span
              className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700"
              title="Managed by this partner's own admins"
            >
              View only
            </span>
          )}
          <TenantStatusBadge status={tenant.status} />
        </div>
      </header>

      {tenant.problem && (
        <div
          data-testid="tenant-problem"
          className={`mt-4 rounded-lg border p-4 text-sm ${problemTone[tenant.status]}`}
        >
          <p className="font-semibold text-slate-900">
            {tenant.problem.title ?? tenant.problem.cause}
          </p>
          {tenant.problem.title && <p className="mt-1 text-slate-700">{tenant.problem.cause}</p>}
          <p className="mt-1 text-slate-700">
            <span className="font-medium">Fix:</span> {tenant.problem.fix}
          </p>
          <FailureSteps owner={tenant.problem.owner} steps={tenant.problem.steps} />
          {/* A not-connected tenant's last error is history (from before a disconnect), not this problem's. */}
          {tenant.status !== 'not-connected' &&
            tenant.lastError &&
            (tenant.lastError.aadsts || tenant.lastError.correlationId) && (
              <p className="mt-2 break-words text-xs text-slate-500">
                {tenant.lastError.aadsts ? (
                  <>
                    Code{' '}
                    <span className="font-mono" data-testid="tenant-problem-code">
                      AADSTS{tenant.lastError.aadsts}
                    </span>
                    {tenant.lastError.correlationId ? ' · ' : ''}
                  </>
                ) : null}
                {tenant.lastError.correlationId && (
                  <>
                    Correlation id{' '}
                    <span className="font-mono">{tenant.lastError.correlationId}</span>
                  </>
                )}
              </p>
            )}
          {canManage &&
            (tenant.problem.action === 're-consent' ||
              tenant.problem.action === 'onboard' ||
              tenant.problem.action === 'grant-consent') && (
              <Link
                href="/onboarding"
                className="mt-3 inline-flex rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700"
              >
                {tenant.status === 'not-connected' ? 'Connect in onboarding' : 'Re-consent'}
              </Link>
            )}
        </div>
      )}

      {/* Never connected: no grant, token or failure to show (nothing could fail), only the problem above. */}
      {!neverConnected && (
        <dl className="mt-5 grid grid-cols-1 gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
          <Fact term="Minted by">
            {grant?.mintedBy ?? <span className="text-slate-500">—</span>}
          </Fact>
          <Fact term="Minted at">
            <When iso={grant?.mintedAt ?? null} now={now} />
          </Fact>
          <Fact term="MFA at consent">
            {grant?.mfa === null || grant === null ? (
              <span className="text-slate-500">—</span>
            ) : grant.mfa ? (
              'Yes'
            ) : (
              'No'
            )}
          </Fact>
          <Fact term="Key Vault version">
            {grant?.keyVaultVersion ? (
              <span className="font-mono text-xs break-all">{grant.keyVaultVersion}</span>
            ) : (
              <span className="text-slate-500">—</span>
            )}
            {grant?.stale && <span className="ml-2 text-xs text-orange-700">(last known)</span>}
          </Fact>
          <Fact term="Last rotation">
            <When iso={grant?.lastRotatedAt ?? null} now={now} />
          </Fact>
          <Fact term="Last successful redemption">
            <When iso={tenant.lastSuccessfulRedemptionAt} now={now} />
          </Fact>
          <Fact term="Inactivity limit">
            <DaysLeft tenant={tenant} />
          </Fact>
          <Fact term="Access token cache">
            {cache.cached ? (
              cache.valid ? (
                <>
                  Valid until <When iso={cache.expiresAt} now={now} />
                </>
              ) : (
                'Expired'
              )
            ) : (
              'Empty'
            )}
          </Fact>
          <Fact term="Next refresh">
            <NextRefresh tenant={tenant} now={now} />
          </Fact>
          <Fact term="Consecutive failures">
            <span className={tenant.consecutiveFailures > 0 ? 'font-semibold text-red-700' : ''}>
              {tenant.consecutiveFailures}
            </span>
          </Fact>
          <Fact term="Last error" wide>
            {tenant.lastError ? (
              <span title={tenant.lastError.cause}>
                {tenant.lastError.aadsts
                  ? `AADSTS${tenant.lastError.aadsts}`
                  : tenant.lastError.code}{' '}
                · <When iso={tenant.lastError.at} now={now} />
              </span>
            ) : (
              <span className="text-slate-500">None</span>
            )}
          </Fact>
        </dl>
      )}
    </article>
  );
}
