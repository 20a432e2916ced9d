import { loadConfig, type PortalConfig } from '@/lib/config';

/** A valid configuration for unit tests (no emulator, no environment). */
export function unitTestConfig(overrides: Record<string, string> = {}): PortalConfig {
  return loadConfig({
    PORTAL_PROFILE: 'azure',
    PORTAL_PUBLIC_URL: 'http://localhost:3000',
    AUTH_SECRET: 'unit-test-secret-unit-test-secret-0123',
    ENTRA_TENANT_ID: '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
    ENTRA_CLIENT_ID: 'c4a1e5f0-7b2d-4e89-a6c3-0f5d8b2e9a31',
    ENTRA_CLIENT_SECRET: 'unit-test-client-secret',
    KEY_VAULT_URL: 'https://vault.example.test',
    ...overrides,
  });
}
