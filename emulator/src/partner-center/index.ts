/**
 * The emulated Partner Center REST API (docs/contracts.md §3): customers and their users
 * from the seed, seek paging, per-tenant isolation and throttling, MFA enforcement.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { json, jsonBody, type EmulatorRequest, type EmulatorResponse } from '../core/http';
import type { EmulatorContext, ServiceModule } from '../core/service';
import { buildCustomerBooks } from '../seed/customers';
import { authorizePartnerCaller } from './auth';
import { ContinuationTokens } from './continuation';
import {
  PartnerCenterBareRefusal,
  PartnerCenterError,
  errorBody,
  pcErrorCodes,
  throttledBody,
} from './errors';
import { applyRefusals, describeRefusals, emptyRefusals, refusalsControlSchema } from './refusals';
import { matchRoute } from './router';
import { SlidingWindowThrottle } from './throttle';

export interface PartnerCenterOptions {
  /** Customers of the first partner tenant (>= 20,000 supported); see seed/README.md. */
  scale?: number;
  /** Start JSON bodies with a UTF-8 BOM (default true) so clients prove they tolerate it. */
  bom?: boolean;
  /** Requests per minute per partner tenant before 429 (default: no limit; see throttle.ts). */
  requestsPerMinute?: number | null;
}

const throttleControlSchema = z
  .object({ requestsPerMinute: z.number().int().min(1).max(1_000_000).nullable() })
  .strict();
const bomControlSchema = z.object({ enabled: z.boolean() }).strict();
const echoablePattern = /^[0-9A-Za-z-]{1,64}$/;

/** Creates the Partner Center service module (read-only seed: no state to persist). */
export function createPartnerCenterService(
  ctx: EmulatorContext,
  options: PartnerCenterOptions = {},
): ServiceModule {
  const allBooks = buildCustomerBooks(
    ctx.identities.tenants,
    options.scale === undefined ? {} : { scale: options.scale },
  );
  const tokens = new ContinuationTokens();
  const defaultRate = options.requestsPerMinute ?? null;
  const throttle = new SlidingWindowThrottle(defaultRate);
  let bom = options.bom ?? true;
  const refusals = emptyRefusals();

  function respond(
    status: number,
    body: unknown,
    headers: Record<string, string>,
  ): EmulatorResponse {
    const text = JSON.stringify(body);
    return {
      status,
      body: bom ? `\uFEFF${text}` : text,
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    };
  }

  function echoHeaders(req: EmulatorRequest): Record<string, string> {
    const pick = (name: string) => {
      const value = req.headers[name];
      return typeof value === 'string' && echoablePattern.test(value) ? value : randomUUID();
    };
    return { 'ms-requestid': pick('ms-requestid'), 'ms-correlationid': pick('ms-correlationid') };
  }

  async function handle(req: EmulatorRequest): Promise<EmulatorResponse> {
    ctx.counters.increment('pc.request');
    const echo = echoHeaders(req);
    try {
      const caller = await authorizePartnerCaller(req, ctx, refusals);
      ctx.counters.increment(`pc.tenant.${caller.tenant.tenantId}`);
      const retryAfter = throttle.admit(caller.tenant.tenantId, ctx.clock.now());
      if (retryAfter > 0) {
        return respond(429, throttledBody(retryAfter), {
          'retry-after': String(retryAfter),
          ...echo,
        });
      }
      const match = matchRoute(req);
      if (!match)
        throw new PartnerCenterError(
          404,
          pcErrorCodes.notFound,
          `No resource matches ${req.method} ${req.url.pathname.slice(0, 200)}.`,
        );
      ctx.counters.increment(`pc.route.${match.route}`);
      const book = allBooks.get(caller.tenant.tenantId);
      if (!book) throw new PartnerCenterError(404, 60003, 'The partner tenant was not found.');
      return respond(200, match.answer({ req, caller, book, allBooks, tokens }), echo);
    } catch (error) {
      // As documented: the status line and its headers, no body and no echoed ids.
      if (error instanceof PartnerCenterBareRefusal)
        return { status: error.status, statusText: error.reasonPhrase, headers: error.headers };
      if (!(error instanceof PartnerCenterError)) throw error;
      return respond(error.status, errorBody(error), { ...error.headers, ...echo });
    }
  }

  async function handleControl(
    req: EmulatorRequest,
    subpath: string,
  ): Promise<EmulatorResponse | undefined> {
    const route = subpath.replace(/^\/+|\/+$/g, '');
    if (route === 'throttle' && req.method === 'GET')
      return respond(200, { requestsPerMinute: throttle.requestsPerMinute }, {});
    if (route === 'throttle' && req.method === 'POST') {
      const parsed = throttleControlSchema.safeParse(jsonBody(req));
      if (!parsed.success)
        return respond(
          400,
          { error: 'expected {"requestsPerMinute": positive integer, or null for no limit}' },
          {},
        );
      throttle.requestsPerMinute = parsed.data.requestsPerMinute;
      throttle.reset();
      return respond(200, { requestsPerMinute: throttle.requestsPerMinute }, {});
    }
    // Test controls answer plain JSON (no BOM): they are the emulator's, not Partner Center's.
    if (route === 'refusals' && req.method === 'GET')
      return json(200, describeRefusals(refusals, ctx));
    if (route === 'refusals' && req.method === 'POST') {
      const parsed = refusalsControlSchema.safeParse(jsonBody(req));
      const problem = parsed.success
        ? applyRefusals(refusals, ctx, parsed.data)
        : 'expected {"notAdminAgents"?: [upn], "unauthorizedTenants"?: [tenant id or domain]}';
      if (problem) return json(400, { error: 'bad_request', message: problem });
      return json(200, describeRefusals(refusals, ctx));
    }
    if (route === 'bom' && req.method === 'POST') {
      const parsed = bomControlSchema.safeParse(jsonBody(req));
      if (!parsed.success) return respond(400, { error: 'expected {"enabled": boolean}' }, {});
      bom = parsed.data.enabled;
      return respond(200, { enabled: bom }, {});
    }
    return undefined;
  }

  return {
    name: 'partnerCenter',
    handle,
    handleControl,
    exportState: () => ({}),
    importState: () => undefined,
    reset: () => {
      throttle.requestsPerMinute = defaultRate;
      throttle.reset();
      bom = options.bom ?? true;
      Object.assign(refusals, emptyRefusals());
    },
    errorResponse: (status, message, headers = {}) =>
      status === 429
        ? respond(429, throttledBody(Number(headers['retry-after'] ?? 1)), headers)
        : respond(status, errorBody(new PartnerCenterError(status, status, message)), headers),
  };
}
