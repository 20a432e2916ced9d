/**
 * Runs once when the server starts: validate the configuration so a missing or wrong
 * setting stops start-up with a message naming it, instead of failing on the first request;
 * then answer the methods Next cannot serve (lib/security/method-guard.ts) and start the
 * refresh-token keep-alive timer (once per process; lib/tokens guards it).
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
  // `next build` also loads this file; the timer and the guard belong to the serving process only.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { installMethodGuard } = await import('@/lib/security/method-guard');
  installMethodGuard({ https: getConfig().publicUrl.startsWith('https://') });
  const { startKeepAliveTimer } = await import('@/lib/tokens');
  startKeepAliveTimer();
}
