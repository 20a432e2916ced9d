import type { Clock } from './clock';
import type { Counters } from './counters';
import type { FaultInjector, ServiceName } from './faults';
import type { EmulatorRequest, EmulatorResponse, Handler } from './http';
import type { Identities } from '../seed/identities';

/** Claims of a token the emulator's Entra ID issued and verified. */
export type VerifiedClaims = Record<string, unknown> & {
  aud: string;
  iss: string;
  tid: string;
  exp: number;
  oid?: string;
  appid?: string;
  azp?: string;
  amr?: string[];
  scp?: string;
  roles?: string[];
};

/**
 * How Key Vault and Partner Center check bearer tokens: signature against the emulator's
 * Entra signing keys, `exp`/`nbf` against the emulator clock, and the expected audience.
 * Throws `TokenRejected` with a reason that the service turns into its own error shape.
 */
export interface TokenVerifier {
  verify(token: string, expected: { audience: string }): Promise<VerifiedClaims>;
}

/**
 * Why a token was refused, for the services whose answers differ by it (Key Vault's 401
 * messages): `audience` with the audience found, `unknown-key` with the token's encoded header.
 */
export type TokenRejection =
  | { kind: 'audience'; found: string }
  | { kind: 'unknown-key'; encodedHeader: string }
  | { kind: 'expired' | 'not-yet-valid' | 'signature' | 'malformed' };

export class TokenRejected extends Error {
  constructor(
    /** In the emulator's words, for logs; never the token itself. */
    readonly reason: string,
    readonly rejection: TokenRejection = { kind: 'malformed' },
  ) {
    super(reason);
    this.name = 'TokenRejected';
  }
}

/** What every service module gets from the emulator at start. */
export interface EmulatorContext {
  clock: Clock;
  counters: Counters;
  faults: FaultInjector;
  identities: Identities;
  tokens: TokenVerifier;
}

/**
 * One emulated Microsoft service, served on its own HTTPS origin. State that must survive a
 * restart of `npm run emulator` goes through `exportState`/`importState` (plain JSON).
 */
export interface ServiceModule {
  name: ServiceName;
  handle: Handler;
  exportState(): unknown;
  importState(state: unknown): void;
  /** Back to the seeded state (test control `POST /_emulator/reset`). */
  reset(): void;
  /**
   * The service's own error shape for failures the shared server produces: oversized bodies
   * (413), injected faults (5xx, 429 with Retry-After), unexpected exceptions (500).
   */
  errorResponse(
    status: number,
    message: string,
    headers?: Record<string, string>,
  ): EmulatorResponse;
  /**
   * Service-specific test controls under `/_emulator/<service>/...` (e.g. Partner Center's
   * throttle rate); `subpath` is what follows that prefix. `undefined` = not a known control.
   */
  handleControl?(req: EmulatorRequest, subpath: string): Promise<EmulatorResponse | undefined>;
}
