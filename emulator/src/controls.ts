import { z } from 'zod';
import { faultRuleSchema, serviceNames, type ServiceName } from './core/faults';
import { json, parseControlBody, type EmulatorRequest, type EmulatorResponse } from './core/http';
import type { EmulatorContext, ServiceModule } from './core/service';

/** Path prefix only the emulator serves; the portal never calls it. */
export const controlPrefix = '/_emulator/';

/** What the controls need from the Entra module beyond the ServiceModule interface. */
export interface UserControls {
  /** Kills the user's refresh tokens (AADSTS50173 afterwards); false = unknown user. */
  revokeUser(upn: string): boolean;
  /**
   * Disables / re-enables the account (AADSTS50057), expires its password (AADSTS50055) or
   * removes its app role assignments (no `roles` claim; AADSTS50105 when assignment is required).
   */
  setUserState(upn: string, change: UserStateChange): boolean;
  /** The user's current TOTP code; `undefined` = unknown user, `null` = not enrolled. */
  totpCode(upn: string): string | null | undefined;
}

export type UserStateChange = 'disable' | 'enable' | 'expire-password' | 'unassign';
const userStateChanges: readonly string[] = [
  'disable',
  'enable',
  'expire-password',
  'unassign',
] satisfies UserStateChange[];

export interface ControlDeps {
  context: EmulatorContext;
  modules: readonly ServiceModule[];
  users: UserControls;
  /** Back to the seeded state: modules, faults, counters (not the clock: server.ts says why). */
  reset(): void;
}

const advanceSchema = z
  .object({
    advanceSeconds: z
      .number()
      .min(0)
      .max(10 * 365 * 24 * 3600),
  })
  .strict();

function clockState(deps: ControlDeps): EmulatorResponse {
  const { clock } = deps.context;
  return json(200, {
    now: new Date(clock.now()).toISOString(),
    nowSeconds: clock.nowSeconds(),
    offsetMs: clock.offsetMs,
  });
}

function clockControl(deps: ControlDeps, req: EmulatorRequest): EmulatorResponse {
  if (req.method === 'GET') return clockState(deps);
  const body = parseControlBody(advanceSchema, req);
  if (!body.ok) return body.response;
  deps.context.clock.advance(body.data.advanceSeconds * 1000);
  return clockState(deps);
}

function faultsControl(deps: ControlDeps, req: EmulatorRequest): EmulatorResponse {
  const { faults } = deps.context;
  if (req.method === 'GET') return json(200, { faults: faults.list() });
  if (req.method === 'DELETE') {
    faults.clear();
    return json(200, { faults: [] });
  }
  const rule = parseControlBody(faultRuleSchema, req);
  if (!rule.ok) return rule.response;
  return json(201, { id: faults.add(rule.data), faults: faults.list() });
}

function userControl(
  deps: ControlDeps,
  req: EmulatorRequest,
  parts: string[],
): EmulatorResponse | undefined {
  const [upn, action] = parts;
  if (!upn || !action || req.method !== 'POST') return undefined;
  const unknown = () => json(404, { error: 'not_found', message: `Unknown user ${upn}.` });
  if (userStateChanges.includes(action)) {
    return deps.users.setUserState(upn, action as UserStateChange)
      ? json(200, { userPrincipalName: upn, applied: action })
      : unknown();
  }
  if (action !== 'revoke' && action !== 'password-reset') return undefined;
  if (!deps.users.revokeUser(upn)) return unknown();
  return json(200, { userPrincipalName: upn, refreshTokensRevoked: true });
}

function totpControl(deps: ControlDeps, upn: string | undefined): EmulatorResponse {
  const code = upn ? deps.users.totpCode(upn) : undefined;
  if (code === undefined)
    return json(404, { error: 'not_found', message: `Unknown user ${upn ?? ''}.` });
  if (code === null)
    return json(409, { error: 'not_enrolled', message: `${upn} is not enrolled in MFA.` });
  return json(200, { userPrincipalName: upn, code });
}

/** Answers the shared test controls; `undefined` for paths outside `/_emulator/`. */
export async function handleControl(
  deps: ControlDeps,
  req: EmulatorRequest,
): Promise<EmulatorResponse | undefined> {
  const { pathname } = req.url;
  if (!pathname.startsWith(controlPrefix)) return undefined;
  const parts = pathname
    .slice(controlPrefix.length)
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  const [head, ...rest] = parts;
  const { method } = req;
  let response: EmulatorResponse | undefined;
  if (head === 'clock' && rest.length === 0 && (method === 'GET' || method === 'POST'))
    response = clockControl(deps, req);
  else if (head === 'faults' && rest.length === 0 && ['GET', 'POST', 'DELETE'].includes(method))
    response = faultsControl(deps, req);
  else if (head === 'counters' && rest.length === 0 && method === 'GET')
    response = json(200, deps.context.counters.snapshot());
  else if (head === 'counters' && rest[0] === 'reset' && method === 'POST') {
    deps.context.counters.reset();
    response = json(200, {});
  } else if (head === 'reset' && rest.length === 0 && method === 'POST') {
    deps.reset();
    response = json(200, { reset: true });
  } else if (head === 'users') response = userControl(deps, req, rest);
  else if (head === 'totp' && method === 'GET') response = totpControl(deps, rest[0]);
  else if (head && (serviceNames as readonly string[]).includes(head)) {
    const service = deps.modules.find((m) => m.name === (head as ServiceName));
    response = await service?.handleControl?.(req, rest.join('/'));
  }
  return (
    response ??
    json(404, { error: 'not_found', message: `No emulator control ${method} ${pathname}.` })
  );
}
