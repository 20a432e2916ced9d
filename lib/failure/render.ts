import type { FailureOwner } from '@/lib/entra/catalogue';
import type { FailureAction, FailureFixAt, PortalFailure } from './failure';

/** The JSON body of a failure: catalogue words and the ids to quote, never the cause. */
export interface FailureBody {
  error: string;
  message: string;
  fix?: string;
  action: FailureAction;
  correlationId?: string;
  requestId?: string;
}

/** A failure as an HTTP answer: its status and `{ error, message, fix, action, ids }`. */
export function failureResponse(
  failure: PortalFailure,
  headers: Record<string, string> = {},
): Response {
  const body: FailureBody = {
    error: failure.code,
    message: failure.title ?? failure.problem,
    action: failure.action,
  };
  if (failure.fix) body.fix = failure.fix;
  if (failure.correlationId) body.correlationId = failure.correlationId;
  if (failure.requestId) body.requestId = failure.requestId;
  // The wait a throttling service asked for reaches the caller as it is (RFC 9110, 10.2.3).
  const wait: Record<string, string> =
    failure.retryAfterSeconds !== undefined
      ? { 'retry-after': String(failure.retryAfterSeconds) }
      : {};
  return Response.json(body, {
    status: failure.status,
    headers: { 'cache-control': 'no-store', ...wait, ...headers },
  });
}

/**
 * What the failure components render (and the onboarding flash keeps): plain fields only, safe
 * to store and to pass to a client component — the cause is left behind.
 */
export interface FailureView {
  code: string;
  title?: string;
  problem: string;
  fix?: string;
  action: FailureAction;
  owner?: FailureOwner;
  steps?: string[];
  fixAt?: FailureFixAt;
  correlationId?: string;
  requestId?: string;
  traceId?: string;
  detail?: string;
  /**
   * The wait the service asked for, counted from when the failure was made: the customer pages,
   * which render the failure at once, hold their "Try again" that long. A view stored and shown
   * later (onboarding's flash) does not use it.
   */
  retryAfterSeconds?: number;
  /**
   * Whether it may pass on its own: whoever reads the view later (lib/failure/reader.ts's
   * `fixFor`, at render) words an operator's fix by it rather than guess from `action`.
   */
  transient?: boolean;
}

const viewKeys = [
  'title',
  'fix',
  'owner',
  'steps',
  'fixAt',
  'correlationId',
  'requestId',
  'traceId',
  'detail',
  'retryAfterSeconds',
] as const satisfies readonly (keyof FailureView)[];

export function failureView(failure: PortalFailure): FailureView {
  const view: FailureView = {
    code: failure.code,
    problem: failure.problem,
    action: failure.action,
  };
  // Only set when known, so stored failures stay as small as the facts.
  for (const key of viewKeys)
    if (failure[key] !== undefined) Object.assign(view, { [key]: failure[key] });
  view.transient = failure.transient;
  return view;
}
