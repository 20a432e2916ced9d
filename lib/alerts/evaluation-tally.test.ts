import { describe, expect, it } from 'vitest';
import type { EvaluationSummary } from './evaluate';
import { deliveryTallySchema, tallyFor, targetsNow } from './evaluation-tally';

const contoso = '11111111-1111-4111-8111-111111111111';
const fabrikam = '22222222-2222-4222-8222-222222222222';
const delivery = (targetOwner: string | null, ok: boolean) => ({
  targetId: `${targetOwner ?? 'ops'}-${ok}`,
  targetOwner,
  ok,
  attempts: 1,
  error: ok ? null : { code: 'timeout', message: 'x' },
});
const summary: Pick<EvaluationSummary, 'sent' | 'retried'> = {
  sent: [
    {
      event: 'opened',
      condition: 'needs-reconsent',
      subject: contoso,
      tenantId: contoso.toUpperCase(),
      deliveries: [delivery(contoso, true), delivery(contoso, false), delivery(null, true)],
    },
    {
      event: 'opened',
      condition: 'dependency-down',
      subject: 'entra',
      tenantId: null,
      deliveries: [delivery(null, false)],
    },
    {
      event: 'opened',
      condition: 'needs-reconsent',
      subject: fabrikam,
      tenantId: fabrikam,
      deliveries: [delivery(fabrikam, true), delivery(null, true)],
    },
  ],
  retried: [
    {
      event: 'reminder',
      condition: 'token-expiring',
      subject: contoso,
      tenantId: contoso,
      deliveries: [delivery(contoso, true)],
    },
  ],
};

describe('the tally of an evaluation for one Admin', () => {
  it("a partner's Admin counts their own alerts' deliveries to their own targets only", () => {
    expect(tallyFor(summary, { tenantId: contoso, platformOperator: false })).toEqual({
      raised: 1,
      delivered: 1,
      failed: 1,
      owedDelivered: 1,
      owedFailed: 0,
    });
  });

  it('a platform operator also counts the platform alerts and the platform targets', () => {
    expect(tallyFor(summary, { tenantId: contoso, platformOperator: true })).toEqual({
      raised: 2,
      delivered: 2,
      failed: 2,
      owedDelivered: 1,
      owedFailed: 0,
    });
  });

  it('is kept for the page as counts only: anything else reads as no tally', () => {
    const tally = { raised: 2, delivered: 1, failed: 1, owedDelivered: 0, owedFailed: 12_000 };
    expect(deliveryTallySchema.parse(tally)).toEqual(tally);
    for (const bad of [-1, 1.5, '1', Number.NaN, null])
      expect(deliveryTallySchema.safeParse({ ...tally, delivered: bad }).success).toBe(false);
    expect(deliveryTallySchema.safeParse({ sent: 3 }).success).toBe(false);
  });
});

describe('targetsNow', () => {
  it('says whom an alert would reach: nobody listed, nobody enabled, nobody readable, or someone', () => {
    const target = (enabled: boolean, readable = true) => ({ enabled, readable });
    expect(targetsNow([])).toBe('none');
    expect(targetsNow([target(false), target(false)])).toBe('none-enabled');
    expect(targetsNow([target(false), target(true)])).toBe('some');
    // Enabled, but sealed under an earlier AUTH_SECRET: evaluations skip it.
    expect(targetsNow([target(true, false), target(false)])).toBe('none-readable');
    // A disabled target that opens reaches nobody either; one enabled that opens does.
    expect(targetsNow([target(true, false), target(false, true)])).toBe('none-readable');
    expect(targetsNow([target(true, false), target(true)])).toBe('some');
  });
});
