import { hostname } from 'node:os';

/**
 * This process's name among the portal's instances in the shared probe history (instances.ts):
 * it must differ between instances, or each would take the others' samples for its own.
 *
 * - App Service: `WEBSITE_INSTANCE_ID`, "the id representing the VM that the site is running on
 *   (if site runs on multiple instances, each instance will have a different id)" (Kudu's
 *   "Azure runtime environment"; OpenTelemetry's Azure App Service detector takes it as
 *   `service.instance.id`). A 64-digit hex id: its first 12 digits, as the platform's own
 *   tools match it by prefix, keep a page readable (48 bits: no two of a plan's instances meet).
 * - Container Apps: `CONTAINER_APP_REPLICA_NAME`, the replica's name (Microsoft Learn, "Manage
 *   environment variables on Azure Container Apps", built-in variables).
 * - Anywhere else: the host name, a container's own.
 *
 * The process id tells apart instances sharing one (several `next start` on one machine).
 */
export function instanceName(
  env: Readonly<Record<string, string | undefined>> = process.env,
  host: () => string = hostname,
  pid: number = process.pid,
): string {
  const appService = env.WEBSITE_INSTANCE_ID?.trim();
  const replica = env.CONTAINER_APP_REPLICA_NAME?.trim();
  const name = appService ? appService.slice(0, 12) : replica || host();
  return `${name}/${pid}`;
}
