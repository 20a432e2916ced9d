import { z } from 'zod';
import { guidSchema } from '@/lib/validation/schemas';

/**
 * Every setting of the portal, validated once. Defaults target real Azure; the local
 * profile (see `local-profile.ts`) fills the endpoints from the emulator instead.
 */

const url = z.url({ protocol: /^https?$/ });

/** `host:port` with an explicit port (IPv6 in brackets), normalised as hostPortKey writes it. */
const allowedHostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, {
    error: 'each entry must be host:port, such as relay.example.internal:8443 or 127.0.0.1:4010',
  })
  .transform((entry, ctx) => {
    try {
      const parsed = new URL(`http://${entry}`);
      return `${parsed.hostname.toLowerCase()}:${parsed.port || '80'}`;
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not a host:port pair` });
      return z.NEVER;
    }
  });

const clientCredentialSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('secret'),
    secret: z.string().min(1),
    /** When the secret expires (optional; the onboarding check warns ahead of it). */
    expiresAt: z.union([z.iso.datetime({ offset: true }), z.iso.date()]).optional(),
  }),
  /** A PEM file holding the certificate and its private key. */
  z.object({ kind: z.literal('certificate'), certificatePath: z.string().min(1) }),
]);

/** Where the local profile's emulator may listen. */
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Fewest different characters a session secret may have. `openssl rand -base64 32` gives about
 * 30 and `-hex 32` 16; a repeated word or letter ("changemechangeme…") gives fewer than 10, and
 * whoever guesses the secret can forge any session.
 */
const sessionSecretMinDistinct = 10;

/**
 * The longest SESSION_MAX_HOURS: a sign-out is kept this long after the session's sign-in, so it
 * still holds after an operator raises the setting (lib/auth/sessions.ts).
 */
export const longestSessionHours = 24;

export const portalConfigSchema = z
  .object({
    profile: z.enum(['azure', 'local']),
    /** Where people reach the portal; redirect URIs are built from it. */
    publicUrl: url,
    /** Encrypts session and consent cookies; at least 32 characters. */
    sessionSecret: z
      .string()
      .min(32, { error: 'must be at least 32 characters', abort: true })
      .refine((secret) => new Set(secret).size >= sessionSecretMinDistinct, {
        error: `must be random (it has fewer than ${sessionSecretMinDistinct} different characters): generate one with \`openssl rand -base64 32\``,
      }),
    entra: z.object({
      authorityHost: url,
      endpointVersion: z.enum(['v1', 'v2']),
      /** Tenant in the sign-in URL: `organizations` lets every partner tenant sign in. */
      signInTenant: z.union([guidSchema, z.enum(['organizations', 'common'])]),
      /**
       * Tenant the app registration and the Key Vault live in. Lower case, as Entra's `tid` and
       * Key Vault's secret names write tenant ids, so it compares equal to them.
       */
      homeTenantId: guidSchema.transform((id) => id.toLowerCase()),
      /** Partner tenants admitted besides the home tenant; anyone else is refused at sign-in. */
      partnerTenantIds: z.array(guidSchema),
      clientId: guidSchema,
      credential: clientCredentialSchema,
    }),
    keyVault: z.object({
      url,
      /** `app`: the app registration's own credential; `default`: DefaultAzureCredential (managed identity). */
      credential: z.enum(['app', 'default']),
    }),
    partnerCenter: z.object({
      baseUrl: url,
      resource: z.string().min(1),
      /** How long list and detail answers are served from the per-partner cache; 0 turns it off. */
      cacheSeconds: z.number().int().min(0).max(3600),
      /**
       * Partner Center calls one person's page views may make in a minute, per instance
       * (lib/customers/person-budget.ts); answers from the cache do not count; 0 turns it off.
       */
      callsPerPersonPerMinute: z.number().int().min(0).max(1_000_000),
    }),
    roles: z.object({
      admin: z.string().min(1),
      salesAgent: z.string().min(1),
      ops: z.string().min(1),
    }),
    tokens: z.object({
      /**
       * Refresh an access token this long before it expires. At most 30 minutes: Entra's
       * access tokens live about an hour, and a skew near that would redeem on every lookup.
       */
      refreshSkewSeconds: z
        .number()
        .int()
        .min(0)
        .max(1_800, { error: 'must be at most 1800 (access tokens live about an hour)' }),
      /** Write a rotated refresh token back when the stored version is older than this. */
      writeBackIntervalSeconds: z.number().int().min(0),
      /**
       * Keep-alive redeems tenants idle longer than this. At most 60 days: Entra ends a refresh
       * token after 90 days unused, and the health page warns from 30 days before that.
       */
      keepAliveIdleSeconds: z
        .number()
        .int()
        .min(60)
        .max(60 * 86_400, {
          error:
            'must be at most 5184000 (60 days): Entra ends a refresh token after 90 days unused',
        }),
      /** How often the in-process keep-alive timer looks for idle tenants (0 = off; at most a day). */
      keepAliveCheckSeconds: z
        .number()
        .int()
        .min(0)
        .max(86_400, { error: 'must be at most 86400 (a day), or 0 to leave it to a scheduler' }),
    }),
    session: z.object({
      /** Absolute lifetime from the MFA sign-in; reading the session never extends it. */
      maxHours: z.number().int().min(1).max(longestSessionHours),
      /** A session unused this long ends. */
      idleMinutes: z.number().int().min(5),
      /**
       * Actions that cut colleagues off or redirect alerts (disconnect, alert targets) need a
       * sign-in at most this old: roles are read at sign-in only, and signing in again reads
       * them from Entra afresh (lib/auth/recent-sign-in.ts).
       */
      recentSignInSeconds: z
        .number()
        .int()
        .min(10)
        .max(longestSessionHours * 3600),
    }),
    health: z.object({
      /** Bearer token monitors present to `/api/health` (read-only); unset = session only. */
      monitorToken: z.string().min(24).optional(),
      probeIntervalSeconds: z.number().int().min(1),
      warnDays: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
    }),
    scheduler: z.object({
      /**
       * Bearer token an external scheduler presents to the job routes (keep-alive, alert
       * evaluation), which write to Key Vault and send alerts; unset = Admin sessions only.
       */
      token: z.string().min(24).optional(),
    }),
    security: z.object({
      /** Reverse proxies in front of the portal that append to X-Forwarded-For (0 = none). */
      trustedProxyCount: z.number().int().min(0).max(10),
      /** Sign-in starts and sign-in callbacks per client address and minute (burst and rate). */
      signInPerMinute: z.number().int().min(1),
      /** Consent callbacks per client address and minute. */
      consentCallbackPerMinute: z.number().int().min(1),
    }),
    database: z.object({
      /** PostgreSQL connection string (e.g. Azure Database for PostgreSQL); unset = embedded PGlite. */
      url: z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
        .optional(),
      /** Folder of the embedded database when `url` is unset. */
      embeddedDir: z.string().min(1),
    }),
    downloads: z.object({
      /**
       * How long the front end in front of the portal lets a response go without a byte before
       * it drops the connection (Azure App Service: 230 s). A users export must send each page
       * within it (lib/downloads/idle.ts).
       */
      idleSeconds: z.number().int().min(30).max(3_600),
    }),
    audit: z.object({
      /** Audit events older than this many days are purged. */
      retentionDays: z.number().int().min(1).max(36_500),
    }),
    alerts: z.object({
      /** A reminder for a condition still open after this many hours. */
      repeatHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30),
      /** Alert after this many consecutive failed redemptions of one tenant's token. */
      failureThreshold: z.number().int().min(1).max(100),
      /** Alert when a dependency has been down, or throttling the portal, longer than this. */
      dependencyDownMinutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60),
      /** Delivery attempts per target and message (retried with exponential backoff). */
      deliveryAttempts: z.number().int().min(1).max(10),
      /** The first retry waits this long; each next one twice as long. */
      retryBaseSeconds: z.number().int().min(0).max(600),
      /**
       * The only web targets that may be on a private, loopback or link-local address: exact
       * `host:port` pairs the operator names (an internal relay; the e2e run's receiver).
       * Everything else an admin enters must resolve to public addresses only.
       */
      allowedPrivateHosts: z.array(allowedHostPort).max(50),
    }),
  })
  .check((ctx) => {
    const { profile, publicUrl, sessionSecret, entra, keyVault, partnerCenter, health, scheduler } =
      ctx.value;
    // Session cookies go to the public address (next-auth marks them Secure only over https) and
    // Entra sends codes back to it, which it accepts over http only for localhost.
    if (URL.canParse(publicUrl)) {
      const { protocol, hostname, pathname, search, hash } = new URL(publicUrl);
      if (protocol === 'http:' && !loopbackHosts.has(hostname))
        ctx.issues.push({
          code: 'custom',
          input: publicUrl,
          path: ['publicUrl'],
          message:
            'must be an https:// address (session cookies and sign-in codes go to it); http only for localhost',
        });
      // The portal answers at the root of its host: its pages link to `/customers`, cookies are
      // set for `/`. A path here would only move the sign-in's redirect_uri under it, where
      // nothing answers, so every sign-in would fail after Entra.
      if (pathname !== '/' || search || hash)
        ctx.issues.push({
          code: 'custom',
          input: publicUrl,
          path: ['publicUrl'],
          message: `must be the portal's origin only, without a path, query or fragment (e.g. ${new URL(publicUrl).origin})`,
        });
    }
    // The client secret or assertion, codes and refresh tokens go to the authority host, access
    // tokens to Partner Center, refresh tokens to and from Key Vault: never over plain http.
    // The local profile talks to the emulator and relaxes checks for it (Key Vault's challenge
    // resource; alert targets on plain http or SMTP without TLS): it may talk to this machine only.
    const credentialEndpoints: [string[], string][] = [
      [['entra', 'authorityHost'], entra.authorityHost],
      [['keyVault', 'url'], keyVault.url],
      [['partnerCenter', 'baseUrl'], partnerCenter.baseUrl],
    ];
    // The url schema has already named anything unparsable or neither http nor https.
    for (const [path, address] of credentialEndpoints) {
      if (!URL.canParse(address)) continue;
      const { protocol, hostname } = new URL(address);
      if (profile !== 'local' && protocol === 'http:')
        ctx.issues.push({
          code: 'custom',
          input: address,
          path,
          message: 'must be an https:// address (credentials are sent to it)',
        });
      if (profile === 'local' && !loopbackHosts.has(hostname))
        ctx.issues.push({
          code: 'custom',
          input: address,
          path,
          message:
            'must be on this machine (localhost, 127.0.0.1, [::1]) with PORTAL_PROFILE=local, which relaxes checks for the emulator',
        });
    }
    // One token for both would let every monitor run the jobs: monitors change nothing.
    if (scheduler.token !== undefined && scheduler.token === health.monitorToken)
      ctx.issues.push({
        code: 'custom',
        input: scheduler.token,
        path: ['scheduler', 'token'],
        message:
          'must differ from HEALTH_MONITOR_TOKEN (monitors only read; the scheduler runs jobs)',
      });
    // Both tokens are handed to other systems (monitoring tools, a scheduler); the session
    // secret encrypts the session cookies, so whoever held it could forge any session.
    const bearerTokens: [string[], string | undefined][] = [
      [['health', 'monitorToken'], health.monitorToken],
      [['scheduler', 'token'], scheduler.token],
    ];
    for (const [path, token] of bearerTokens)
      if (token === sessionSecret)
        ctx.issues.push({
          code: 'custom',
          input: token,
          path,
          message:
            'must differ from AUTH_SECRET (a holder of the session secret can forge sessions)',
        });
  })
  // The public address as its origin (lower-case host, no default port, no trailing slash):
  // next-auth builds the sign-in's redirect_uri from the origin, and the code exchange must
  // send the very same string (`https://Portal.example.com:443/` would differ in three ways).
  .transform((config) => ({ ...config, publicUrl: new URL(config.publicUrl).origin }));

export type PortalConfig = z.infer<typeof portalConfigSchema>;
