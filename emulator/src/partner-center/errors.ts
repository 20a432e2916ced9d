import { randomUUID } from 'node:crypto';

/**
 * Partner Center error codes the emulator answers with, from the table of "Partner Center REST
 * error codes" (develop/error-codes.md) unless marked otherwise. They go on the wire as JSON
 * strings (`"code":"800001"`), the type that table documents. Keep them here so they are easy
 * to change.
 */
export const pcErrorCodes = {
  /** 401 "Partner Token missing in request context": no bearer token. */
  tokenMissing: 800001,
  /** 401 "Access denied" (the table lists 401 with code 400): a token that is invalid, expired or not a partner's. */
  accessDenied: 400,
  /** 404 "Not found". */
  notFound: 1000,
  /** 403: the partner has no relationship with the customer (tenant isolation). */
  noRelationship: 20002,
  /** 400 "Invalid request input": bad query, filter, continuation token or id (the descriptions are the emulator's own). */
  badRequest: 800002,
  /** 403: operation needs an App+User token (app-only token used). UNCONFIRMED number. */
  appUserRequired: 1003,
  /** 403 "The supplied role does not have the rights to perform the requested operation": no agent role. */
  roleNotAuthorized: 900150,
  /** 403 "Reseller program status is not active": the partner account may not use the API. */
  partnerNotAuthorized: 800039,
} as const;

/** A failure answered in Partner Center's envelope `{"code":"n","description","data":[],"source":"PartnerFD"}`. */
export class PartnerCenterError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = 'PartnerCenterError';
  }
}

/** 401s carry an OAuth challenge as documented (`OAuth realm=urn:cpsvc:cpid:{cid}`). */
export function unauthorized(code: number, description: string): PartnerCenterError {
  const challenge = { 'www-authenticate': `OAuth realm=urn:cpsvc:cpid:${randomUUID()}` };
  return new PartnerCenterError(401, code, description, challenge);
}

/**
 * A refusal Partner Center answers with a status line and headers only: no body, so no
 * envelope and no code.
 */
export class PartnerCenterBareRefusal extends Error {
  constructor(
    readonly status: number,
    readonly reasonPhrase: string,
    readonly headers: Record<string, string>,
  ) {
    super(`${status} ${reasonPhrase}`);
    this.name = 'PartnerCenterBareRefusal';
  }
}

/**
 * The refusal of an App+User token without `mfa` in `amr`, as the example in "Mandating
 * multi-factor authentication (MFA) for your partner tenant" (MicrosoftDocs/partner-center-pr,
 * partner-center/partner-security-requirements-mandating-mfa.md) shows it:
 * `HTTP/1.1 401 Unauthorized - MFA required`, `Transfer-Encoding: chunked`,
 * `WWW-Authenticate: Bearer error="invalid_token"`, no body (Node sends a body-less answer
 * without Content-Length chunked). Not sent: the example's `Request-Context` (Application
 * Insights' id of Microsoft's own service), and the `MS-RequestId`/`MS-CorrelationId` echoes
 * the example does not have.
 */
export function mfaRequired(): PartnerCenterBareRefusal {
  return new PartnerCenterBareRefusal(401, 'Unauthorized - MFA required', {
    'www-authenticate': 'Bearer error="invalid_token"',
  });
}

export function badRequest(description: string): PartnerCenterError {
  return new PartnerCenterError(400, pcErrorCodes.badRequest, description);
}

export function errorBody(error: PartnerCenterError): unknown {
  return {
    code: String(error.code),
    description: error.description,
    data: [],
    source: 'PartnerFD',
  };
}

/** Partner Center's throttling body, which (unlike other errors) has `statusCode`/`message`. */
export function throttledBody(retryAfterSeconds: number): { statusCode: 429; message: string } {
  return {
    statusCode: 429,
    message: `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.`,
  };
}
