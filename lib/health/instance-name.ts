import { hostname } from 'node:os';

/**
 * This process's name among the portal's instances in the shared probe history (instances.ts):
 * it must differ between live processes, or each would take the others' samples for its own.
 *
 * - The host name: a container's own (the image runs one server per container, so its process
 *   id is 1 in every container, and tells apart only processes sharing a host, such as several
 *   `next start` on one machine).
 * - Before it, the platform's name for the instance, which its own views and logs use: App
 *   Service's `WEBSITE_INSTANCE_ID`, "the id representing the VM that the site is running on
 *   (if site runs on multiple instances, each instance will have a different id)" (Kudu's
 *   "Azure runtime environment"; OpenTelemetry's Azure App Service detector reports it as
 *   `service.instance.id`), its first 12 of 64 hex digits to keep a page readable; or Container
 *   Apps' `CONTAINER_APP_REPLICA_NAME` (Microsoft Learn, "Manage environment variables on Azure
 *   Container Apps", built-in variables). Not alone: the id names the VM, and while App Service
 *   warms up a new container beside the one it replaces, both run on it.
 */
export function instanceName(
  env: Readonly<Record<string, string | undefined>> = process.env,
  host: () => string = hostname,
  pid: number = process.pid,
): string {
  const appService = env.WEBSITE_INSTANCE_ID?.trim().slice(0, 12);
  const replica = env.CONTAINER_APP_REPLICA_NAME?.trim();
  const platform = appService || replica;
  const own = host();
  return platform && platform !== own ? `${platform}/${own}/${pid}` : `${own}/${pid}`;
}
