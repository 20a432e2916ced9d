/**
 * An in-process OTLP/HTTP (JSON) receiver for the e2e run: the portal exports its spans and
 * metrics here (OTEL_EXPORTER_OTLP_ENDPOINT), each request body becomes one line of
 * `<state>/otlp/traces.jsonl` or `metrics.jsonl`, and specs and the teardown read them back.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { e2eStateDir } from './environment';

export const otlpDir = path.join(e2eStateDir, 'otlp');
const files = {
  '/v1/traces': 'traces.jsonl',
  '/v1/metrics': 'metrics.jsonl',
  '/v1/logs': 'logs.jsonl',
} as const;
const maxBodyBytes = 16 * 1024 * 1024;

/** Starts the receiver on a free loopback port; resolves with its base URL and a close function. */
export async function startOtlpReceiver(): Promise<{ url: string; close: () => Promise<void> }> {
  rmSync(otlpDir, { recursive: true, force: true });
  mkdirSync(otlpDir, { recursive: true });
  const server = createServer((req, res) => {
    const file = files[req.url as keyof typeof files];
    if (req.method !== 'POST' || !file || !/json/.test(req.headers['content-type'] ?? '')) {
      res.writeHead(415).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > maxBodyBytes) return void res.writeHead(413).end();
      const body = Buffer.concat(chunks).toString('utf8');
      appendFileSync(path.join(otlpDir, file), `${JSON.stringify(JSON.parse(body))}\n`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The raw JSONL text the receiver wrote for a signal ('' before the first export). */
export function readOtlpText(signal: 'traces' | 'metrics' | 'logs'): string {
  const file = path.join(otlpDir, `${signal}.jsonl`);
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

type OtlpValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
};
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startTimeUnixNano?: string | number;
  attributes?: { key: string; value: OtlpValue }[];
}

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  /** When the span started (ms since the epoch; 0 when the exporter sent no start). */
  startedAt: number;
  attributes: Record<string, string | number | boolean | undefined>;
}

/** Every span received so far, flattened (attributes as plain values). */
export function receivedSpans(): ReceivedSpan[] {
  const batches = readOtlpText('traces')
    .split('\n')
    .filter(Boolean)
    .map(
      (line) => JSON.parse(line) as { resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[] },
    );
  return batches.flatMap((batch) =>
    (batch.resourceSpans ?? []).flatMap((r) =>
      (r.scopeSpans ?? []).flatMap((s) =>
        (s.spans ?? []).map((span) => ({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId || null,
          name: span.name,
          startedAt: Number(BigInt(span.startTimeUnixNano ?? 0) / 1_000_000n),
          attributes: Object.fromEntries(
            (span.attributes ?? []).map((a) => [
              a.key,
              a.value.stringValue ??
                a.value.boolValue ??
                a.value.doubleValue ??
                (a.value.intValue === undefined ? undefined : Number(a.value.intValue)),
            ]),
          ),
        })),
      ),
    ),
  );
}

/** Names of the metrics received so far. */
export function receivedMetricNames(): Set<string> {
  const batches = readOtlpText('metrics')
    .split('\n')
    .filter(Boolean)
    .map(
      (line) =>
        JSON.parse(line) as {
          resourceMetrics?: { scopeMetrics?: { metrics?: { name: string }[] }[] }[];
        },
    );
  return new Set(
    batches.flatMap((b) =>
      (b.resourceMetrics ?? []).flatMap((r) =>
        (r.scopeMetrics ?? []).flatMap((s) => (s.metrics ?? []).map((m) => m.name)),
      ),
    ),
  );
}
