export interface ReadinessDeps {
  /** Throws when the configuration is invalid (getConfig). */
  validateConfig: () => unknown;
}

/**
 * Ready = this instance can serve: its configuration is valid. Nothing every instance shares
 * (Key Vault, Entra, Partner Center, the database) counts: when one of those is down it is down
 * for all of them, and a not-ready verdict would take every instance out of rotation at once,
 * turning the outage into the portal's, health page included, while cached tokens could still
 * serve and the pages say what is wrong. `/api/health` reports the dependencies. Deliberately
 * no details: the endpoint is unauthenticated, so it says only yes or no.
 */
export function isReady(deps: ReadinessDeps): boolean {
  try {
    deps.validateConfig();
    return true;
  } catch {
    return false;
  }
}
