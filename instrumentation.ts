/**
 * Runs once when the server starts: validate the configuration so a missing or wrong
 * setting stops start-up with a message naming it, instead of failing on the first request;
 * then start the refresh-token keep-alive timer (once per process; lib/tokens guards it), which
 * also purges expired audit events, and migrate the database.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getConfig, ConfigError } = await import('@/lib/config');
  try {
    getConfig();
  } catch (error) {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    console.error(`\nThe portal cannot start.\n${message}\n`);
    process.exit(1);
  }
  // `next build` also loads this file; the timer belongs to the serving process only.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startKeepAliveTimer } = await import('@/lib/tokens');
  startKeepAliveTimer();
  // Migrations run now; a database that is away does not stop the portal: audit events wait
  // in memory, /api/health says so, and the next use tries again.
  const { getDatabase } = await import('@/lib/db');
  const { purgeExpiredAuditEvents } = await import('@/lib/audit/retention');
  getDatabase()
    .then(() => purgeExpiredAuditEvents())
    .catch((error: unknown) => console.error(`[db] not available at start-up: ${error instanceof Error ? error.message : String(error)}`));
}
