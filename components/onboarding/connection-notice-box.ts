/**
 * The box of the notice under /onboarding's step bar that says what is connected (./connection-banner.tsx),
 * and of the place its loading state keeps for it (./skeletons.tsx). Every state of the page
 * has the notice, connected or not, so the step cards below stay where the loading state drew
 * them: a notice that came only with a connection pushed them down when the page replaced its
 * loading state. A file without imports: the loading state may not import next/link.
 */
export const connectionNoticeBox = 'rounded-xl border p-4 text-sm';

/**
 * A notice's sentence and its link: side by side on a wide page (the link under the sentence
 * when they do not fit), the link on a line of its own below `lg`. The loading state draws its
 * lines in the same row, so both wrap alike.
 */
export const connectionNoticeRow = 'flex flex-wrap items-center justify-between gap-x-4 gap-y-1';

/**
 * The sentence in that row: the whole row below `lg`, so the link is always on the line under
 * it there, as the loading state draws it. Left to fit, the link came beside a short sentence
 * from some tablet widths on and not others (not connected: from 848 px in the test browser's
 * font), and a notice one line shorter than its place arrived under a skeleton.
 */
export const connectionNoticeSentence = 'min-w-0 basis-full lg:basis-auto';
