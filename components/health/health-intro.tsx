/**
 * /health's introduction: what the page tells, for whom, and where monitoring tools read the
 * same. Short: at 390 px its six lines stood between the title and the summary banner
 * (health-skeleton.tsx draws as many lines as it takes at each width).
 */
export function HealthIntro({ whose }: { whose: string }) {
  return (
    <p className="mt-1 max-w-3xl text-sm text-slate-600">
      Whether the portal can reach Partner Center for {whose}: its stored connection, which lapses
      after 90 days unused, and the services the portal needs. Monitoring tools read{' '}
      <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">/api/health</code>.
    </p>
  );
}
