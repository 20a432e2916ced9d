import type { DependencyState } from './types';

export interface ReadinessDeps {
  /** Throws when the configuration is invalid (getConfig). */
  validateConfig: () => unknown;
  keyVaultState: () => Promise<DependencyState>;
}

/**
 * Ready = configuration valid and Key Vault answering. A vault that throttles (`degraded`)
 * answers: its limits are per vault, so every instance meets them at once, and a not-ready
 * verdict would take them all out of rotation (or have App Service replace them) and turn
 * the wait into an outage. Deliberately no details: the endpoint is unauthenticated, so it
 * says only yes or no.
 */
export async function isReady(deps: ReadinessDeps): Promise<boolean> {
  try {
    deps.validateConfig();
  } catch {
    return false;
  }
  try {
    const state = await deps.keyVaultState();
    return state === 'ok' || state === 'degraded';
  } catch {
    return false;
  }
}
