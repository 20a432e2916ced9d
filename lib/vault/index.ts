import 'server-only';
import { systemClock } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { createRefreshTokenStore, type RefreshTokenMeta, type RefreshTokenStore } from './store';

export {
  createRefreshTokenStore,
  secretNameFor,
  refreshTokenContentType,
  type RefreshTokenStore,
  type RefreshTokenMeta,
  type StoredRefreshToken,
  type RefreshTokenVersion,
  type ConnectedTenant,
  type RotationResult,
  type SecretClientLike,
} from './store';
export { VaultError, type VaultErrorCode } from './errors';

// One store per process, kept on globalThis so Next's module duplication shares it.
const holder = globalThis as typeof globalThis & { __partnerPortalVault?: RefreshTokenStore };

/** The app's refresh-token store, built from getConfig() on first use. */
export function defaultRefreshTokenStore(): RefreshTokenStore {
  // Tags and `exp` are stamped on the cloud's clock, the one Key Vault stamps `created` with.
  holder.__partnerPortalVault ??= createRefreshTokenStore({
    config: getConfig(),
    clock: systemClock,
  });
  return holder.__partnerPortalVault;
}

/**
 * Stores a fresh consent's refresh token (new current version), with nothing keeping it out of
 * a token rotation's check-then-write: the app's consents save through the onboarding ports
 * (TokenService.changeConnection); this one is for seeding a vault (bench/pages.ts).
 */
export const saveRefreshToken = (
  partnerTenantId: string,
  refreshToken: string,
  meta: RefreshTokenMeta,
) => defaultRefreshTokenStore().saveRefreshToken(partnerTenantId, refreshToken, meta);
/** The current refresh token of a tenant, or null when not connected. */
export const readRefreshToken = (partnerTenantId: string) =>
  defaultRefreshTokenStore().readRefreshToken(partnerTenantId);
/** Version history without values. */
export const listRefreshTokenVersions = (partnerTenantId: string) =>
  defaultRefreshTokenStore().listRefreshTokenVersions(partnerTenantId);
