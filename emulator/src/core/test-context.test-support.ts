/**
 * Test support for the vault and Partner Center handler tests: a real EmulatorContext
 * (Clock, Counters, FaultInjector, seeded identities) whose TokenVerifier checks real RS256
 * JWTs signed by a key generated per test run, on the emulator clock. Not used at runtime.
 */
import {
  decodeProtectedHeader,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWTPayload,
} from 'jose';
import { Clock } from './clock';
import { Counters } from './counters';
import { FaultInjector } from './faults';
import type { EmulatorRequest } from './http';
import {
  TokenRejected,
  type EmulatorContext,
  type TokenVerifier,
  type VerifiedClaims,
} from './service';
import { joseRejection } from '../entra/keys';
import { seededIdentities } from '../seed/identities';

/** The key ids tokens are signed under: the verifier knows the trusted one only, as Entra's JWKS. */
const trustedKid = 'test-trusted';
const foreignKid = 'test-foreign';

class TestTokenVerifier implements TokenVerifier {
  constructor(
    private readonly key: CryptoKey,
    private readonly clock: Clock,
  ) {}

  async verify(token: string, expected: { audience: string }): Promise<VerifiedClaims> {
    try {
      if (decodeProtectedHeader(token).kid !== trustedKid)
        throw new TokenRejected('unknown signing key', {
          kind: 'unknown-key',
          encodedHeader: token.split('.')[0]!,
        });
      const { payload } = await jwtVerify(token, this.key, {
        audience: expected.audience,
        currentDate: new Date(this.clock.now()),
        algorithms: ['RS256'],
      });
      return payload as VerifiedClaims;
    } catch (error) {
      throw joseRejection(error, token);
    }
  }
}

export interface TestContext {
  ctx: EmulatorContext;
  /** Signs a token with the context's key (trusted) unless `foreignKey` is set. */
  mint(
    claims: JWTPayload,
    options?: { foreignKey?: boolean; lifetimeSeconds?: number },
  ): Promise<string>;
}

// RSA key generation is slow on a busy machine: one trusted and one foreign key per test file.
let keyPairs: Promise<[CryptoKeyPair, CryptoKeyPair]> | undefined;
type CryptoKeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

/** A fresh context (clock, counters, faults) whose verifier trusts this file's signing key. */
export async function createTestContext(): Promise<TestContext> {
  keyPairs ??= Promise.all([generateKeyPair('RS256'), generateKeyPair('RS256')]);
  const [trusted, foreign] = await keyPairs;
  const clock = new Clock();
  const ctx: EmulatorContext = {
    clock,
    counters: new Counters(),
    faults: new FaultInjector(),
    identities: seededIdentities,
    tokens: new TestTokenVerifier(trusted.publicKey, clock),
  };
  async function mint(
    claims: JWTPayload,
    options: { foreignKey?: boolean; lifetimeSeconds?: number } = {},
  ): Promise<string> {
    const now = clock.nowSeconds();
    return new SignJWT({
      iat: now,
      nbf: now,
      exp: now + (options.lifetimeSeconds ?? 3600),
      ...claims,
    })
      .setProtectedHeader({
        alg: 'RS256',
        typ: 'JWT',
        kid: options.foreignKey ? foreignKid : trustedKid,
      })
      .sign(options.foreignKey ? foreign.privateKey : trusted.privateKey);
  }
  return { ctx, mint };
}

/** Builds an EmulatorRequest as the shared server would hand it to a module. */
export function request(
  method: string,
  url: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
): EmulatorRequest {
  const parsed = new URL(url);
  const body =
    options.body === undefined
      ? Buffer.alloc(0)
      : Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
  return {
    method,
    url: parsed,
    headers: { host: parsed.host, ...lowerCaseKeys(options.headers ?? {}) },
    body,
    remoteAddress: '127.0.0.1',
  };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** The JSON body of a handler response, with a leading UTF-8 BOM tolerated. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests index into arbitrary JSON
export function bodyJson(response: { body?: unknown }): any {
  const raw = response.body;
  if (typeof raw === 'string') return JSON.parse(raw.replace(/^\uFEFF/, ''));
  if (Buffer.isBuffer(raw)) return JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, ''));
  return raw;
}
