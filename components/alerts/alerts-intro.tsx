import type { PortalConfig } from '@/lib/config';

/** The page's title and what sets an alert off, in the configuration's numbers. */
export function AlertsIntro({
  alerts,
  health,
}: {
  alerts: PortalConfig['alerts'];
  health: PortalConfig['health'];
}) {
  return (
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
}
