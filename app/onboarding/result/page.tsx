import type { Metadata } from 'next';
import { z } from 'zod';
import { ConnectionSummary, VersionHistory } from '@/components/onboarding/connection-summary';
import { DisconnectForm } from '@/components/onboarding/disconnect-form';
import { FailurePanel } from '@/components/onboarding/failure-panel';
import {
  OnboardingHeader,
  StepCard,
  stepNames,
  type StepNumber,
  type Unconfirmed,
} from '@/components/onboarding/steps';
import { ButtonLink, buttonClass } from '@/components/ui/button';
import { WholeWords } from '@/components/ui/whole-words';
import { requireRole, signInAgainNoteWords } from '@/lib/auth';
import { reconsentIsTheFix, reconsentWords } from '@/lib/onboarding/connect-panel';
import type { ConsentOutcome } from '@/lib/onboarding/consent-flow';
import { recallForOwner } from '@/lib/onboarding/flash-store';
import { defaultOnboardingPorts } from '@/lib/onboarding/ports-default';
import {
  connectionAsShown,
  recentConnectionStatus,
  versionHistoryTellsMore,
} from '@/lib/onboarding/page-facts';
import { readMayPass } from '@/lib/onboarding/status';
import { onboardingReader } from '@/lib/onboarding/reader';
import { verifyConnectionDone } from '@/lib/onboarding/wizard-step';
import { fixFor } from '@/lib/failure';
import { partnerDisplayName } from '@/lib/partner-name';
import { ownPartnerLabel } from '@/lib/partner-name/own-partner';
import { pageTitles } from '@/components/page-titles';

export const metadata: Metadata = {
  title: `${stepNames[3]} · ${pageTitles.onboardingResult}`,
};
export const dynamic = 'force-dynamic';

const paramsSchema = z.object({
  outcome: z.uuid().optional().catch(undefined),
  // Back from a failed disconnect: the form is shown open; `retype`: confirmed with another word.
  step: z.literal('disconnect').optional().catch(undefined),
  retype: z.literal('1').optional().catch(undefined),
});

/**
 * Step 3, Verify connection: what is stored and whether Partner Center answers. The callback may
 * have run without the session cookie, so this page re-checks the session and shows only the
 * signed-in admin's own tenant (and the outcome only to the admin who started the consent).
 */
export default async function OnboardingResultPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole(['admin'], '/onboarding/result');
  const params = paramsSchema.parse(await searchParams);
  const outcome = await recallForOwner<ConsentOutcome>('consent-outcome', params.outcome, user);
  const reader = onboardingReader(user);
  const status = await recentConnectionStatus(user.tid, defaultOnboardingPorts(), {
    withLiveCheck: !outcome,
  });
  // A failed read of the vault says nothing about the connection: the consent that just
  // stored it is still confirmed (its outcome is read only once), and the button reads again.
  // Without that outcome nothing vouches for the earlier steps (Check setup reads the same
  // vault), so the step bar does not tick them.
  if (status.state === 'unknown') {
    const unconfirmed: Unconfirmed | undefined = outcome
      ? undefined
      : { steps: [1, 2], reason: 'Key Vault could not be read' };
    return (
      <Shell unconfirmed={unconfirmed}>
        {outcome && <ConsentSuccess outcome={outcome} />}
        <FailurePanel
          failure={{ ...fixFor(status.failure, reader), step: 'status' }}
          leftUnknown={
            unconfirmed &&
            `${readMayPass(status.failure) ? 'Until Key Vault answers, the portal' : 'Until the portal can read the stored connection, it'} cannot tell whether a refresh token is stored for your tenant: ${stepNames[1]} and ${stepNames[2]} are not shown as done.`
          }
        />
      </Shell>
    );
  }
  if (status.state === 'not-connected') {
    // Nothing is connected, so steps 1 and 2 are not done: the way on is step 1.
    return (
      <Shell current={1}>
        <StepCard title="Not connected">
          <p className="text-sm text-slate-600">
            No refresh token is stored for your tenant. Connect Partner Center to create one.
          </p>
          <ButtonLink variant="primary" href="/onboarding" className="mt-4">
            Go to {stepNames[1]}
          </ButtonLink>
        </StepCard>
      </Shell>
    );
  }
  const shown = connectionAsShown(status, outcome, reader);
  // The main action is the live check's fix, if it failed: consent again, or check again.
  const failed = shown.liveCheck?.ok === false ? shown.liveCheck.failure : null;
  const reconsentNeeded = reconsentIsTheFix(failed);
  // Partner Center answered with what is stored: the way on is the data.
  const answers = shown.liveCheck?.ok === true;
  // Step 3's tick by the rule /onboarding ticks it by; this page's evidence is its live check.
  const verified = verifyConnectionDone({ liveCheck: shown.liveCheck });
  return (
    <Shell currentDone={verified}>
      {outcome && <ConsentSuccess outcome={outcome} />}
      <StepCard step={3} id="connection">
        <ConnectionSummary status={shown} />
        <div className="mt-6 space-y-3 border-t border-slate-100 pt-4">
          <p className="text-sm text-slate-600">{reconsentWords(reconsentNeeded)}</p>
          <div className="flex flex-wrap gap-3">
            {/* Connected and answering: onboarding is done, and the way on is the data. */}
            {answers && (
              <ButtonLink href="/customers" variant="primary" prefetch={false}>
                Browse customers
              </ButtonLink>
            )}
            <a
              href="/api/consent/start"
              className={buttonClass(reconsentNeeded ? 'primary' : 'secondary')}
            >
              <WholeWords text="Re-consent Partner Center" />
            </a>
            <ButtonLink
              href="/onboarding/result"
              prefetch={false}
              variant={failed?.action === 'retry' ? 'primary' : 'secondary'}
            >
              Run the live check again
            </ButtonLink>
          </div>
        </div>
      </StepCard>
      {/* One version is the one step 3 names: its history would only repeat it. */}
      {versionHistoryTellsMore(status) && (
        <StepCard title="Version history" id="history">
          <p className="mb-3 text-sm text-slate-600">
            Every consent and token rotation is a new version of the same Key Vault secret. Values
            are never shown.
          </p>
          <VersionHistory versions={status.history} />
        </StepCard>
      )}
      <DisconnectForm
        partner={ownPartnerLabel(user, await partnerDisplayName(user.tid)).label}
        open={params.step === 'disconnect'}
        retype={params.step === 'disconnect' && params.retype === '1'}
        signInAgain={await signInAgainNoteWords('disconnect')}
      />
    </Shell>
  );
}

function ConsentSuccess({ outcome }: { outcome: ConsentOutcome }) {
  return (
    <p
      role="status"
      className="rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900"
      data-testid="consent-success"
    >
      <strong>Partner Center connected.</strong> {outcome.consentedBy.upn} consented with MFA; the
      refresh token is stored in Key Vault only.
    </p>
  );
}

function Shell({
  current = 3,
  currentDone,
  unconfirmed,
  children,
}: {
  current?: StepNumber;
  currentDone?: boolean;
  unconfirmed?: Unconfirmed;
  children: React.ReactNode;
}) {
  return (
    <div className="space-y-6">
      <OnboardingHeader
        title={pageTitles.onboardingResult}
        current={current}
        currentDone={currentDone}
        unconfirmed={unconfirmed}
      />
      {children}
    </div>
  );
}
