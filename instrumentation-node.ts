/**
 * The Node.js server's start-up (instrumentation.ts loads it only in the Node.js runtime, so
 * none of this reaches the edge bundle): telemetry first, so the first request is traced;
 * then the configuration, so a missing or wrong setting stops start-up with a message naming
 * it instead of failing on the first request; then the guard that answers the methods Next
 * cannot serve (lib/security/method-guard.ts), the refresh-token keep-alive timer; the
 * database opens (and migrates) just after.
 */
export async function registerNodeServer(): Promise<void> {
  // `next build` also loads this file; telemetry and the timer belong to the serving process.
  const serving = process.env.NEXT_PHASE !== 'phase-production-build';
  if (serving) {
    const { startTelemetry } = await import('@/lib/telemetry/sdk');
    await startTelemetry();
  }
  const { getConfig, ConfigError } = await import('@/lib/config');
  try {
    getConfig();
  } catch (error) {
    const message =
      error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    console.error(`\nThe portal cannot start.\n${message}\n`);
    process.exit(1);
  }
  if (!serving) return;
  const { installMethodGuard } = await import('@/lib/security/method-guard');
  installMethodGuard({ https: getConfig().publicUrl.startsWith('https://') });
  // The keep-alive timer also purges expired audit events.
  const { startKeepAliveTimer } = await import('@/lib/tokens');
  startKeepAliveTimer();
  // The database (PGlite's WASM start-up, then migrations: about a second of CPU) opens
  // shortly after start, not before the first page: the landing page needs no database, and
  // any earlier user (a signed-in page's session check) opens it on demand (getDatabase).
  // A database that is away does not stop the portal: audit events wait in memory,
  // /api/health says so, and the next use tries again.
  const { getDatabase } = await import('@/lib/db');
  const { purgeExpiredAuditEvents } = await import('@/lib/audit/retention');
  const { logEvent } = await import('@/lib/log');
  const openDatabaseSoon = setTimeout(() => {
    getDatabase()
      .then(() => purgeExpiredAuditEvents())
      .catch((error: unknown) =>
        logEvent('error', 'database not available at start-up', {
          outcome: 'failure',
          errorCode: error instanceof Error ? error.name : 'unknown',
        }),
      );
  }, databaseOpenDelayMs);
  openDatabaseSoon.unref();
}

/** Long enough for the server to answer its first page, short enough that the first sign-in rarely waits. */
const databaseOpenDelayMs = 1_500;
