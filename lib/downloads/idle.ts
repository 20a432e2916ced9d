/**
 * A download streams its body as it reads it, and the front end in front of the portal drops a
 * connection that sends nothing for its idle timeout: Azure App Service after 230 s ("Why does
 * my request time out after 230 seconds? Azure Load Balancer has a default idle timeout setting
 * of four minutes", Microsoft's App Service performance FAQ). A walk's page may take 5 minutes
 * (lib/partner-center/retry.ts), and a filtered export may read page after page without a row
 * to send, so a users export could stay silent past that: the browser sees a network error, the
 * portal a download still running (and then a cancel). A download therefore counts its silence
 * from the last bytes it sent, gives each page only what is left of it, and stops before the
 * front end would, as the portal's own error, written to the audit trail.
 */

/** Time left for writing a page's rows and for the network before the front end's timeout. */
const marginSeconds = 10;

/** The most time a download may go without sending bytes, from the front end's idle timeout. */
export function downloadSilenceBudgetMs(idleSeconds: number): number {
  return Math.max(1, idleSeconds - marginSeconds) * 1_000;
}

/**
 * A download stopped because it had read pages for its whole silence budget without anything
 * to send (a search no user of those pages matched), before the front end would cut it.
 */
export class DownloadIdleError extends Error {
  constructor(
    readonly silenceBudgetMs: number,
    options?: { cause?: unknown },
  ) {
    super(`The download sent nothing for ${silenceBudgetMs / 1_000} s and stopped.`, options);
    this.name = 'DownloadIdleError';
  }
}
