import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { FailurePanel } from '@/components/customers/failure-panel';
import type { PortalUser } from '@/lib/auth/user';
import { toFailure, type FailureView } from '@/lib/failure';
import { vaultEntries } from '@/lib/failure/catalogue/vault';
import { toVaultError } from '@/lib/vault/errors';
import { unitTestConfig } from '@/test/support/unit-config';
import { customerRequestFor } from './request';
import { settle } from './settle';
import { portalsOwnFailure, translatingTo } from './failures.test-support';

/*
 * The customers pages' failure panel, read by a partner's Admin or sales agent and by the
 * portal's own platform operators: a fix only the portal's operator can make (`owner: 'portal'`)
 * reaches a partner as theirs to wait for, never as the operator's steps.
 */
const config = unitTestConfig();
vi.mock('@/lib/config', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getConfig: () => config,
}));

// A failure no real error translates to, when a test names one (`translatingTo`).
vi.mock('@/lib/failure', async (original) =>
  (await import('./failures.test-support')).translatingAsTold(await original()),
);

const home = config.entra.homeTenantId;
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const correlationId = '0b8a3c1e-5d2f-4a6b-9c7d-1e2f3a4b5c6d';
const userOf = (tid: string, role: 'admin' | 'salesAgent'): PortalUser => ({
  tid,
  oid: '5c1b2a3d-0000-4000-8000-000000000001',
  name: 'Alex',
  upn: 'alex@x.test',
  roles: [role],
});

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');
const panel = (failure: FailureView, isAdmin: boolean) =>
  text(
    renderToStaticMarkup(
      createElement(FailurePanel, { failure, retryHref: '/customers/c-1', isAdmin }),
    ),
  );

async function failedView(thrown: unknown, reader: 'operator' | 'partner') {
  const settled = await settle(correlationId, () => Promise.reject(thrown), 'customers', reader);
  if (settled.kind !== 'failure') throw new Error(`expected a failure, got ${settled.kind}`);
  return settled.view;
}

const portalsOwn = portalsOwnFailure(correlationId);

describe("a portal-owned failure on a customers page's failure panel", () => {
  it("reaches a partner's Admin and sales agent as the operator's to fix, without the steps", async () => {
    await translatingTo(portalsOwn, async () => {
      const view = await failedView(new Error('refused'), 'partner');
      expect(view.steps).toBeUndefined();
      for (const isAdmin of [true, false]) {
        const shown = panel(view, isAdmin);
        expect(shown).not.toMatch(/ENTRA_CLIENT_SECRET|Certificates & secrets|app registration/);
        expect(shown).toContain(
          "The portal's operator must fix this; nothing is needed from you. Try again once they have.",
        );
        expect(shown).toContain(correlationId);
      }
    });
  });

  it('gives a platform operator the steps', async () => {
    await translatingTo(portalsOwn, async () => {
      const view = await failedView(new Error('refused'), 'operator');
      const shown = panel(view, true);
      expect(shown).toContain('Certificates &amp; secrets');
      expect(shown).toContain('Set ENTRA_CLIENT_SECRET to the Value of a current client secret');
      expect(shown).not.toContain("The portal's operator must fix this");
    });
  });

  it('is a partner’s reading when the page names no reader', async () => {
    await translatingTo(portalsOwn, async () => {
      const settled = await settle(correlationId, () => Promise.reject(new Error('refused')));
      expect(settled).toMatchObject({ kind: 'failure', view: { owner: 'portal' } });
      expect(settled.kind === 'failure' && settled.view.steps).toBeFalsy();
    });
  });
});

describe("Key Vault refusing the portal's identity, on a customers page", () => {
  // Listing works, getting does not: the token service cannot read the partner's refresh token.
  const forbidden = () =>
    toFailure(toVaultError('getSecret', { name: 'RestError', statusCode: 403 }), {
      for: 'tokens',
      tenantId: fabrikam,
    });

  // It read "Partner Center access is briefly unavailable... Try again in a minute" to every
  // reader: a refused identity stays refused until the operator grants it.
  it("is no brief outage: a partner is told it is the operator's to fix, never the steps", async () => {
    const view = await failedView(forbidden(), 'partner');
    for (const isAdmin of [true, false]) {
      const shown = panel(view, isAdmin);
      expect(shown).toContain('Partner Center access is unavailable');
      expect(shown).toContain("Key Vault refused the portal's identity.");
      expect(shown).toContain("The portal's operator must fix this");
      expect(shown).not.toContain('briefly');
      expect(shown).not.toContain(vaultEntries.vault_forbidden.fix);
      expect(shown).not.toMatch(/Grant the portal|Secrets Officer/);
    }
  });

  it('gives the platform operator the fix, theirs to make', async () => {
    const shown = panel(await failedView(forbidden(), 'operator'), true);
    expect(shown).toContain('Partner Center access is unavailable');
    expect(shown).toContain(vaultEntries.vault_forbidden.fix);
  });
});

describe("a customers page's reader", () => {
  it("is a platform operator for the home tenant's Admin, a partner's for anyone else", () => {
    expect(customerRequestFor(userOf(home, 'admin')).reader).toBe('operator');
    expect(customerRequestFor(userOf(home, 'salesAgent')).reader).toBe('partner');
    expect(customerRequestFor(userOf(fabrikam, 'admin')).reader).toBe('partner');
    expect(customerRequestFor(userOf(fabrikam, 'salesAgent')).reader).toBe('partner');
  });
});
