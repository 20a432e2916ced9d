import type { ReactNode } from 'react';
import type { TenantHealth } from '@/lib/health/types';
import { formatUtc } from '@/lib/format/time';
import { relativeTime } from './format';

/**
 * The refresh token's facts for one partner tenant: who minted it and when, its Key Vault
 * version, rotation, redemption, the inactivity clock, the access token cache and failures.
 */
export function TenantFacts({ tenant, now }: { tenant: TenantHealth; now: string }) {
  const grant = tenant.grant;
  const cache = tenant.accessTokenCache;
  return (
    <dl className="mt-5 grid grid-cols-1 gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
      <Fact term="Minted by">{grant?.mintedBy ?? <span className="text-slate-500">—</span>}</Fact>
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
      <Fact term="Failed token refreshes in a row">
        <span className={tenant.consecutiveFailures > 0 ? 'font-semibold text-red-700' : ''}>
          {tenant.consecutiveFailures}
        </span>
      </Fact>
      <Fact term="Last token refresh error" wide>
        {tenant.lastError ? (
          <span title={tenant.lastError.cause}>
            {tenant.lastError.aadsts ? `AADSTS${tenant.lastError.aadsts}` : tenant.lastError.code} ·{' '}
            <When iso={tenant.lastError.at} now={now} />
          </span>
        ) : (
          <span className="text-slate-500">None</span>
        )}
      </Fact>
    </dl>
  );
}

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
