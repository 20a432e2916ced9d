import { renderToStaticMarkup } from 'react-dom/server';
import type { ConsentOutcome } from './consent-flow';

/** A consent `admin` started that completed, stored as version v1, its live check passing. */
export function completedConsent(admin: { tid: string; oid: string; upn: string }): ConsentOutcome {
  return {
    tenantId: admin.tid,
    consentedBy: { upn: 'agent@contoso.test', oid: 'oid-agent' },
    startedBy: { upn: admin.upn, oid: admin.oid },
    consentedAt: '2026-01-02T03:04:05.000Z',
    mfa: true,
    secretName: `sam-refresh-token-${admin.tid}`,
    secretVersion: 'v1',
    liveCheck: { ok: true, customerCount: 3 },
    correlationId: '3f1d2c4b-0000-4000-8000-000000000001',
  };
}

/** /onboarding/result as the server renders it, with the test file's mocks in place. */
export async function renderResultPage(params: Record<string, string> = {}): Promise<string> {
  const { default: OnboardingResultPage } = await import('@/app/onboarding/result/page');
  return renderToStaticMarkup(
    await OnboardingResultPage({ searchParams: Promise.resolve(params) }),
  );
}
