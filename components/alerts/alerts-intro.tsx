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
      {/* Read on phones too: about seven lines at 390 px (it was ten), every number kept. */}
      <p className="max-w-3xl text-sm text-slate-600">
        Alerts go out when a partner&apos;s refresh token is {health.warnDays[0]} and{' '}
        {health.warnDays[1]} days from Entra&apos;s 90-day inactivity limit, needs re-consent or
        fails {alerts.failureThreshold} redemptions in a row; when a service is down for over{' '}
        {alerts.dependencyDownMinutes} minutes; and 30 and 7 days before the app&apos;s credential
        expires. One message each, a reminder every {alerts.repeatHours} hours while it lasts, a
        notice when it clears.
      </p>
    </header>
  );
}
