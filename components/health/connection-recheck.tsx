import { checkConnectionAgainAction } from '@/lib/health/actions';
import { KeptNotice } from '@/components/ui/kept-notice';
import { OutcomeNotice } from '@/components/ui/outcome-notice';
import {
  recheckNoticeLasts,
  recheckNoticeText,
  type RecheckOutcome,
} from '@/lib/health/connection-recheck';

/**
 * "Check again" under a re-consent verdict the partner can clear in their own Entra ID
 * (lib/health's `recheckOffered`): posts to the server action, which asks Entra once with the
 * stored connection and comes back with what it said. A plain form, no client script.
 */
export function CheckAgainButton() {
  return (
    <form action={checkConnectionAgainAction} data-testid="check-again">
      <button
        type="submit"
        className="inline-flex rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
      >
        Check again
      </button>
    </form>
  );
}

const tones: Record<RecheckOutcome['result'], string> = {
  connected: 'border-emerald-200 bg-emerald-50 text-emerald-900',
  refused: 'border-red-200 bg-red-50 text-red-900',
  unanswered: 'border-amber-200 bg-amber-50 text-amber-900',
  'too-soon': 'border-amber-200 bg-amber-50 text-amber-900',
};

/** What the last "Check again" found, above the tenant's card, once, to the Admin who pressed it. */
export function RecheckNotice({ outcome }: { outcome: RecheckOutcome }) {
  return (
    <OutcomeNotice
      text={recheckNoticeText(outcome)}
      role="status"
      testId="recheck-result"
      className={`rounded-lg border px-4 py-3 text-sm ${tones[outcome.result]}`}
    />
  );
}

/**
 * Where the last "Check again" outcome shows: what Entra answered is kept while the page
 * refreshes itself and the card's verdict stands (`keptWhile`: lib/health's
 * `recheckNoticeKey`); a momentary answer ("try again in 30 s") goes at the next refresh.
 */
export function RecheckNoticeSlot({
  outcome,
  keptWhile,
}: {
  outcome: RecheckOutcome | null;
  keptWhile: string | undefined;
}) {
  const lasting = outcome !== null && recheckNoticeLasts(outcome);
  return (
    <>
      {outcome && !lasting && <RecheckNotice outcome={outcome} />}
      <KeptNotice keptWhile={keptWhile}>
        {outcome && lasting && <RecheckNotice outcome={outcome} />}
      </KeptNotice>
    </>
  );
}
