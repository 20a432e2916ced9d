import type { AuditWriter } from './writer';

/** The parts of `process` the shutdown watch uses (tests pass an EventEmitter). */
export interface ShutdownSignals {
  once(event: 'SIGTERM' | 'SIGINT' | 'exit', listener: () => void): unknown;
}

/**
 * On shutdown, buffered audit events are written if the database takes them (a last flush
 * without the back-off, beside Next's own signal handler) and, if it does not, the process's
 * last log line says how many were lost: events wait in memory while the database is away
 * (writer.ts), and a rolling deploy must not drop a disconnect's record without a word.
 * Like the telemetry flush, only beside Next's handler (`manualSignals` false): alone, a
 * signal listener would keep the signal from ending the process.
 */
export function watchAuditOnShutdown(
  writer: Pick<AuditWriter, 'retryNow' | 'status'>,
  options: {
    signals: ShutdownSignals;
    manualSignals: boolean;
    warn: (message: string, fields: { outcome: 'failure'; lost: number; dropped: number }) => void;
  },
): void {
  if (options.manualSignals) return;
  const flush = () => void writer.retryNow();
  options.signals.once('SIGTERM', flush);
  options.signals.once('SIGINT', flush);
  options.signals.once('exit', () => {
    const { buffered, dropped } = writer.status();
    if (buffered > 0)
      options.warn(
        'audit events not confirmed written before exit: the database was away or still writing them',
        {
          outcome: 'failure',
          lost: buffered,
          dropped,
        },
      );
  });
}
