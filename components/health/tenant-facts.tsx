import { inactivityClock, inactivityClockWords } from '@/lib/health/inactivity-clock';
import type { InactivityWindow, TenantHealth } from '@/lib/health/types';
import { Breakable } from '@/components/ui/breakable';
import { Fact, When } from './fact';
import { TenantTechnicalDetails } from './tenant-technical-details';

/**
 * One partner tenant's connection in plain facts (who connected it and when, when its refresh
 * token was stored, the inactivity limit), then the token service's own facts behind a
 * "Technical details" disclosure: a native `<details>`, so no client JavaScript, and it stays
 * open across the page's refreshes (React leaves an attribute it does not set alone).
 */
export function TenantFacts({ tenant, now }: { tenant: TenantHealth; now: string }) {
  const grant = tenant.grant;
  return (
    <>
      <dl className="mt-5 grid grid-cols-1 gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
        {/* The vault could not be read: these are the facts it last showed. */}
        <Fact term="Connected by" lastKnown={grant?.stale}>
          {/* A long UPN broke as "…onmicrosoft.co" / "m" on a phone: it wraps where addresses do. */}
          {grant?.mintedBy ? (
            <Breakable text={grant.mintedBy} />
          ) : !grant && tenant.status !== 'not-connected' ? (
            // No grant known while the vault cannot be read (lib/health lists a tenant as not
            // connected only from a listing): this instance never saw it there, being cut off from
            // the vault or in an outage since it started. "—" read as "nobody connected it".
            <span data-testid="grant-unknown" className="text-slate-500">
              Not known here: this instance cannot read Key Vault
            </span>
          ) : (
            <span className="text-slate-500">—</span>
          )}
          {grant?.mintedAt && (
            <span className="block text-xs text-slate-500">
              <When iso={grant.mintedAt} now={now} />
            </span>
          )}
        </Fact>
        <Fact term="Refresh token stored" lastKnown={grant?.stale}>
          {/* The stored refresh token's writing (a consent, a rotation written back): Entra's 90
              days count from it; a redemption alone renews nothing (lib/health/status.ts). */}
          {!grant && tenant.status !== 'not-connected' ? (
            <span className="text-slate-500">Not known here</span>
          ) : (
            <When iso={tenant.inactivity.lastActivityAt} now={now} />
          )}
          {tenant.consecutiveFailures > 0 && (
            <span data-testid="tenant-failures" className="block font-semibold text-red-700">
              {tenant.consecutiveFailures === 1
                ? 'The last attempt to use it failed'
                : `The last ${tenant.consecutiveFailures} attempts to use it failed`}
            </span>
          )}
        </Fact>
        <Fact term="Inactivity limit" testId="inactivity-limit">
          <InactivityLimit tenant={tenant} />
        </Fact>
      </dl>
      <TenantTechnicalDetails tenant={tenant} now={now} />
    </>
  );
}

/** The bar's colour by how near the limit is (lib/health's warning days). */
const barTones = {
  none: 'fill-emerald-500',
  first: 'fill-amber-500',
  second: 'fill-red-500',
  expired: 'fill-red-500',
} as const satisfies Record<InactivityWindow['warning'], string>;

/** The limit in lib/health's words; a bar while it counts down. */
function InactivityLimit({ tenant }: { tenant: TenantHealth }) {
  const clock = inactivityClock(tenant);
  const words = inactivityClockWords(clock);
  if (clock.kind === 'unknown') return <span className="text-slate-500">{words}</span>;
  if (clock.kind === 'ran-out') return <span className="font-semibold text-red-700">{words}</span>;
  // Another cause ended the connection (the problem above names it): nothing counts down now.
  if (clock.kind === 'not-applicable') return <span className="text-slate-600">{words}</span>;
  // Counting while a refusal stands (a block policy the partner can clear): the window is not
  // the trouble, but a green bar under the red problem read as "this connection is fine".
  const tone = tenant.status === 'needs-reconsent' ? 'fill-slate-400' : barTones[clock.warning];
  // An SVG bar, not a style attribute: the CSP allows no inline styles.
  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
      <span className="font-semibold">{words}</span>
      <svg
        aria-hidden="true"
        className="h-1.5 w-20 overflow-hidden rounded-full"
        viewBox="0 0 100 1"
        preserveAspectRatio="none"
      >
        <rect width="100" height="1" className="fill-slate-200" />
        <rect
          width={Math.max(0, Math.min(100, Math.round((clock.daysLeft / clock.limitDays) * 100)))}
          height="1"
          className={tone}
        />
      </svg>
    </span>
  );
}
