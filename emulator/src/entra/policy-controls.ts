import { z } from 'zod';
import {
  controlBadRequest,
  json,
  parseControlBody,
  type EmulatorRequest,
  type EmulatorResponse,
} from '../core/http';
import { partnerCenterResource } from '../seed/identities';
import { findUserByUpn, type EntraDeps } from './deps';
import { appSettingsSchema, conditionalAccessPolicySchema } from './policies';

/** The Entra test controls under `/_emulator/login/`: Conditional Access and app settings. */
const conditionalAccessSchema = z
  .object({
    requireMfaForPartnerCenter: z.boolean().optional(),
    requireMfaFor: z.array(z.string().max(200)).max(20).optional(),
    ...conditionalAccessPolicySchema,
  })
  .strict();

/** The object ids of seeded users by UPN; a name that is not in the directory is bad input. */
function objectIds(deps: EntraDeps, upns: readonly string[]): Set<string> | string {
  const ids = new Set<string>();
  for (const upn of upns) {
    const user = findUserByUpn(deps, upn);
    if (!user) return `Unknown user ${upn}.`;
    ids.add(user.objectId);
  }
  return ids;
}

function upnsOf(deps: EntraDeps, ids: Iterable<string>): string[] {
  return [...ids].map(
    (id) => deps.ctx.identities.users.find((u) => u.objectId === id)?.userPrincipalName ?? id,
  );
}

function conditionalAccessState(deps: EntraDeps): EmulatorResponse {
  const frequency = deps.policies.signInFrequency;
  return json(200, {
    requireMfaFor: [...deps.conditionalAccess.requireMfaFor],
    blockUsers: upnsOf(deps, deps.policies.blockedUsers),
    signInFrequency: frequency
      ? {
          seconds: frequency.seconds,
          users: frequency.users ? upnsOf(deps, frequency.users) : null,
        }
      : null,
  });
}

/** `POST` replaces the whole policy set (what is not named is off); `GET` reads it. */
export function conditionalAccessControl(
  deps: EntraDeps,
  req: EmulatorRequest,
): EmulatorResponse | undefined {
  if (req.method === 'GET') return conditionalAccessState(deps);
  if (req.method !== 'POST') return undefined;
  const parsed = parseControlBody(conditionalAccessSchema, req);
  if (!parsed.ok) return parsed.response;
  const blocked = objectIds(deps, parsed.data.blockUsers ?? []);
  if (typeof blocked === 'string') return controlBadRequest(blocked);
  const frequency = parsed.data.signInFrequency;
  const frequencyUsers = frequency?.users ? objectIds(deps, frequency.users) : null;
  if (typeof frequencyUsers === 'string') return controlBadRequest(frequencyUsers);
  const wanted = new Set(parsed.data.requireMfaFor ?? []);
  if (parsed.data.requireMfaForPartnerCenter) wanted.add(partnerCenterResource);
  deps.conditionalAccess.requireMfaFor = wanted;
  deps.policies.blockedUsers = blocked;
  deps.policies.signInFrequency = frequency
    ? { seconds: frequency.seconds, users: frequencyUsers }
    : null;
  return conditionalAccessState(deps);
}

/** Enterprise-app and tenant consent settings; each field changes only when sent. */
export function appSettingsControl(
  deps: EntraDeps,
  req: EmulatorRequest,
): EmulatorResponse | undefined {
  if (req.method === 'POST') {
    const parsed = parseControlBody(appSettingsSchema, req);
    if (!parsed.ok) return parsed.response;
    if (parsed.data.assignmentRequired !== undefined)
      deps.policies.assignmentRequired = parsed.data.assignmentRequired;
    if (parsed.data.userConsent !== undefined)
      deps.policies.userConsentDisabled = parsed.data.userConsent === 'disabled';
  } else if (req.method !== 'GET') return undefined;
  return json(200, {
    assignmentRequired: deps.policies.assignmentRequired,
    userConsent: deps.policies.userConsentDisabled ? 'disabled' : 'allowed',
  });
}

const loopDetectionSchema = z.object({ users: z.array(z.string().max(200)).max(50) }).strict();

/**
 * `POST {"users":[upn]}` replaces the users whose refresh-token redemptions loop detection
 * refuses (AADSTS50196, ./policies.ts); `GET` reads them. Cleared by `reset`.
 */
export function loopDetectionControl(
  deps: EntraDeps,
  req: EmulatorRequest,
): EmulatorResponse | undefined {
  if (req.method === 'POST') {
    const parsed = parseControlBody(loopDetectionSchema, req);
    if (!parsed.ok) return parsed.response;
    const users = objectIds(deps, parsed.data.users);
    if (typeof users === 'string') return controlBadRequest(users);
    deps.policies.loopDetectedUsers = users;
  } else if (req.method !== 'GET') return undefined;
  return json(200, { users: upnsOf(deps, deps.policies.loopDetectedUsers) });
}
