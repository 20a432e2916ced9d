/**
 * The Node.js server's start-up (instrumentation.ts loads it only in the Node.js runtime, so
 * none of this reaches the edge bundle): telemetry first, so the first request is traced;
 * then the configuration, so a missing or wrong setting stops start-up with a message naming
 * it instead of failing on the first request; then the guard that answers the methods Next
 * cannot serve (lib/security/method-guard.ts); the embedded database starts opening (on its own
 * thread); the refresh-token keep-alive timer starts, and a PostgreSQL database opens, just after.
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
  const { publicUrl, database } = getConfig();
  const { installMethodGuard } = await import('@/lib/security/method-guard');
  installMethodGuard({ https: publicUrl.startsWith('https://') });
  // The embedded database starts opening at once: PGlite starts on a thread of its own
  // (lib/db/pglite-thread.ts), beside Next's loading of the first page, so the first signed-in
  // page (whose session check needs it) finds it open. A failure is left to the background
  // work below, which tries again and logs it.
  if (!database.url) {
    const { startOpeningEmbeddedDatabase } = await import('@/lib/db/embedded');
    startOpeningEmbeddedDatabase(database.embeddedDir);
  }
  // The background work starts shortly after start, not before the first page: the landing
  // page needs neither the token service (with the Azure SDKs it loads) nor a PostgreSQL
  // server's pool and migrations, and any earlier user (a signed-in page's session check)
  // loads or opens them on demand (getDatabase).
  const startSoon = setTimeout(() => void startBackgroundWork(), backgroundWorkDelayMs);
  startSoon.unref();
}

/** Long enough for the server to answer its first page, short enough that the first sign-in rarely waits. */
const backgroundWorkDelayMs = 1_500;

/**
 * The keep-alive timer (which also purges expired audit events) and the database. A
 * database that is away does not stop the portal: audit events wait in memory, /api/health
 * says so, and the next use tries again.
 */
async function startBackgroundWork(): Promise<void> {
  const { startKeepAliveTimer } = await import('@/lib/tokens');
  startKeepAliveTimer();
  const { getDatabase } = await import('@/lib/db');
  const { purgeExpiredAuditEvents } = await import('@/lib/audit/retention');
  const { logEvent } = await import('@/lib/log');
  const { defaultAuditWriter } = await import('@/lib/audit/record');
  const { watchAuditOnShutdown } = await import('@/lib/audit/shutdown');
  watchAuditOnShutdown(defaultAuditWriter(), {
    signals: process,
    manualSignals: Boolean(process.env.NEXT_MANUAL_SIG_HANDLE),
    warn: (message, fields) => logEvent('warn', message, fields),
  });
  await getDatabase()
    .then(() => purgeExpiredAuditEvents())
    .catch((error: unknown) =>
      logEvent('error', 'database not available at start-up', {
        outcome: 'failure',
        errorCode: error instanceof Error ? error.name : 'unknown',
      }),
    );
}
