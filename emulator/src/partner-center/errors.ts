import { randomUUID } from 'node:crypto';

/**
 * Partner Center error codes the emulator answers with. They go on the wire as JSON strings
 * (`"code":"1002"`), as "Partner Center REST error codes" documents them. Codes marked UNCONFIRMED are our best reading of public
 * material; keep them here so they are easy to change.
 */
export const pcErrorCodes = {
  /** 401: token missing, invalid, or not from a partner tenant (contract example code). */
  authorizationFailed: 1002,
  /** 401: App+User token without `mfa` in `amr` (public announcement of MFA enforcement; UNCONFIRMED). */
  mfaRequired: 900421,
  /** 404: resource not found. */
  notFound: 1000,
  /** 403: the partner has no relationship with the customer (tenant isolation). */
  noRelationship: 20002,
  /** 400: invalid input (query, filter, continuation token, id). UNCONFIRMED number. */
  badRequest: 400,
  /** 403: operation needs an App+User token (app-only token used). UNCONFIRMED number. */
  appUserRequired: 1003,
  /** 403: the signed-in user holds no agent role in Partner Center (wording from public reports; number UNCONFIRMED). */
  roleNotAuthorized: 3000,
  /** 403: the partner account may not use the API (UNCONFIRMED wording and number). */
  partnerNotAuthorized: 3001,
  /** 5xx/413 produced by the shared server (UNCONFIRMED numbers: the HTTP status itself). */
} as const;

/** A failure answered in Partner Center's shape `{"code":"n","description","data":[],"source":"PartnerFD"}`. */
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
  return new PartnerCenterError(401, code, description, {
    'www-authenticate': `OAuth realm=urn:cpsvc:cpid:${randomUUID()}`,
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
