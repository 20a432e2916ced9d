import { probeHistoryKeptHours } from '@/lib/health/probe-timing';
import type { ProbeSample } from '@/lib/health/types';

/** The chart's width in px: `sm:w-40` below is the same. */
const width = 160;
const height = 36;
const stateColour = {
  ok: '#10b981',
  degraded: '#f97316',
  down: '#ef4444',
  skipped: '#94a3b8',
} as const;

/** What each dot's colour means, in the order a reader meets them. */
const stateWords: Record<keyof typeof stateColour, string> = {
  ok: 'answered',
  degraded: 'degraded',
  down: 'failed',
  skipped: 'skipped',
};

/**
 * The key to the sparklines' dots, shown once above them. Its items wrap as one group: at 390 px
 * the first one stayed on the label's line and the other three went to the next.
 */
export function SparklineLegend() {
  return (
    <p
      className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500"
      data-testid="sparkline-legend"
    >
      <span>Recent probes (latency line):</span>
      <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {(Object.keys(stateWords) as Array<keyof typeof stateColour>).map((state) => (
          <span key={state} className="inline-flex items-center gap-1 whitespace-nowrap">
            <svg aria-hidden="true" width="8" height="8" viewBox="0 0 8 8">
              <circle cx="4" cy="4" r="3.5" fill={stateColour[state]} />
            </svg>
            {stateWords[state]}
          </span>
        ))}
      </span>
    </p>
  );
}

/**
 * Where the chart sits in its row's column from `sm`: at the column's right end, under the
 * panel's right-aligned "Probed at most every 4 s" (left in a 16rem column, 100 px of it stood
 * empty beside every chart), its caption wrapping within the chart's width so every row's
 * chart lines up.
 */
const placeClass = 'sm:justify-self-end';

/**
 * Recent probe latencies as a tiny inline SVG: a line for latency, a dot per probe coloured
 * by its state. Only answered probes have a latency: a failed or skipped one sits on the
 * baseline as its dot alone and breaks the line there (joined to it, the line read as latency
 * climbing from 0 ms). No chart library needed.
 */
export function Sparkline({
  samples,
  label,
  shared = false,
  checkedBeforeHistory = false,
}: {
  samples: ProbeSample[];
  label: string;
  /**
   * Several instances of the portal probe it lately (the row's instance list): their probes
   * share one history, so the chart is all of theirs while the row's badge is this instance's
   * own verdict. The caption says so: "1 of 11 failed" under a Down badge read as this
   * instance failing once in eleven, where the one failure was its own and the rest the others'.
   * Not counted: the list covers the last few minutes, the chart its last 30 probes, whose
   * instances may have come and gone.
   */
  shared?: boolean;
  /**
   * The row's last check is older than the history keeps (`probeHistoryKeptHours`): its samples
   * were dropped, so "No history yet" beside "Last checked 61 days ago" would contradict it.
   */
  checkedBeforeHistory?: boolean;
}) {
  if (samples.length === 0)
    return (
      <span className={`${placeClass} text-xs text-slate-500`}>
        {checkedBeforeHistory
          ? `No probes in the last ${probeHistoryKeptHours} hours`
          : 'No history yet'}
      </span>
    );
  // One dot is no trend: wait for a second probe before drawing.
  if (samples.length === 1)
    return <span className={`${placeClass} text-xs text-slate-500`}>One probe so far</span>;
  // A failed probe's latency is its time-out, not the dependency's; a skipped one has none.
  const measured = (s: ProbeSample): s is ProbeSample & { latencyMs: number } =>
    s.state !== 'down' && s.state !== 'skipped' && s.latencyMs !== null;
  const answeredMs = samples.filter(measured).map((s) => s.latencyMs);
  const counted = (state: ProbeSample['state']) => samples.filter((s) => s.state === state).length;
  const failed = counted('down');
  const max = Math.max(1, ...answeredMs);
  // No-break spaces keep "up to 209 ms" on one line of the narrow caption ("up to" / "209 ms").
  const scale = answeredMs.length > 0 ? `, up\u00a0to\u00a0${max}\u00a0ms` : '';
  // The dots' colours in words too: a reader who cannot tell them apart still reads the counts.
  const failures =
    (failed > 0 ? `, ${failed}\u00a0of\u00a0${samples.length} failed` : '') +
    (['degraded', 'skipped'] as const)
      .filter((state) => counted(state) > 0)
      .map((state) => `, ${counted(state)}\u00a0${stateWords[state]}`)
      .join('');
  const step = (width - 8) / (samples.length - 1);
  const points = samples.map((s, i) => ({
    x: 4 + i * step,
    y: measured(s) ? height - 4 - (s.latencyMs / max) * (height - 10) : height - 4,
    state: s.state,
    measured: measured(s),
  }));
  // A new stroke ("M") after every probe without a latency: the line never passes through one.
  const path = points
    .map((p, i) =>
      p.measured
        ? `${i > 0 && points[i - 1]!.measured ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`
        : '',
    )
    .filter(Boolean)
    .join(' ');
  const whose = shared ? ' by every instance' : '';
  const summary = `Last ${samples.length} probes${whose}${scale}${failures}`;
  return (
    <figure className={`m-0 sm:w-40 ${placeClass}`}>
      <svg
        role="img"
        aria-label={`${label}: latency of the last ${samples.length} probes${whose}${scale}${failures}`}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        className="overflow-visible"
      >
        <line x1="0" x2={width} y1={height - 4} y2={height - 4} stroke="#e2e8f0" strokeWidth="1" />
        {path && (
          <path d={path} fill="none" stroke="#0f6cbd" strokeWidth="1.5" strokeLinejoin="round" />
        )}
        {points.map((p, i) => (
          <circle key={i} cx={p.x} cy={p.y} r="2.5" fill={stateColour[p.state]} />
        ))}
      </svg>
      {/* The scale in words for sighted readers too (the SVG's label is for screen readers). */}
      <figcaption aria-hidden="true" className="mt-0.5 text-[11px] text-slate-500">
        {summary}
      </figcaption>
    </figure>
  );
}
