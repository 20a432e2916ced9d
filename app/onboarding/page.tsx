import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { ConnectionBanner } from '@/components/onboarding/connection-banner';
import { ConnectPanel } from '@/components/onboarding/connect-panel';
import { FailurePanel } from '@/components/onboarding/failure-panel';
import { PreflightList } from '@/components/onboarding/preflight-list';
import { OnboardingHeader, StepCard } from '@/components/onboarding/steps';
import { requireRole, signInTimeStated } from '@/lib/auth';
import { reconsentIsTheFix } from '@/lib/onboarding/connect-panel';
import { onboardingConsentOffer } from '@/lib/onboarding/consent-offer';
import { failureReaderCookieName, recallOnboardingFailure } from '@/lib/onboarding/http';
import { defaultOnboardingPorts } from '@/lib/onboarding/ports-default';
import { onboardingPageFacts } from '@/lib/onboarding/page-facts';
import { preflightForReader, preflightNeedsAction } from '@/lib/onboarding/preflight';
import { onboardingReader } from '@/lib/onboarding/reader';
import { fixFor } from '@/lib/failure';
import { onboardingStepBar } from '@/lib/onboarding/wizard-step';
import { getHealthReport } from '@/lib/health';
import { pageTitles } from '@/components/page-titles';

export const metadata: Metadata = { title: pageTitles.onboarding };
export const dynamic = 'force-dynamic';

const paramsSchema = z.object({
  failure: z.uuid().optional().catch(undefined),
  disconnected: z.literal('1').optional().catch(undefined),
});

/**
 * Steps 1 and 2 of the wizard: Check setup, then Consent at Microsoft (plus a failure, if one
 * just happened).
 */
export default async function OnboardingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole(['admin'], '/onboarding');
  const params = paramsSchema.parse(await searchParams);
  const reader = onboardingReader(user);
  const recalled = await recallOnboardingFailure(
    params.failure,
    user,
    (await cookies()).get(failureReaderCookieName)?.value,
  );
  const failure = recalled && fixFor(recalled, reader);
  // The checks first: their Partner Center call may redeem the stored token, which renews the
  // 90-day window or finds it dead; the health read below then says what is true after them.
  const facts = await onboardingPageFacts(user.tid, defaultOnboardingPorts(), {
    signInTimeStated: await signInTimeStated(),
  });
  const checks = preflightForReader(facts.checks, reader);
  const { status } = facts;
  const report = await getHealthReport({ kind: 'tenant', tenantId: user.tid });
  const blocked = checks.some((check) => check.status === 'fail');
  const connected = status.state === 'connected';
  // The same facts as /health and home: a stored grant that needs re-consent is not "connected".
  const health =
    report.tenants.find((t) => t.tenantId.toLowerCase() === user.tid.toLowerCase()) ?? null;
  const working = connected && health?.status !== 'needs-reconsent';
  // One way to start the consent again: the failure panel's, when it carries it.
  const offer = onboardingConsentOffer({ failure, connected, blocked });
  return (
    <div className="space-y-6">
      <OnboardingHeader
        title={pageTitles.onboarding}
        intro
        {...onboardingStepBar({ working, blocked, health: health?.status })}
        attention={preflightNeedsAction(checks) ? [1] : []}
        links={connected ? { 3: '/onboarding/result' } : undefined}
      />
      {params.failure && !failure && (
        <p
          role="status"
          className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
        >
          The details of that failure have expired (they are kept for 10 minutes). Start the
          connection again.
        </p>
      )}
      {failure && <FailurePanel failure={failure} connected={connected} blocked={blocked} />}
      <ConnectionBanner
        connection={status}
        health={health}
        justDisconnected={params.disconnected === '1'}
        blocked={blocked}
        linkDown={offer.noticeLinksDown}
        reader={reader}
      />
      <StepCard step={1} id="preflight">
        <PreflightList checks={checks} />
      </StepCard>
      <StepCard step={2} id="connect">
        <ConnectPanel
          connected={connected}
          blocked={blocked}
          needsReconsent={reconsentIsTheFix(health?.problem)}
          failure={offer.failureOnPage}
        />
      </StepCard>
    </div>
  );
}
