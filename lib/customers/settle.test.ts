import { notFound } from 'next/navigation';
import { describe, expect, it } from 'vitest';
import { PartnerCenterError } from '@/lib/partner-center/errors';
import { exportFileName } from './api';
import { correlationIdFromDigest } from './digest';
import { settle } from './settle';

const correlationId = '0b8a3c1e-5d2f-4a6b-9c7d-1e2f3a4b5c6d';

describe('settle', () => {
  it('passes data through', async () => {
    await expect(settle(correlationId, async () => 42)).resolves.toEqual({ kind: 'ok', value: 42 });
  });

  it('turns a Partner Center 404 into Next’s not-found signal', async () => {
    const missing = new PartnerCenterError({
      code: 'not_found',
      status: 404,
      description: 'x',
      requestId: null,
      correlationId,
    });
    const thrown = await settle(correlationId, () => Promise.reject(missing)).catch(
      (e: unknown) => e,
    );
    // Exactly what Next's own notFound() throws, whatever Next spells inside it.
    const signal = (() => {
      try {
        notFound();
      } catch (e) {
        return e as { digest?: string };
      }
    })();
    expect((thrown as { digest?: string }).digest).toBe(signal?.digest);
    expect(signal?.digest).toBeTruthy();
  });

  it('returns known failures for the page to render', async () => {
    const busy = new PartnerCenterError({
      code: 'throttled',
      status: 429,
      description: 'x',
      requestId: 'r',
      correlationId,
    });
    await expect(settle(correlationId, () => Promise.reject(busy))).resolves.toMatchObject({
      kind: 'failure',
      view: { correlationId },
    });
  });

  it('rethrows unexpected errors with the correlation id readable from the digest', async () => {
    const thrown = await settle(correlationId, () => Promise.reject(new TypeError('bug'))).catch(
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(TypeError);
    expect(correlationIdFromDigest((thrown as { digest?: string }).digest)).toBe(correlationId);
    expect(correlationIdFromDigest('12345')).toBeNull();
    expect(correlationIdFromDigest('cid:<script>')).toBeNull();
  });
});

describe('exportFileName', () => {
  it('keeps only safe characters in the attachment name', () => {
    expect(exportFileName('contoso.onmicrosoft.com', new Date('2026-03-12T10:00:00Z'))).toBe(
      'users-contoso.onmicrosoft.com-2026-03-12.csv',
    );
    expect(exportFileName('a"b\r\nc', new Date('2026-03-12T10:00:00Z'))).toBe(
      'users-a_b__c-2026-03-12.csv',
    );
    // The list's search is in the name, so a filtered file is not taken for everyone.
    expect(
      exportFileName('contoso.com', new Date('2026-03-12T10:00:00Z'), {
        field: 'upn',
        q: 'mia"; x',
      }),
    ).toBe('users-contoso.com-upn-starting-mia___x-2026-03-12.csv');
    expect(
      exportFileName('contoso.com', new Date('2026-03-12T10:00:00Z'), { field: 'name', q: '  ' }),
    ).toBe('users-contoso.com-2026-03-12.csv');
  });
});
