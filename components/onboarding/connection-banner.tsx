import Link from 'next/link';
import { daysLeftText } from '@/lib/dashboard/attention';
import { fixFor, type FailureReader, type FailureView } from '@/lib/failure';
import { addressedToOwnAdmin } from '@/lib/failure/reader';
import type { TenantHealth } from '@/lib/health/types';
import { reconsentIsTheFix } from '@/lib/onboarding/connect-panel';
import { unreadConnectionWords } from '@/lib/onboarding/connection-notice';
import type { ConnectionStatus } from '@/lib/onboarding/status';
import {
  connectionNoticeBox,
  connectionNoticeRow,
  connectionNoticeSentence,
} from './connection-notice-box';

/**
 * What onboarding says about the tenant's connection, on every visit, in one place under the
 * step bar (its loading state keeps that place). Connected, it agrees with /health: green only
 * when health finds nothing wrong; otherwise the problem, pointing at step 2's Connect button
 * when re-consenting is the fix (the button is then the page's main action). Not connected,
 * it says so, or that a disconnect just happened (`justDisconnected`), with a link down to the
 * Connect button (to the failed checks when they `blocked` it). No link down to the button while
 * a failure is shown (`linkDown` false): the failure panel above says what to do, and may carry
 * the consent itself (lib/onboarding/consent-offer.ts). When Key Vault could not be read, it
 * claims neither, and says why in the `reader`'s words when reading again will not help.
 */
export function ConnectionBanner({
  connection,
  health,
  justDisconnected = false,
  blocked = false,
  linkDown = true,
  reader,
}: {
  connection: ConnectionStatus;
  health: TenantHealth | null;
  justDisconnected?: boolean;
  /** A set-up check failed: the Connect button is disabled until it is fixed. */
  blocked?: boolean;
  /** Whether it links down to step 2's button ("Connect below", "Re-consent below"). */
  linkDown?: boolean;
  /** Who reads the page (lib/onboarding's `onboardingReader`): whose fix a vault failure is. */
  reader: FailureReader;
}) {
  if (connection.state === 'unknown')
    return <ConnectionUnknown failure={fixFor(connection.failure, reader)} />;
  if (connection.state === 'not-connected')
    return (
      <NotConnected justDisconnected={justDisconnected} blocked={blocked} linkDown={linkDown} />
    );
  const mintedBy = connection.current.mintedBy;
  const status = health?.status ?? 'healthy';
  if (status === 'healthy' || status === 'not-connected') {
    // not-connected here means health has not probed the vault since the consent: the vault itself says connected.
    return (
      <div
        className={`${connectionNoticeRow} border-emerald-200 bg-emerald-50 ${connectionNoticeBox}`}
        data-testid="already-connected"
      >
        <p className={`${connectionNoticeSentence} break-words text-emerald-900`}>
          Partner Center is connected for your tenant (consented by {mintedBy ?? 'unknown'}).
        </p>
        <Link
          href="/onboarding/result"
          prefetch={false}
          className="font-semibold text-emerald-800 underline"
        >
          View connection →
        </Link>
      </div>
    );
  }
  // Only a tenant's own Admins read onboarding: the problem and its fix are theirs ("Your
  // stored connection", "You can also re-consent"), not "the partner's".
  const problem = health?.problem && addressedToOwnAdmin(health.problem);
  const critical = status === 'needs-reconsent';
  const heading = {
    'needs-reconsent': 'Partner Center needs re-consent',
    'expiring-soon': `Partner Center is connected, with ${daysLeftText(health)}`,
    degraded: 'Partner Center is connected, but the token service is failing',
  }[status];
  return (
    <div
      className={`space-y-2 ${connectionNoticeBox} ${critical ? 'border-red-200 bg-red-50 text-red-900' : 'border-amber-200 bg-amber-50 text-amber-900'}`}
      data-testid="connection-problem"
      data-status={status}
    >
      <p className="font-semibold">{heading}</p>
      {problem && (
        <p className="break-words">
          {problem.cause} {problem.fix}
        </p>
      )}
      <p className="flex flex-wrap gap-x-4 gap-y-1">
        {linkDown && reconsentIsTheFix(health?.problem) && (
          // Short enough to keep whole: never "Re-" / "consent below ↓".
          <a href="#connect" className="font-semibold whitespace-nowrap underline">
            Re-consent below ↓
          </a>
        )}
        <Link href="/onboarding/result" prefetch={false} className="underline">
          View connection
        </Link>
      </p>
    </div>
  );
}

function NotConnected({
  justDisconnected,
  blocked,
  linkDown,
}: {
  justDisconnected: boolean;
  blocked: boolean;
  linkDown: boolean;
}) {
  // The way on, as a connection needing re-consent has its "Re-consent below": the Connect
  // button sits under the set-up checks, out of sight on a phone. Blocked, the button is
  // disabled: the link leads to the checks that failed instead, worded for whoever reads it
  // (a failed check of the portal's own set-up is its operator's to fix, not a partner's).
  const next = blocked
    ? { href: '#preflight', label: 'See why Connect waits' }
    : linkDown
      ? { href: '#connect', label: 'Connect below' }
      : null;
  return (
    <div
      role={justDisconnected ? 'status' : undefined}
      className={`${connectionNoticeRow} border-slate-200 bg-white text-slate-700 ${connectionNoticeBox}`}
      data-testid={justDisconnected ? 'disconnected' : 'not-connected'}
    >
      <p className={`${connectionNoticeSentence} break-words`}>
        {justDisconnected
          ? 'Partner Center is disconnected. The secret was soft-deleted in Key Vault and cached tokens were dropped.'
          : 'Partner Center is not connected for your tenant: no refresh token is stored in Key Vault.'}
      </p>
      {next && (
        <a href={next.href} className="font-semibold text-brand-700 underline">
          {next.label} ↓
        </a>
      )}
    </div>
  );
}

/** Key Vault did not give the portal the stored connection: lib/onboarding words why. */
function ConnectionUnknown({ failure }: { failure: FailureView }) {
  return (
    <p
      className={`border-amber-200 bg-amber-50 text-amber-900 ${connectionNoticeBox}`}
      data-testid="connection-unknown"
    >
      {unreadConnectionWords(failure)}
    </p>
  );
}
