/**
 * The box of the notice under /onboarding's step bar that says what is connected (./connection-banner.tsx),
 * and of the place its loading state keeps for it (./skeletons.tsx). Every state of the page
 * has the notice, connected or not, so the step cards below stay where the loading state drew
 * them: a notice that came only with a connection pushed them down when the page replaced its
 * loading state. A file without imports: the loading state may not import next/link.
 */
export const connectionNoticeBox = 'rounded-xl border p-4 text-sm';

/**
 * A notice's sentence and its link: side by side on a wide page, the link on a line of its own
 * under the sentence when they do not fit (a phone). The loading state draws its lines in the
 * same row, so both wrap alike.
 */
export const connectionNoticeRow = 'flex flex-wrap items-center justify-between gap-x-4 gap-y-1';
