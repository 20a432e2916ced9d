import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from './index';

const azure = {
  PORTAL_PUBLIC_URL: 'https://portal.example.com',
  AUTH_SECRET: 'config-test-secret-0123456789-abcdefghij',
  ENTRA_TENANT_ID: '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
  ENTRA_CLIENT_ID: 'c4a1e5f0-7b2d-4e89-a6c3-0f5d8b2e9a31',
  ENTRA_CLIENT_SECRET: 'secret-value',
  KEY_VAULT_URL: 'https://example.vault.azure.net',
};

function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('defaults to real Azure', () => {
    const config = loadConfig(azure);
    expect(config.profile).toBe('azure');
    expect(config.entra.authorityHost).toBe('https://login.microsoftonline.com');
    expect(config.entra.endpointVersion).toBe('v2');
    expect(config.partnerCenter.baseUrl).toBe('https://api.partnercenter.microsoft.com');
    expect(config.roles).toEqual({ admin: 'Admin', salesAgent: 'SalesAgent', ops: 'Ops' });
  });

  // Azure App Service drops a response idle for 230 s; below 30 s no export page could arrive.
  it("reads the front end's idle timeout for downloads: App Service's by default, within bounds", () => {
    expect(loadConfig(azure).downloads.idleSeconds).toBe(230);
    expect(loadConfig({ ...azure, DOWNLOAD_IDLE_SECONDS: '1800' }).downloads.idleSeconds).toBe(
      1800,
    );
    for (const value of ['29', '3601', 'four minutes'])
      expect(problems({ ...azure, DOWNLOAD_IDLE_SECONDS: value })).toEqual([
        expect.stringMatching(/^DOWNLOAD_IDLE_SECONDS: /),
      ]);
  });

  it('writes the home tenant id in lower case, as Entra and Key Vault write tenant ids', () => {
    const home = azure.ENTRA_TENANT_ID;
    expect(loadConfig({ ...azure, ENTRA_TENANT_ID: home.toUpperCase() }).entra.homeTenantId).toBe(
      home,
    );
  });

  it.each([
    ['AUTH_SECRET', 'AUTH_SECRET is not set'],
    ['ENTRA_CLIENT_ID', 'ENTRA_CLIENT_ID is not set'],
    ['KEY_VAULT_URL', 'KEY_VAULT_URL is not set'],
    ['PORTAL_PUBLIC_URL', 'PORTAL_PUBLIC_URL is not set'],
  ])('names a missing %s', (variable, message) => {
    expect(problems({ ...azure, [variable]: undefined })).toEqual([message]);
  });

  it('reads the optional client secret expiry and names a malformed one', () => {
    expect(
      loadConfig({ ...azure, ENTRA_CLIENT_SECRET_EXPIRES_AT: '2027-06-30' }).entra.credential,
    ).toMatchObject({ kind: 'secret', expiresAt: '2027-06-30' });
    expect(loadConfig(azure).entra.credential).not.toHaveProperty('expiresAt');
    expect(problems({ ...azure, ENTRA_CLIENT_SECRET_EXPIRES_AT: 'next june' }).join('\n')).toMatch(
      /ENTRA_CLIENT_SECRET_EXPIRES_AT/,
    );
  });

  it('names a missing client credential with both ways to fix it', () => {
    const [problem] = problems({ ...azure, ENTRA_CLIENT_SECRET: undefined });
    expect(problem).toMatch(/ENTRA_CLIENT_SECRET/);
    expect(problem).toMatch(/ENTRA_CLIENT_CERTIFICATE_PATH/);
  });

  it.each([
    ['ENTRA_CLIENT_ID', 'not-a-guid', /ENTRA_CLIENT_ID: must be a GUID/],
    ['AUTH_SECRET', 'short', /AUTH_SECRET: must be at least 32 characters/],
    ['ENTRA_ENDPOINT_VERSION', 'v3', /ENTRA_ENDPOINT_VERSION/],
    ['KEY_VAULT_URL', 'not a url', /KEY_VAULT_URL/],
    ['TOKEN_REFRESH_SKEW_SECONDS', 'soon', /TOKEN_REFRESH_SKEW_SECONDS/],
  ])('names an invalid %s', (variable, value, message) => {
    const found = problems({ ...azure, [variable]: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  // The client secret or assertion and the refresh token travel to the authority host, the
  // access token to Partner Center, refresh tokens to and from Key Vault.
  it.each([
    ['ENTRA_AUTHORITY_HOST', 'http://login.microsoftonline.com'],
    ['PARTNER_CENTER_URL', 'http://api.partnercenter.microsoft.com'],
    ['KEY_VAULT_URL', 'http://example.vault.azure.net'],
  ])('refuses a plain-http %s in the azure profile', (variable, value) => {
    expect(problems({ ...azure, [variable]: value })).toEqual([
      `${variable}: must be an https:// address (credentials are sent to it)`,
    ]);
  });

  // next-auth marks session cookies Secure only over https, and Entra returns codes over http
  // to localhost only.
  it('refuses a plain-http PORTAL_PUBLIC_URL except on this machine', () => {
    expect(problems({ ...azure, PORTAL_PUBLIC_URL: 'http://portal.example.com' })).toEqual([
      'PORTAL_PUBLIC_URL: must be an https:// address (session cookies and sign-in codes go to it); http only for localhost',
    ]);
    for (const local of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000'])
      expect(loadConfig({ ...azure, PORTAL_PUBLIC_URL: local }).publicUrl).toBe(local);
  });

  // The portal serves from the root of its host; a path would only move the redirect_uri.
  it('refuses a PORTAL_PUBLIC_URL with a path, query or fragment, naming its origin', () => {
    for (const address of [
      'https://portal.example.com/portal',
      'https://portal.example.com/?tenant=x',
      'https://portal.example.com/#top',
    ])
      expect(problems({ ...azure, PORTAL_PUBLIC_URL: address })).toEqual([
        "PORTAL_PUBLIC_URL: must be the portal's origin only, without a path, query or fragment (e.g. https://portal.example.com)",
      ]);
    expect(
      loadConfig({ ...azure, PORTAL_PUBLIC_URL: 'https://portal.example.com:8443' }).publicUrl,
    ).toBe('https://portal.example.com:8443');
  });

  // next-auth builds the sign-in's redirect_uri from the origin; the code exchange must match it.
  it('keeps PORTAL_PUBLIC_URL as its origin: lower-case host, no default port or trailing slash', () => {
    for (const address of [
      'https://portal.example.com/',
      'https://Portal.Example.com:443',
      'HTTPS://portal.example.com:443/',
    ])
      expect(loadConfig({ ...azure, PORTAL_PUBLIC_URL: address }).publicUrl).toBe(
        'https://portal.example.com',
      );
  });

  // Whoever guesses the session secret can forge any session.
  it.each(['a'.repeat(40), 'changemechangemechangemechangeme'])(
    'refuses a session secret as guessable as %s',
    (secret) => {
      expect(problems({ ...azure, AUTH_SECRET: secret })).toEqual([
        expect.stringMatching(/^AUTH_SECRET: must be random .*openssl rand -base64 32/),
      ]);
    },
  );

  it('accepts what openssl rand makes, in base64 or hex', () => {
    for (const secret of [randomBytes(32).toString('base64'), randomBytes(32).toString('hex')])
      expect(loadConfig({ ...azure, AUTH_SECRET: secret }).sessionSecret).toBe(secret);
  });

  it('keeps the scheduler token apart from the monitor token', () => {
    const monitor = 'm'.repeat(30);
    expect(loadConfig({ ...azure, SCHEDULER_TOKEN: 's'.repeat(30) }).scheduler.token).toBe(
      's'.repeat(30),
    );
    expect(loadConfig(azure).scheduler.token).toBeUndefined();
    expect(problems({ ...azure, SCHEDULER_TOKEN: 'short' })).toEqual([
      expect.stringMatching(/^SCHEDULER_TOKEN: .*24/),
    ]);
    // One token for both would let every monitor run the jobs.
    expect(problems({ ...azure, HEALTH_MONITOR_TOKEN: monitor, SCHEDULER_TOKEN: monitor })).toEqual(
      [
        'SCHEDULER_TOKEN: must differ from HEALTH_MONITOR_TOKEN (monitors only read; the scheduler runs jobs)',
      ],
    );
  });

  // The monitor token is handed to monitoring tools and the scheduler token to a Logic App;
  // either being the cookie-encryption key would let its holder mint sessions.
  it.each(['HEALTH_MONITOR_TOKEN', 'SCHEDULER_TOKEN'])(
    'refuses %s equal to AUTH_SECRET',
    (variable) => {
      expect(problems({ ...azure, [variable]: azure.AUTH_SECRET })).toEqual([
        `${variable}: must differ from AUTH_SECRET (a holder of the session secret can forge sessions)`,
      ]);
    },
  );

  it('refuses token timings that would let a refresh token die unseen or redeem on every lookup', () => {
    expect(
      problems({
        ...azure,
        TOKEN_KEEP_ALIVE_IDLE_SECONDS: String(90 * 86_400),
        TOKEN_REFRESH_SKEW_SECONDS: '3600',
        TOKEN_KEEP_ALIVE_CHECK_SECONDS: String(7 * 86_400),
      }),
    ).toEqual([
      'TOKEN_REFRESH_SKEW_SECONDS: must be at most 1800 (access tokens live about an hour)',
      'TOKEN_KEEP_ALIVE_IDLE_SECONDS: must be at most 5184000 (60 days): Entra ends a refresh token after 90 days unused',
      'TOKEN_KEEP_ALIVE_CHECK_SECONDS: must be at most 86400 (a day), or 0 to leave it to a scheduler',
    ]);
    expect(
      problems({
        ...azure,
        TOKEN_KEEP_ALIVE_IDLE_SECONDS: String(60 * 86_400),
        TOKEN_REFRESH_SKEW_SECONDS: '1800',
        TOKEN_KEEP_ALIVE_CHECK_SECONDS: '0',
      }),
    ).toEqual([]);
  });

  it('lists every problem at once and points to .env.example', () => {
    try {
      loadConfig({});
      expect.unreachable('an empty environment must not load');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).code).toBe('config_invalid');
      expect((error as ConfigError).problems.length).toBeGreaterThanOrEqual(5);
      expect((error as Error).message).toContain('.env.example');
    }
  });

  /** An emulator endpoints file, as `npm run emulator` writes it. */
  function emulatorEndpointsFile(): string {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'portal-config-')), 'endpoints.json');
    writeFileSync(
      file,
      JSON.stringify({
        loginUrl: 'https://127.0.0.1:9441',
        vaultUrl: 'https://127.0.0.1:9442',
        partnerCenterUrl: 'https://127.0.0.1:9443',
        controlUrl: 'https://127.0.0.1:9441/_emulator',
        caFile: 'ca.pem',
        homeTenantId: azure.ENTRA_TENANT_ID,
        partnerTenants: [],
        app: {
          clientId: azure.ENTRA_CLIENT_ID,
          clientSecret: 'emu-secret',
          certificateFile: 'app.pem',
        },
      }),
    );
    return file;
  }

  it('local profile fills endpoints from the emulator file; explicit variables still win', () => {
    const file = emulatorEndpointsFile();
    const config = loadConfig({
      PORTAL_PROFILE: 'local',
      EMULATOR_ENDPOINTS_FILE: file,
      AUTH_SECRET: azure.AUTH_SECRET,
      PORT: '3100',
      ENTRA_ENDPOINT_VERSION: 'v1',
    });
    expect(config.entra.authorityHost).toBe('https://127.0.0.1:9441');
    expect(config.keyVault).toEqual({ url: 'https://127.0.0.1:9442', credential: 'app' });
    expect(config.publicUrl).toBe('http://localhost:3100');
    expect(config.entra.endpointVersion).toBe('v1');
    expect(config.entra.credential).toEqual({ kind: 'secret', secret: 'emu-secret' });
  });

  it('reads the SSRF exceptions as exact host:port pairs, written as the guard compares them', () => {
    expect(loadConfig(azure).alerts.allowedPrivateHosts).toEqual([]);
    expect(
      loadConfig({
        ...azure,
        ALERT_ALLOWED_PRIVATE_HOSTS: 'Relay.Corp.Example:443, 127.0.0.1:4010 [::1]:8080',
      }).alerts.allowedPrivateHosts,
    ).toEqual(['relay.corp.example:443', '127.0.0.1:4010', '[::1]:8080']);
    // A host without its port would open every port of it: refused, with what to write.
    expect(problems({ ...azure, ALERT_ALLOWED_PRIVATE_HOSTS: '10.0.0.5' })).toEqual([
      expect.stringMatching(/ALERT_ALLOWED_PRIVATE_HOSTS.*host:port/),
    ]);
  });

  it.each([
    ['KEY_VAULT_URL', 'https://contoso-portal.vault.azure.net'],
    ['ENTRA_AUTHORITY_HOST', 'https://login.microsoftonline.com'],
    ['PARTNER_CENTER_URL', 'https://api.partnercenter.microsoft.com'],
  ])(
    'local profile refuses %s off this machine: it relaxes checks that real Azure needs',
    (variable, value) => {
      const local = {
        PORTAL_PROFILE: 'local',
        EMULATOR_ENDPOINTS_FILE: emulatorEndpointsFile(),
        AUTH_SECRET: azure.AUTH_SECRET,
      };
      expect(problems(local)).toEqual([]);
      expect(problems({ ...local, [variable]: value })).toEqual([
        expect.stringMatching(new RegExp(`^${variable}: must be on this machine`)),
      ]);
    },
  );

  it('local profile without the emulator file says how to start it', () => {
    expect(() =>
      loadConfig({
        PORTAL_PROFILE: 'local',
        EMULATOR_ENDPOINTS_FILE: '/nonexistent/endpoints.json',
      }),
    ).toThrow(/npm run emulator/);
  });
});

describe('getConfig', () => {
  it('validates the environment once per process, however many copies of the module load', async () => {
    for (const [name, value] of Object.entries({ PORTAL_PROFILE: 'azure', ...azure }))
      vi.stubEnv(name, value);
    try {
      const first = (await import('./index')).getConfig();
      // A second copy of the module, as Next loads one per bundle.
      vi.resetModules();
      const copy = await import('./index');
      vi.stubEnv('PORTAL_PUBLIC_URL', 'https://elsewhere.example.com');
      expect(copy.getConfig()).toBe(first);
      expect(copy.getConfig().publicUrl).toBe('https://portal.example.com');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
