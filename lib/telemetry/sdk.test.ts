import { metrics, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { startTelemetry } from './sdk';

afterEach(() => {
  trace.disable();
  metrics.disable();
});

describe('startTelemetry', () => {
  it('stays off without a destination: spans are not recorded', async () => {
    expect(await startTelemetry({})).toBe(false);
    expect(trace.getTracer('t').startSpan('s').isRecording()).toBe(false);
  });

  it('records spans once Azure Monitor is configured (nothing is exported in this test)', async () => {
    const connectionString =
      'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/';
    // NEXT_MANUAL_SIG_HANDLE: no signal listeners in the test process.
    expect(
      await startTelemetry({
        APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString,
        NEXT_MANUAL_SIG_HANDLE: '1',
      }),
    ).toBe(true);
    const span = trace.getTracer('t').startSpan('s');
    expect(span.isRecording()).toBe(true);
  });
});
