import type { ProbeSample } from '@/lib/health/types';

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

/** The key to the sparklines' dots, shown once above them. */
export function SparklineLegend() {
  return (
    <p
      className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500"
      data-testid="sparkline-legend"
    >
      <span>Recent probes (latency line):</span>
      {(Object.keys(stateWords) as Array<keyof typeof stateColour>).map((state) => (
        <span key={state} className="inline-flex items-center gap-1 whitespace-nowrap">
          <svg aria-hidden="true" width="8" height="8" viewBox="0 0 8 8">
            <circle cx="4" cy="4" r="3.5" fill={stateColour[state]} />
          </svg>
          {stateWords[state]}
        </span>
      ))}
    </p>
  );
}

/**
 * Recent probe latencies as a tiny inline SVG: a line for latency, a dot per probe coloured
 * by its state (failed probes sit on the baseline in red). No chart library needed.
 */
export function Sparkline({ samples, label }: { samples: ProbeSample[]; label: string }) {
  if (samples.length === 0) return <span className="text-xs text-slate-500">No history yet</span>;
  // One dot is no trend: wait for a second probe before drawing.
  if (samples.length === 1) return <span className="text-xs text-slate-500">One probe so far</span>;
  // A failed probe's latency is its time-out, not the dependency's: it sits on the baseline.
  const answeredMs = samples.flatMap((s) =>
    s.state === 'down' || s.latencyMs === null ? [] : [s.latencyMs],
  );
  const failed = samples.filter((s) => s.state === 'down').length;
  const max = Math.max(1, ...answeredMs);
  const scale = answeredMs.length > 0 ? `, up to ${max} ms` : '';
  const failures = failed > 0 ? `, ${failed} of ${samples.length} failed` : '';
  const step = samples.length > 1 ? (width - 8) / (samples.length - 1) : 0;
  const points = samples.map((s, i) => ({
    x: 4 + i * step,
    y:
      s.latencyMs === null || s.state === 'down'
        ? height - 4
        : height - 4 - (s.latencyMs / max) * (height - 10),
    state: s.state,
  }));
  const path = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`)
    .join(' ');
  const summary = `Last ${samples.length} probes${scale}${failures}`;
  return (
    <figure className="m-0">
      <svg
        role="img"
        aria-label={`${label}: latency of the last ${samples.length} probes${scale}${failures}`}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        className="overflow-visible"
      >
        <line x1="0" x2={width} y1={height - 4} y2={height - 4} stroke="#e2e8f0" strokeWidth="1" />
        <path d={path} fill="none" stroke="#0f6cbd" strokeWidth="1.5" strokeLinejoin="round" />
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
