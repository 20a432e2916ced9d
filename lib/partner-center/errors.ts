import { errorBrand } from '@/lib/errors/brand';

/**
 * Every failure of a Partner Center call, classified for the pages: `code` decides which
 * page or message to show, `correlationId` is what the user quotes to support.
 * Messages never carry a token (the transport never puts one in).
 */
export type PartnerCenterErrorCode =
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'throttled'
  | 'unavailable'
  | 'malformed_response'
  | 'bad_request';

export interface PartnerCenterErrorInit {
  code: PartnerCenterErrorCode;
  /** HTTP status of the last attempt; 0 when no response arrived (network, timeout, rejected before sending). */
  status: number;
  /** Partner Center's numeric error code from the body (e.g. 1000, 20002), when it sent one. */
  partnerCenterCode?: number | null;
  description: string;
  requestId: string | null;
  correlationId: string;
  /** Seconds Partner Center asked us to wait (throttled only). */
  retryAfter?: number | null;
  /**
   * Why a walk over seek pages stopped, every call having succeeded (`malformed_response`
   * only): Partner Center sent a page link already followed, or more pages than a walk reads.
   */
  pagingStop?: PagingStop;
  cause?: unknown;
}

export type PagingStop = 'repeated_link' | 'too_many_pages';

/** What a page may show or serialise to the browser: no stack, no cause. */
export interface PublicPartnerCenterError {
  code: PartnerCenterErrorCode;
  status: number;
  partnerCenterCode: number | null;
  description: string;
  requestId: string | null;
  correlationId: string;
  retryAfter: number | null;
}

const partnerCenterErrorBrand = errorBrand('PartnerCenterError');

export class PartnerCenterError extends Error {
  /** Holds across module copies (lib/errors/brand.ts). */
  static override [Symbol.hasInstance](value: unknown): value is PartnerCenterError {
    return partnerCenterErrorBrand.has(value);
  }
  readonly [partnerCenterErrorBrand.symbol] = true;
  readonly code: PartnerCenterErrorCode;
  readonly status: number;
  readonly partnerCenterCode: number | null;
  readonly description: string;
  readonly requestId: string | null;
  readonly correlationId: string;
  readonly retryAfter: number | null;
  readonly pagingStop?: PagingStop;

  constructor(init: PartnerCenterErrorInit) {
    const pcCode = init.partnerCenterCode ?? null;
    const detail = [
      init.status ? `HTTP ${init.status}` : null,
      pcCode !== null ? `code ${pcCode}` : null,
    ]
      .filter(Boolean)
      .join(', ');
    super(
      `Partner Center: ${init.description}${detail ? ` (${detail})` : ''} [correlation id ${init.correlationId}]`,
      {
        cause: init.cause,
      },
    );
    this.name = 'PartnerCenterError';
    this.code = init.code;
    this.status = init.status;
    this.partnerCenterCode = pcCode;
    this.description = init.description;
    this.requestId = init.requestId;
    this.correlationId = init.correlationId;
    this.retryAfter = init.retryAfter ?? null;
    if (init.pagingStop) this.pagingStop = init.pagingStop;
  }

  /** The plain fields, safe to hand to a client component or a JSON response. */
  toPublic(): PublicPartnerCenterError {
    return {
      code: this.code,
      status: this.status,
      partnerCenterCode: this.partnerCenterCode,
      description: this.description,
      requestId: this.requestId,
      correlationId: this.correlationId,
      retryAfter: this.retryAfter,
    };
  }
}

/** Type guard for callers that catch `unknown`. */
export function isPartnerCenterError(error: unknown): error is PartnerCenterError {
  return error instanceof PartnerCenterError;
}

/** The error code for a non-success HTTP status that will not be retried (any more). */
export function codeForStatus(status: number): PartnerCenterErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'throttled';
  if (status >= 500 || status === 408) return 'unavailable';
  return 'bad_request';
}

/** Plain words for a status when Partner Center's body says nothing usable. */
export function defaultDescription(code: PartnerCenterErrorCode): string {
  switch (code) {
    case 'not_found':
      return 'The requested item was not found';
    case 'unauthorized':
      return 'Partner Center did not accept the access token';
    case 'forbidden':
      return 'Partner Center refused access to this item';
    case 'throttled':
      return 'Partner Center is busy (rate limit exceeded)';
    case 'unavailable':
      return 'Partner Center is unavailable';
    case 'malformed_response':
      return 'Partner Center sent a response the portal could not read';
    case 'bad_request':
      return 'Partner Center rejected the request';
  }
}
