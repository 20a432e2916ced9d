import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { NewAuditEventRow } from '@/lib/db/schema';

/** The request `recordAudit` runs in: its headers are the caller's to set. */
let incoming = new Headers();
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => ({ headers: async () => incoming }));
vi.mock('@/lib/config', () => ({ getConfig: () => ({ security: { trustedProxyCount: 0 } }) }));
const rows: NewAuditEventRow[] = [];
vi.mock('./writer', () => ({
  createAuditWriter: () => ({ enqueue: (row: NewAuditEventRow) => rows.push(row) }),
}));
const { recordAudit } = await import('./record');

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';

/** The correlation id an event records when the request says `X-Request-Id: value`. */
async function recordedWith(value: string): Promise<string | null | undefined> {
  incoming = new Headers({ 'x-request-id': value });
  rows.length = 0;
  recordAudit({ action: 'consent.started', outcome: 'success', partnerTenant: contoso });
  await vi.waitFor(() => expect(rows).toHaveLength(1));
  return rows[0]!.correlation_id;
}

describe('recordAudit: the request id as correlation id', () => {
  beforeEach(() => {
    rows.length = 0;
  });

  it('keeps the shapes proxies send', async () => {
    for (const id of [
      'd3b07384-d9a0-4c5b-9d3b-2f1e4a6b8c0d',
      '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      'frontdoor:20261203T090000Z-abc.def_1',
    ])
      expect(await recordedWith(id)).toBe(id);
  });

  it('records none for what the caller could make read like something else', async () => {
    for (const forged of [
      'Consent was revoked by admin@contoso.com',
      '<script>alert(1)</script>',
      '=HYPERLINK("https://evil.example")',
      `a${'b'.repeat(128)}`,
      '-leading-dash',
    ])
      expect(await recordedWith(forged)).toBeNull();
  });
});
