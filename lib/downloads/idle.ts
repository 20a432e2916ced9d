/**
 * A download streams its body as it reads it, and the front end in front of the portal drops a
 * connection that sends nothing for its idle timeout: Azure App Service after 230 s ("Why does
 * my request time out after 230 seconds? Azure Load Balancer has a default idle timeout setting
 * of four minutes", Microsoft's App Service performance FAQ). A walk's page may take 5 minutes
 * (lib/partner-center/retry.ts), so a users export whose page waited that long would be cut by
 * the front end: the browser sees a network error, the portal a download still running. Each
 * page of a download therefore gives up before the front end would, and the download fails as
 * the portal's own error, written to the audit trail.
 */

/** Time left for writing a page's rows and for the network before the front end's timeout. */
const marginSeconds = 10;

/** The most time one page of a download may take, from the front end's idle timeout. */
export function downloadPageBudgetMs(idleSeconds: number): number {
  return Math.max(1, idleSeconds - marginSeconds) * 1_000;
}
