import type { Metadata } from 'next';
import { AlertsIntro } from '@/components/alerts/alerts-intro';
import { AlertsNotice } from '@/components/alerts/notice-banner';
import { OpenAlertsSection } from '@/components/alerts/open-alerts-section';
import { TargetSection, targetCount } from '@/components/alerts/target-section';
import { SignInAgainNote } from '@/components/sign-in-again-note';
import { DatabaseUnavailableCard } from '@/components/ui/database-unavailable-card';
import { targetsNow } from '@/lib/alerts/evaluation-tally';
import { nameInFacts, openAlertCount, openAlertLists } from '@/lib/alerts/open-alerts';
import { withJustSent } from '@/lib/alerts/settings-last-test';
import { recallAlertSettingsOutcome } from '@/lib/alerts/settings-outcome';
import { parseAlertSettingsParams } from '@/lib/alerts/settings-params';
import {
  loadAlertSettingsTargets,
  loadOpenAlerts,
  settingsUnavailableText,
} from '@/lib/alerts/settings-view';
import { requireRole, signInAgainNoteWords } from '@/lib/auth';
import { isPlatformOperator } from '@/lib/auth/scope';
import { systemClock } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { partnerDisplayName } from '@/lib/partner-name';

export const metadata: Metadata = { title: 'Alerts' };
export const dynamic = 'force-dynamic';

/**
 * What is open now and where alerts go: the Admin's own partner tenant's open alerts and
 * targets, and for platform operators the platform's and every partner's alerts and the
 * platform-wide targets.
 */
export default async function AlertSettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole(['admin'], '/settings/alerts');
  const config = getConfig();
  const params = parseAlertSettingsParams(await searchParams);
  const operator = isPlatformOperator(user, config);
  // What the reader's own last press did, once (settings-outcome.ts): the address names it only.
  const [outcome, targets, open, partnerName, signInAgain] = await Promise.all([
    recallAlertSettingsOutcome(params.outcome, user),
    loadAlertSettingsTargets(user, operator),
    loadOpenAlerts(user, operator),
    partnerDisplayName(user.tid),
    signInAgainNoteWords('alert-targets'),
  ]);
  const allowInsecure = config.profile === 'local';
  const header = <AlertsIntro alerts={config.alerts} health={config.health} />;
  // One card for both reads: they fail together when the database does not answer.
  if (!targets.ok || !open.ok)
    return (
      <div className="space-y-8">
        {header}
        <DatabaseUnavailableCard
          testId="alerts-unavailable"
          // The code "Evaluate now" answers when the same database does not (lib/alerts/evaluate-now.ts).
          code="alerts_unavailable"
          title={settingsUnavailableText.title}
          retryHref="/settings/alerts"
        >
          {(!targets.ok && targets.problem) || (!open.ok && open.problem)}
        </DatabaseUnavailableCard>
      </div>
    );
  const { own, platform } = targets;
  const lastTests = withJustSent(targets.lastTests, outcome);
  const listed = [...own, ...platform];
  // The engine's clock: it stamped the alerts' times and the evaluation's (the cloud's, lib/clock).
  const now = systemClock.cloudNow();
  const noticeTarget =
    outcome && 'target' in outcome ? listed.find((t) => t.id === outcome.target) : undefined;
  // Whom an alert would reach now, as the lists below show it ("Evaluate now" with nothing to send).
  const reach = targetsNow(listed);
  const openLists = openAlertLists(
    open.groups,
    { tenantId: user.tid, platformOperator: operator },
    listed,
    config.alerts,
    now,
  );
  const shared = {
    lastTests,
    lastAlerts: targets.lastAlerts,
    confirmingRemoval: params.remove,
    allowInsecure,
    now: systemClock.now(),
  };
  return (
    <div className="space-y-8">
      {header}
      <AlertsNotice
        shown={outcome ?? (params.notice ? { notice: params.notice } : null)}
        targetLabel={noticeTarget?.label}
        targetKind={noticeTarget?.kind}
        targetsNow={reach}
        stillOpen={openAlertCount(openLists)}
      />
      {signInAgain && <SignInAgainNote action="alert-targets" words={signInAgain} />}
      <OpenAlertsSection
        lists={openLists}
        operator={operator}
        // Without a company name, as /health and the messages name it: the report's name.
        own={{ tenantId: user.tid, name: partnerName ?? nameInFacts(user.tid, open.groups.own) }}
        lastEvaluatedAt={open.lastEvaluatedAt}
        hasTargets={listed.length > 0}
        now={now}
      />
      <TargetSection
        id="tenant"
        title="Your partner tenant"
        intro={
          <>
            Alerts about {partnerName ?? 'partner tenant'}{' '}
            <span className="font-mono text-xs wrap-anywhere">
              {partnerName ? `(${user.tid})` : user.tid}
            </span>
            . {targetCount(own.length)}
          </>
        }
        targets={own}
        scope="tenant"
        {...shared}
      />
      {operator && (
        <TargetSection
          id="platform"
          title="Platform-wide"
          intro={`Platform targets receive every partner's alerts plus the platform's own: a dependency down, the app credential expiring. ${targetCount(platform.length)}`}
          targets={platform}
          scope="platform"
          {...shared}
        />
      )}
    </div>
  );
}
