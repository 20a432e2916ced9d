import 'server-only';
import { notFound } from 'next/navigation';
import { logEvent } from '@/lib/log';
import { correlationDigestPrefix } from './digest';
import {
  failureView,
  fixFor,
  reconsentFailureCodes,
  toFailure,
  type CustomerReading,
  type FailureReader,
  type FailureView,
} from '@/lib/failure';

/** A load that either produced data or something the page renders instead of data. */
export type Settled<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'reconsent'; reason: 'needs-reconsent' | 'not-connected' }
  | { kind: 'failure'; view: FailureView };

/**
 * Runs a page's Partner Center load. Not-found renders the route's not-found page; known
 * failures come back for the page to render; anything else is rethrown with the correlation
 * id as its digest, because Next keeps a digest set on the server and hides the message —
 * so error.tsx can still tell the user which id to quote. `reading` says what the load reads
 * (a customer's users are refused for other reasons than the customers list). `reader` words a
 * fix only the portal's operator can make (lib/failure's `fixFor`): a platform operator keeps
 * its steps, a partner's Admin or sales agent reads that the operator must fix it; unnamed, the
 * reader is taken for a partner's.
 */
export async function settle<T>(
  correlationId: string,
  load: () => Promise<T>,
  reading: CustomerReading = 'customers',
  reader: FailureReader = 'partner',
): Promise<Settled<T>> {
  try {
    return { kind: 'ok', value: await load() };
  } catch (error) {
    const failure = toFailure(error, { for: 'customers', correlationId, reading });
    if (failure.code === 'not_found') notFound();
    if (reconsentFailureCodes.has(failure.code)) {
      const reason = failure.code === 'needs_reconsent' ? 'needs-reconsent' : 'not-connected';
      return { kind: 'reconsent', reason };
    }
    if (failure.code !== 'unexpected')
      return { kind: 'failure', view: fixFor(failureView(failure), reader) };
    if (error instanceof Error && !('digest' in error)) {
      logEvent('error', 'customer page failed', {
        outcome: 'failure',
        correlationId,
        errorCode: error.name,
        cause: error.message,
      });
      Object.assign(error, { digest: `${correlationDigestPrefix}${correlationId}` });
    }
    throw error;
  }
}
