import 'server-only';
import type { SpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-node';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { redactSpan } from './span-redaction';

/**
 * Where telemetry goes, from the environment: OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is
 * set (the exporters read the OTEL_* variables themselves), Azure Monitor when
 * APPLICATIONINSIGHTS_CONNECTION_STRING is set, both when both are, nothing otherwise.
 */
export function telemetryDestinations(env: Record<string, string | undefined> = process.env): {
  otlp: boolean;
  azureMonitor: string | null;
} {
  return {
    otlp: Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim()),
    azureMonitor: env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim() || null,
  };
}

/**
 * Registers the global tracer and meter providers (instrumentation.ts calls this once, and
 * only when a destination is configured: when off, nothing is loaded and spans are no-ops).
 * Next's own spans (one per page and route handler) and lib/telemetry's spans all land here.
 */
export async function startTelemetry(
  env: Record<string, string | undefined> = process.env,
): Promise<boolean> {
  const destinations = telemetryDestinations(env);
  if (!destinations.otlp && !destinations.azureMonitor) return false;
  const [
    { NodeTracerProvider, BatchSpanProcessor },
    { MeterProvider, PeriodicExportingMetricReader },
    { resourceFromAttributes },
    { metrics },
  ] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-metrics'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/api'),
  ]);
  const spanExporters: SpanExporter[] = [];
  const metricExporters: PushMetricExporter[] = [];
  if (destinations.otlp) {
    const [{ OTLPTraceExporter }, { OTLPMetricExporter }] = await Promise.all([
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/exporter-metrics-otlp-http'),
    ]);
    spanExporters.push(new OTLPTraceExporter());
    metricExporters.push(new OTLPMetricExporter());
  }
  if (destinations.azureMonitor) {
    const { AzureMonitorTraceExporter, AzureMonitorMetricExporter } =
      await import('@azure/monitor-opentelemetry-exporter');
    spanExporters.push(
      new AzureMonitorTraceExporter({ connectionString: destinations.azureMonitor }),
    );
    metricExporters.push(
      new AzureMonitorMetricExporter({ connectionString: destinations.azureMonitor }),
    );
  }
  const resource = resourceFromAttributes({
    'service.name': env.OTEL_SERVICE_NAME?.trim() || 'partner-portal',
  });
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [
      // Before any exporter sees a span: query strings, cookies, credentials out of its name,
      // attributes, events and status message.
      {
        onStart: () => undefined,
        onEnding: (span) => redactSpan(span),
        onEnd: () => undefined,
        forceFlush: async () => undefined,
        shutdown: async () => undefined,
      },
      ...spanExporters.map(
        (exporter) =>
          new BatchSpanProcessor(exporter, {
            scheduledDelayMillis: positiveInt(env.OTEL_BSP_SCHEDULE_DELAY, 5_000),
          }),
      ),
    ],
  });
  provider.register();
  const exportIntervalMillis = positiveInt(env.OTEL_METRIC_EXPORT_INTERVAL, 60_000);
  const meterProvider = new MeterProvider({
    resource,
    readers: metricExporters.map(
      (exporter) =>
        new PeriodicExportingMetricReader({
          exporter,
          exportIntervalMillis,
          exportTimeoutMillis: Math.min(30_000, exportIntervalMillis),
        }),
    ),
  });
  metrics.setGlobalMeterProvider(meterProvider);
  // Best effort on shutdown: Next's own handler closes the server and exits; send what is
  // batched meanwhile instead of dropping up to one batch interval of spans and metrics. Only
  // beside Next's handler: alone, a listener would keep the signal from ending the process.
  if (!env.NEXT_MANUAL_SIG_HANDLE) {
    const flush = () =>
      void Promise.allSettled([provider.forceFlush(), meterProvider.forceFlush()]);
    process.once('SIGTERM', flush);
    process.once('SIGINT', flush);
  }
  return true;
}

function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export type { ReadableSpan };
