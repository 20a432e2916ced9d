import { LoadingRegion } from '@/components/customers/skeletons';
import { pageTitles } from '@/components/page-titles';
import { SkeletonBlock as Bar } from '@/components/ui/skeleton';
import { ConnectSteps } from './connect-steps';
import {
  connectionNoticeBox,
  connectionNoticeRow,
  connectionNoticeSentence,
} from './connection-notice-box';
import { checkRowClass } from './preflight-list';
import { OnboardingHeader, StepCard } from './steps';

/**
 * Onboarding's pages while their checks and Key Vault answer: the parts that need no data
 * (title, step bar, card headings, what connecting does) as the page draws them, grey blocks
 * in the shape of the rest, so nothing moves when the page arrives. No ids: the anchors
 * (#connect) belong to the page. Nothing here may import next/link: e2e/loading-states.spec.ts
 * renders these on their own.
 */

/** /onboarding: the connection notice, Check setup's folded checks, then step 2 (Consent at Microsoft). */
export function OnboardingSkeleton() {
  return (
    <LoadingRegion label="Loading the setup checks">
      <OnboardingHeader title={pageTitles.onboarding} intro />
      {/* The connection notice every state of the page has (./connection-banner.tsx), in its
          row: the sentence and its link side by side on the wide page; below it the link on a
          line of its own, under three lines of sentence on a phone, two on a small tablet, one
          from md. From 768 px the notice has 686 px inside (main's px-6, its border and p-4):
          one line of "not connected" (617 px in the test browser's DejaVu Sans), or of
          "connected" with an address up to about 32 characters; two lines kept 20 px that
          these notices left empty. */}
      <div className={`${connectionNoticeRow} border-slate-200 bg-white ${connectionNoticeBox}`}>
        {/* A column, not blocks: the lines' margins must not collapse (20 px a line, as text). */}
        <div className={`${connectionNoticeSentence} flex flex-col lg:flex-1`}>
          <Line className="w-full max-w-xl" />
          <Line className="w-full sm:w-2/3 md:hidden" />
          <Line className="w-1/2 sm:hidden" />
        </div>
        <Line className="w-32" />
      </div>
      <StepCard step={1}>
        {/* The checks as a set-up that works shows them: folded under one line (PreflightList). */}
        <div className={checkRowClass}>
          <Bar className="mt-0.5 h-5 w-20 rounded-md" />
          <div className="flex min-w-0 flex-col">
            <Line className="w-48 max-w-full" />
            <Line className="w-16 sm:hidden" />
          </div>
        </div>
      </StepCard>
      <StepCard step={2}>
        <div className="grid gap-6 md:grid-cols-[3fr_2fr]">
          <ConnectSteps />
          {/* At the top of its row, as ./connect-panel.tsx draws it. */}
          <div className="flex flex-col gap-3 self-start rounded-lg bg-slate-50 p-5">
            <div>
              <Line className="w-full" />
              <Line className="w-1/2" />
            </div>
            <Bar className="h-9 w-full rounded-md" />
          </div>
        </div>
      </StepCard>
    </LoadingRegion>
  );
}

/**
 * /onboarding/result: step 3's facts (Verify connection) and buttons, and nothing under them.
 * What the page draws there depends on the secret: the version history only from a second
 * version (`versionHistoryTellsMore`: not after a first consent, but on most later visits, as
 * write-backs add a version a day), then Disconnect (open after a failed one). Whichever it
 * is arrives under what was drawn: a history block drawn here would vanish after a first
 * consent, and a Disconnect box drawn here would be pushed down by a history.
 */
export function OnboardingResultSkeleton() {
  return (
    <LoadingRegion label="Loading the connection">
      <OnboardingHeader title={pageTitles.onboardingResult} />
      <StepCard step={3}>
        <div className="space-y-4">
          <div className="grid gap-x-8 gap-y-3 sm:grid-cols-2">
            {Array.from({ length: 6 }, (_, i) => (
              <div key={i}>
                <Small className="w-24" />
                <div className="mt-0.5">
                  <Line className="w-48 max-w-full" />
                </div>
              </div>
            ))}
          </div>
          <div className="rounded-lg bg-slate-50 p-4">
            <Line className="w-72 max-w-full" />
            <Line className="w-40 sm:hidden" />
          </div>
        </div>
        <div className="mt-6 space-y-3 border-t border-slate-100 pt-4">
          {/* When to re-consent: a line or two of the wide card, four or five of a phone's. */}
          <div>
            <Line className="w-full" />
            <Line className="w-1/3" />
            <div className="sm:hidden">
              <Line className="w-full" />
              <Line className="w-full" />
              <Line className="w-1/2" />
            </div>
          </div>
          <div className="flex flex-wrap gap-3">
            <Bar className="h-9 w-52 rounded-md" />
            <Bar className="h-9 w-48 rounded-md" />
          </div>
        </div>
      </StepCard>
    </LoadingRegion>
  );
}

/** A line of `text-sm` text (20 px high): a 16 px bar with its leading. No margin in `className`. */
function Line({ className }: { className: string }) {
  return <Bar className={`my-0.5 h-4 ${className}`} />;
}

/** A line of `text-xs` text (16 px high). */
function Small({ className }: { className: string }) {
  return <Bar className={`my-0.5 h-3 ${className}`} />;
}
