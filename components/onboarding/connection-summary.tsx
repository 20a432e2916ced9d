import type { ConnectionStatus, VersionView } from '@/lib/onboarding/status';
import { FailureFix } from '@/components/failure-fix';
import { addressedToOwnAdmin } from '@/lib/failure/reader';
import { Breakable } from '@/components/ui/breakable';
import { formatUtcSeconds } from '@/lib/format/time';
import { listedVersions } from '@/lib/onboarding/version-history';
import { SupportDetails } from './support-details';
import { StatusBadge } from './status-badge';

type Connected = Extract<ConnectionStatus, { state: 'connected' }>;

/** Step 3: who consented, when, MFA, where the refresh token lives, and Partner Center's answer. */
export function ConnectionSummary({ status }: { status: Connected }) {
  const { current, liveCheck } = status;
  return (
    <div className="space-y-4">
      <dl className="grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2" data-testid="connection-summary">
        <Item label="Consented by" value={current.mintedBy ?? 'unknown'} testId="consented-by" />
        <Item label="When" value={formatUtcSeconds(current.createdAt, 'unknown')} />
        <Item
          label="MFA"
          value={
            current.mfa ? 'Confirmed: Entra recorded MFA for the consent’s sign-in' : 'Not recorded'
          }
          testId="mfa"
        />
        <Item label="Key Vault secret" value={status.secretName} mono testId="secret-name" />
        <Item label="Secret version" value={current.version} mono testId="secret-version" />
        {/* "Consent" alone read as jargon; "Stored by" before it, as a person's name. */}
        <Item
          label="How stored"
          value={
            current.purpose === 'rotation'
              ? 'From a token renewal: the refresh token Entra sent back'
              : 'From the consent'
          }
        />
      </dl>
      {liveCheck && <LiveCheck check={liveCheck} />}
    </div>
  );
}

function LiveCheck({ check }: { check: NonNullable<Connected['liveCheck']> }) {
  if (check.ok) {
    return (
      <div
        className="flex items-center gap-3 rounded-lg bg-emerald-50 p-4 text-sm"
        data-testid="live-check"
        data-status="pass"
      >
        <StatusBadge status="pass" label="Live" />
        <p className="text-emerald-900">
          {/* Only the first page is asked for: Partner Center has no call that returns a total. */}
          Partner Center answered with a first page of{' '}
          <strong data-testid="customer-count">{check.customerCount}</strong> customer
          {check.customerCount === 1 ? '' : 's'}.
        </p>
      </div>
    );
  }
  // Only the tenant's own Admins read onboarding: the fix is theirs to take ("Re-consent in
  // onboarding"), not "one of this partner's admins" (as the failure panel: failure-panel.tsx).
  const { title, problem, fix, steps } = addressedToOwnAdmin(check.failure);
  return (
    <div
      className="rounded-lg bg-red-50 p-4 text-sm"
      data-testid="live-check"
      data-status="fail"
      data-code={check.failure.code}
    >
      <div className="flex flex-wrap items-center gap-3">
        <StatusBadge status="fail" label="Live check failed" />
        <p className="font-medium text-slate-900">{title ?? problem}</p>
        <span className="font-mono text-xs text-slate-600">{check.failure.code}</span>
      </div>
      {title && <p className="mt-2 text-slate-700">{problem}</p>}
      <FailureFix fix={fix} owner={check.failure.owner} steps={steps} />
      <SupportDetails
        detail={check.failure.detail}
        correlationId={check.failure.correlationId}
        traceId={check.failure.traceId}
      />
    </div>
  );
}

function Item({
  label,
  value,
  mono,
  testId,
}: {
  label: string;
  value: string;
  mono?: boolean;
  testId?: string;
}) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd
        className={`mt-0.5 text-slate-900 ${mono ? 'font-mono text-xs wrap-anywhere' : ''}`}
        data-testid={testId}
      >
        {value}
      </dd>
    </div>
  );
}

/**
 * The stored versions: who and when, never the value. The current one, the newest after it and
 * every consent; older rotations counted below the table (lib/onboarding/version-history.ts).
 */
export function VersionHistory({ versions }: { versions: VersionView[] }) {
  const { listed, olderRotations } = listedVersions(versions);
  return (
    <>
      <VersionTable versions={listed} />
      {olderRotations && (
        <p className="mt-3 text-sm text-slate-600" data-testid="older-rotations">
          {olderRotationsWords(olderRotations)}
        </p>
      )}
    </>
  );
}

/** "1 older rotation (stored …) is not listed: it replaced…", "28 older rotations (the oldest…". */
function olderRotationsWords({ count, oldestAt }: { count: number; oldestAt: string | null }) {
  const one = count === 1;
  const when = oldestAt
    ? ` (${one ? 'stored' : 'the oldest stored'} ${formatUtcSeconds(oldestAt)})`
    : '';
  return one
    ? `1 older rotation${when} is not listed: it replaced the version before it with the token Entra returned.`
    : `${count} older rotations${when} are not listed: each replaced the version before it with the token Entra returned.`;
}

function VersionTable({ versions }: { versions: VersionView[] }) {
  const wide = 'hidden lg:table-cell';
  return (
    <table className="w-full text-left text-sm" data-testid="version-history">
      <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase">
        <tr>
          <th className="py-2 pr-4 font-medium">
            Stored
            {/* Below lg the row's other columns fold into this cell: say so to screen readers. */}
            <span className="sr-only lg:hidden">, by, how, MFA and version</span>
          </th>
          <th className={`py-2 pr-4 font-medium ${wide}`}>By</th>
          <th className={`py-2 pr-4 font-medium ${wide}`}>How</th>
          <th className={`py-2 pr-4 font-medium ${wide}`}>MFA</th>
          <th className={`py-2 font-medium ${wide}`}>Version</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {versions.map((v) => {
          const by = v.mintedBy ?? 'unknown';
          const how = v.purpose === 'rotation' ? 'Rotation' : 'Consent';
          const mfa = v.mfa === null ? null : v.mfa ? 'Yes' : 'No';
          const version = <VersionId version={v.version} current={v.current} />;
          return (
            <tr key={v.version}>
              <td className="py-2 pr-4">
                <span className="whitespace-nowrap">
                  {formatUtcSeconds(v.createdAt, 'unknown')}
                </span>
                {/* Below lg the other columns fold under the time: five never fit a phone. */}
                <div className="mt-0.5 space-y-0.5 text-xs text-slate-600 lg:hidden">
                  <div className="wrap-anywhere">
                    {how} by <Breakable text={by} /> · MFA {mfa ?? 'unknown'}
                  </div>
                  <div>{version}</div>
                </div>
              </td>
              <td className={`py-2 pr-4 wrap-anywhere ${wide}`}>
                <Breakable text={by} />
              </td>
              <td className={`py-2 pr-4 ${wide}`}>{how}</td>
              <td className={`py-2 pr-4 ${wide}`}>{mfa ?? '—'}</td>
              <td className={`py-2 ${wide}`}>{version}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A Key Vault version's first 12 characters (enough to tell versions apart), and whether it is current. */
function VersionId({ version, current }: { version: string; current: boolean }) {
  return (
    <span className="font-mono text-xs whitespace-nowrap text-slate-600">
      {version.slice(0, 12)}…
      {current && (
        <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 font-sans text-brand-700">
          current
        </span>
      )}
    </span>
  );
}
