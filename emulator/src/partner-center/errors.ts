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
  /**
   * 401 "Authentication failed. MFA required. (10001)": an App+User token without `mfa` in `amr`.
   * Not in the table: the text is from public reports (`microsoft/Partner-Center-DotNet-Samples#59`,
   * `microsoft/Partner-Center-PowerShell#331`, `microsoft/BCTech#34`), where the .NET SDK's
   * exception carries no `ServiceErrorPayload`: the answer is not an error envelope, so the
   * emulator sends the text as the body (UNCONFIRMED: text/plain).
   */
  mfaRequired: 10001,
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

/**
 * A failure answered in Partner Center's envelope `{"code":"n","description","data":[],"source":"PartnerFD"}`,
 * or, `asText`, as its description alone (the MFA refusal).
 */
export class PartnerCenterError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    readonly description: string,
    readonly headers: Record<string, string> = {},
    readonly asText = false,
  ) {
    super(description);
    this.name = 'PartnerCenterError';
  }
}

/** 401s carry an OAuth challenge as documented (`OAuth realm=urn:cpsvc:cpid:{cid}`). */
export function unauthorized(
  code: number,
  description: string,
  options: { asText?: boolean } = {},
): PartnerCenterError {
  const challenge = { 'www-authenticate': `OAuth realm=urn:cpsvc:cpid:${randomUUID()}` };
  return new PartnerCenterError(401, code, description, challenge, options.asText === true);
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
