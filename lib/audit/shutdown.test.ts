import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { NewAuditEventRow } from '@/lib/db/schema';
import { watchAuditOnShutdown } from './shutdown';
import { createAuditWriter } from './writer';

const event = { action: 'consent.disconnected', outcome: 'success', details: {} } as never;

function setup(insert: (rows: NewAuditEventRow[]) => Promise<void>) {
  const writer = createAuditWriter({
    insert,
    retryDelayMs: { first: 60_000, max: 60_000 },
    log: () => undefined,
  });
  const signals = new EventEmitter();
  const warnings: unknown[] = [];
  watchAuditOnShutdown(writer, {
    signals,
    manualSignals: false,
    warn: (message, fields) => warnings.push({ message, ...fields }),
  });
  return { writer, signals, warnings };
}

describe('audit events at shutdown', () => {
  it('says how many buffered events are lost when the database never came back', async () => {
    const { writer, signals, warnings } = setup(async () => {
      throw new Error('connect ECONNREFUSED');
    });
    writer.enqueue(event);
    await writer.flush();
    signals.emit('SIGTERM');
    signals.emit('exit');
    expect(warnings).toEqual([
      {
        message:
          'audit events not confirmed written before exit: the database was away or still writing them',
        outcome: 'failure',
        lost: 1,
        dropped: 0,
      },
    ]);
  });

  it('writes them at the signal, without waiting out the back-off, when the database is back', async () => {
    let up = false;
    const written: NewAuditEventRow[] = [];
    const { writer, signals, warnings } = setup(async (rows) => {
      if (!up) throw new Error('connect ECONNREFUSED');
      written.push(...rows);
    });
    writer.enqueue(event);
    await writer.flush();
    up = true;
    signals.emit('SIGTERM');
    await writer.flush();
    signals.emit('exit');
    expect(written).toHaveLength(1);
    expect(warnings).toEqual([]);
  });
});
