export interface ReadinessDeps {
  /** Throws when the configuration is invalid (getConfig). */
  validateConfig: () => unknown;
  /**
   * Whether this instance is cut off from a dependency another instance reaches
   * (HealthService.isCutOff). Absent: never.
   */
  isCutOff?: () => Promise<boolean>;
}

/**
 * Ready = this instance can serve: its configuration is valid, and it is not cut off from a
 * dependency that another instance, reaching every dependency, reaches (its own network path,
 * name resolution or identity broke): the load balancer sends its requests there instead.
 * Nothing every instance shares counts: when Key Vault, Entra, Partner Center or the database
 * is down for all of them, a not-ready verdict would take every instance out of rotation at
 * once, turning the outage into the portal's, health page included, while cached tokens could
 * still serve and the pages say what is wrong. `/api/health` reports the dependencies.
 * Deliberately no details: the endpoint is unauthenticated, so it says only yes or no.
 */
export async function isReady(deps: ReadinessDeps): Promise<boolean> {
  try {
    deps.validateConfig();
  } catch {
    return false;
  }
  return !(await deps.isCutOff?.().catch(() => false));
}
