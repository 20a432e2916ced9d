import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Who signed in and how: carried from the sign-in pages into codes and refresh tokens. */
export const authenticationSchema = z.object({
  oid: z.string(),
  tid: z.string(),
  amr: z.array(z.string()),
  authTimeSec: z.number(),
  /** Emulator time of the sign-in; revocations kill grants from sign-ins before them. */
  authTimeMs: z.number(),
  sessionId: z.string(),
});
export type Authentication = z.infer<typeof authenticationSchema>;

export interface AuthorizationCodeRecord {
  clientId: string;
  redirectUri: string;
  codeChallenge: string | null;
  version: 'v1' | 'v2';
  resource: string;
  scopes: string[];
  oidc: string[];
  nonce: string | null;
  auth: Authentication;
  expiresMs: number;
  redeemed: boolean;
}

const refreshTokenSchema = z.object({
  clientId: z.string(),
  version: z.enum(['v1', 'v2']),
  /** The API of the original grant: a v1 redemption without `resource` gets this one. */
  resource: z.string(),
  /** The v2 scopes of the original grant (`offline_access`, `openid` shape the response). */
  oidc: z.array(z.string()),
  auth: authenticationSchema,
  issuedMs: z.number(),
});
export type RefreshTokenRecord = z.infer<typeof refreshTokenSchema>;

export const entraStateSchema = z.object({
  signingKey: z.unknown(),
  /** `${oid}|${clientId}` -> resource -> consented permission names. */
  consents: z.record(z.string(), z.record(z.string(), z.array(z.string()))),
  /** SHA-256 of the refresh token -> record; the raw token is never stored. */
  refreshTokens: z.record(z.string(), refreshTokenSchema),
  /** oid -> emulator time of the last revocation or password reset. */
  revokedAtMs: z.record(z.string(), z.number()),
});
export type EntraState = z.infer<typeof entraStateSchema>;

/** Opaque, unguessable token strings (codes, refresh tokens). */
export function opaqueToken(prefix: string, bytes = 48): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Entra ID's server-side memory: consents, codes, refresh tokens, revocations. */
export class EntraStore {
  consents: EntraState['consents'] = {};
  refreshTokens = new Map<string, RefreshTokenRecord>();
  revokedAtMs = new Map<string, number>();
  codes = new Map<string, AuthorizationCodeRecord>();

  consentKey(oid: string, clientId: string): string {
    return `${oid}|${clientId}`;
  }

  /** Permissions the user granted the client for a resource. */
  consented(oid: string, clientId: string, resource: string): string[] | undefined {
    return this.consents[this.consentKey(oid, clientId)]?.[resource];
  }

  grantConsent(
    oid: string,
    clientId: string,
    grants: Array<{ resource: string; scopes: string[] }>,
  ): void {
    const key = this.consentKey(oid, clientId);
    const record = (this.consents[key] ??= {});
    for (const grant of grants) {
      record[grant.resource] = [...new Set([...(record[grant.resource] ?? []), ...grant.scopes])];
    }
  }

  issueRefreshToken(record: RefreshTokenRecord): string {
    const token = opaqueToken('1.AEmu.');
    this.refreshTokens.set(tokenHash(token), record);
    return token;
  }

  issueCode(record: AuthorizationCodeRecord): string {
    const code = opaqueToken('1.AEmuCode.', 32);
    this.codes.set(tokenHash(code), record);
    return code;
  }

  export(signingKey: unknown): EntraState {
    return {
      signingKey,
      consents: this.consents,
      refreshTokens: Object.fromEntries(this.refreshTokens),
      revokedAtMs: Object.fromEntries(this.revokedAtMs),
    };
  }

  import(state: EntraState): void {
    this.consents = state.consents;
    this.refreshTokens = new Map(Object.entries(state.refreshTokens));
    this.revokedAtMs = new Map(Object.entries(state.revokedAtMs));
    this.codes.clear();
  }

  clear(): void {
    this.consents = {};
    this.refreshTokens.clear();
    this.revokedAtMs.clear();
    this.codes.clear();
  }
}
