import type { Settled } from '@/lib/customers/settle';
import { FailurePanel } from './failure-panel';
import { ReconsentPrompt } from './status-notices';

/** What a page shows instead of its data when the load did not succeed. */
export function Problem({
  settled,
  isAdmin,
  retryHref,
}: {
  settled: Exclude<Settled<unknown>, { kind: 'ok' }>;
  isAdmin: boolean;
  retryHref: string;
}) {
  if (settled.kind === 'reconsent')
    return <ReconsentPrompt reason={settled.reason} isAdmin={isAdmin} />;
  return <FailurePanel failure={settled.view} retryHref={retryHref} isAdmin={isAdmin} />;
}
