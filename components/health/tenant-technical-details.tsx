import type { TenantHealth } from '@/lib/health/types';
import { inactivityClock } from '@/lib/health/inactivity-clock';
import { Fact, When } from './fact';

/** The refresh token's and the token service's facts, for whoever troubleshoots. */
export function TenantTechnicalDetails({ tenant, now }: { tenant: TenantHealth; now: string }) {
  const grant = tenant.grant;
  const cache = tenant.accessTokenCache;
  return (
    <details data-testid="tenant-technical-details" className="mt-5 border-t border-slate-100 pt-4">
      <summary className="cursor-pointer text-sm font-medium text-slate-700 hover:text-slate-900">
        Technical details
      </summary>
      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
        {/* When the version was written, with it: a fact of its own beside the card's "Refresh
            token stored" read as the same time said twice. */}
        <Fact term="Key Vault secret version" lastKnown={grant?.stale}>
          {grant?.keyVaultVersion ? (
            <>
              <span className="block font-mono text-xs wrap-anywhere">{grant.keyVaultVersion}</span>
              {grant.lastRotatedAt && (
                <span className="block text-xs text-slate-600">
                  written <When iso={grant.lastRotatedAt} now={now} />
                </span>
              )}
            </>
          ) : (
            <span className="text-slate-500">—</span>
          )}
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
        <Fact term="Last successful redemption">
          <When iso={tenant.lastSuccessfulRedemptionAt} now={now} />
        </Fact>
        <Fact term="Failed redemptions in a row">
          <span className={tenant.consecutiveFailures > 0 ? 'font-semibold text-red-700' : ''}>
            {tenant.consecutiveFailures}
          </span>
        </Fact>
        <Fact term="Inactivity window ends">
          {inactivityClock(tenant).kind === 'not-applicable' ? (
            // Another cause ended the grant: a date here would read as time it has left.
            <span className="text-slate-500">Not applicable</span>
          ) : (
            <When iso={tenant.inactivity.expiresAt} now={now} />
          )}
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
        <Fact term="Next access token refresh">
          <NextRefresh tenant={tenant} now={now} />
        </Fact>
        <Fact term="Last redemption error" wide>
          {tenant.lastError ? (
            // The cause in words, not in a tooltip that no keyboard, touch or screen reader
            // reaches: the card's problem box says it only while the problem stands.
            <span>
              {tenant.lastError.aadsts ? `AADSTS${tenant.lastError.aadsts}` : tenant.lastError.code}{' '}
              · <When iso={tenant.lastError.at} now={now} />
              <span className="block text-xs break-words text-slate-600">
                {tenant.lastError.cause}
              </span>
              {tenant.lastError.correlationId && (
                <span className="block font-mono text-xs wrap-anywhere text-slate-500">
                  Correlation ID {tenant.lastError.correlationId}
                </span>
              )}
            </span>
          ) : (
            <span className="text-slate-500">None</span>
          )}
        </Fact>
      </dl>
    </details>
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
