import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { AddTargetForm } from '@/components/alerts/add-target-form';
import { AlertsNotice } from '@/components/alerts/notice-banner';
import { TargetList } from '@/components/alerts/target-list';
import { adminEvaluateIntervalSeconds } from '@/lib/alerts/evaluate-now';
import { readTally } from '@/lib/alerts/evaluation-tally';
import { evaluateNowAction } from '@/lib/alerts/settings-actions';
import { withJustSent } from '@/lib/alerts/settings-last-test';
import { loadAlertSettingsTargets } from '@/lib/alerts/settings-view';
import { maxTargetsPerOwner } from '@/lib/alerts/targets';
import { requireRole } from '@/lib/auth';
import { isPlatformOperator } from '@/lib/auth/scope';
import { getConfig } from '@/lib/config';
import { partnerDisplayName } from '@/lib/partner-name';

export const metadata: Metadata = { title: 'Alerts' };
export const dynamic = 'force-dynamic';

const word = /^[a-z0-9_-]{1,40}$/;
const paramsSchema = z.object({
  notice: z.string().regex(word).optional().catch(undefined),
  reason: z.string().regex(word).optional().catch(undefined),
  target: z.uuid().optional().catch(undefined),
  // The target whose Remove was clicked (TargetList asks first).
  remove: z.uuid().optional().catch(undefined),
  // Seconds until "Evaluate now" may run again (notice=evaluate-wait).
  wait: z
    .string()
    .regex(/^\d{1,4}$/)
    .optional()
    .catch(undefined),
  // When the test named by `target` was sent (notice=test-sent/test-failed), epoch ms.
  at: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional()
    .catch(undefined),
});

/** Where alerts go: the Admin's own partner tenant's targets, and for platform operators the platform-wide ones. */
export default async function AlertSettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole(['admin'], '/settings/alerts');
  const config = getConfig();
  const raw = await searchParams;
  const params = paramsSchema.parse(raw);
  const operator = isPlatformOperator(user, config);
  const [targets, partnerName] = await Promise.all([
    loadAlertSettingsTargets(user, operator),
    partnerDisplayName(user.tid),
  ]);
  const allowInsecure = config.profile === 'local';
  const { alerts, health } = config;
  const header = (
    <header className="space-y-2">
      <h1 className="text-2xl font-semibold text-slate-900">Alerts</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        The portal tells the people responsible before a partner&apos;s connection dies: when the
        refresh token reaches {health.warnDays[0]} and {health.warnDays[1]} days before Entra&apos;s
        90-day inactivity limit, needs re-consent, fails {alerts.failureThreshold} redemptions in a
        row, or a service is down for more than {alerts.dependencyDownMinutes} minutes; and when the
        app&apos;s credential expires in 30 or 7 days. One message per condition until it clears, a
        reminder every {alerts.repeatHours} hours while it stays, and a recovery notice.
      </p>
    </header>
  );
  if (!targets.ok)
    return (
      <div className="space-y-8">
        {header}
        <p
          role="alert"
          data-testid="alerts-unavailable"
          className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800"
        >
          {targets.problem}
        </p>
      </div>
    );
  const { own, platform } = targets;
  const lastTests = withJustSent(targets.lastTests, params);
  const noticeTarget = [...own, ...platform].find((t) => t.id === params.target);
  return (
    <div className="space-y-8">
      {header}
      <AlertsNotice
        notice={params.notice}
        reason={params.reason}
        tally={readTally(raw)}
        wait={params.wait}
        targetLabel={noticeTarget?.label}
        targetKind={noticeTarget?.kind}
      />
      <Section
        id="tenant"
        title="Your partner tenant"
        intro={
          <>
            Alerts about {partnerName ?? 'tenant'}{' '}
            <span className="font-mono text-xs wrap-anywhere">
              {partnerName ? `(${user.tid})` : user.tid}
            </span>
            . {targetCount(own.length)}
          </>
        }
      >
        <TargetList
          targets={own}
          scope="tenant"
          lastTests={lastTests}
          lastAlerts={targets.lastAlerts}
          confirmingRemoval={params.remove}
        />
        <AddTarget count={own.length} scope="tenant" allowInsecure={allowInsecure} />
      </Section>
      {operator && (
        <Section
          id="platform"
          title="Platform-wide"
          intro={`Platform targets receive every partner's alerts plus the platform's own: a dependency down, the app credential expiring. ${targetCount(platform.length)}`}
        >
          <TargetList
            targets={platform}
            scope="platform"
            lastTests={lastTests}
            lastAlerts={targets.lastAlerts}
            confirmingRemoval={params.remove}
          />
          <AddTarget count={platform.length} scope="platform" allowInsecure={allowInsecure} />
        </Section>
      )}
      <form action={evaluateNowAction} className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Evaluate now
        </button>
        <span className="text-sm text-slate-600">
          Conditions are also evaluated after every keep-alive run. Evaluate now runs at most once
          every {adminEvaluateIntervalSeconds} seconds for your partner tenant.
        </span>
      </form>
    </div>
  );
}

/** "3 targets (at most 20)." ("3 of 20" read like a page of a longer list.) */
function targetCount(count: number): string {
  return `${count} ${count === 1 ? 'target' : 'targets'} (at most ${maxTargetsPerOwner}).`;
}

/** The add form, or, once the owner has all the targets it may have, what to do instead. */
function AddTarget({
  count,
  scope,
  allowInsecure,
}: {
  count: number;
  scope: 'tenant' | 'platform';
  allowInsecure: boolean;
}) {
  if (count < maxTargetsPerOwner)
    return <AddTargetForm scope={scope} allowInsecure={allowInsecure} />;
  return (
    <p data-testid="targets-full" className="text-sm text-slate-600">
      This list has the most targets it may hold ({maxTargetsPerOwner}): remove one to add another.
    </p>
  );
}

function Section({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <div>
        <h2 id={`${id}-heading`} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{intro}</p>
      </div>
      {children}
    </section>
  );
}
