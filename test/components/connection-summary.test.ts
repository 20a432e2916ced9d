import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConnectionSummary } from '@/components/onboarding/connection-summary';
import { aadstsCatalogue } from '@/lib/failure/catalogue/aadsts';
import { vaultEntries } from '@/lib/failure/catalogue/vault';
import type { ConnectionStatus } from '@/lib/onboarding/status';

const version = {
  version: 'v1',
  createdAt: '2026-12-01T10:00:00Z',
  enabled: true,
  mintedBy: 'admin@contoso.test',
  mfa: true,
  purpose: 'consent',
  current: true,
} as const;

describe("step 3's live check that failed", () => {
  // Only a tenant's own Admins read onboarding: "One of this partner's admins re-consents" sat
  // beside the Re-consent button they may press themselves (as on the failure panel).
  it('addresses the fix to the admin reading it', () => {
    const retired = aadstsCatalogue[700082]!;
    const status: ConnectionStatus = {
      state: 'connected',
      secretName: 'sam-refresh-token-t',
      current: version,
      history: [version],
      liveCheck: {
        ok: false,
        failure: {
          code: 'entra_700082',
          problem: retired.cause,
          action: retired.action,
          fix: retired.fix,
          steps: retired.steps,
        },
      },
    };
    const html = renderToStaticMarkup(createElement(ConnectionSummary, { status })).replace(
      /&#x27;/g,
      "'",
    );
    expect(html).toContain('Re-consent in onboarding.');
    expect(html).not.toContain("One of this partner's admins");
    // The operator's part stays the operator's.
    expect(html).toContain("The portal's operator keeps the keep-alive running");
  });

  // The token service could not read the stored token: the check's problem named the reader's
  // own connection as "the partner's".
  it('addresses the problem to the admin reading it, under a heading or as one', () => {
    const disabled = vaultEntries.vault_secret_disabled;
    const render = (title?: string) => {
      const status: ConnectionStatus = {
        state: 'connected',
        secretName: 'sam-refresh-token-t',
        current: version,
        history: [version],
        liveCheck: {
          ok: false,
          failure: {
            code: 'token_unavailable',
            ...(title ? { title } : {}),
            problem: disabled.problem,
            action: 're-consent',
            fix: disabled.partnerWay!.fix,
            owner: 'portal',
          },
        },
      };
      return renderToStaticMarkup(createElement(ConnectionSummary, { status })).replace(
        /&#x27;/g,
        "'",
      );
    };
    for (const html of [render(), render('The stored connection cannot be read')]) {
      expect(html).toContain('Your stored Partner Center connection is disabled in Key Vault.');
      expect(html).not.toContain("The partner's stored");
    }
  });
});
