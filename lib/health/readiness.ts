import type { DependencyState } from './types';

export interface ReadinessDeps {
  /** Throws when the configuration is invalid (getConfig). */
  validateConfig: () => unknown;
  keyVaultState: () => Promise<DependencyState>;
}

/**
 * Ready = configuration valid and Key Vault reachable. Deliberately no details: the
 * endpoint is unauthenticated, so it says only yes or no.
 */
export async function isReady(deps: ReadinessDeps): Promise<boolean> {
  try {
    deps.validateConfig();
  } catch {
    return false;
  }
  try {
    return (await deps.keyVaultState()) === 'ok';
  } catch {
    return false;
  }
}
