import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { Problem } from '@/components/customers/problem';
import { EntraError } from '@/lib/entra/errors';
import { notConnectedFailure, toFailure } from '@/lib/failure';
import { throttledVaultError, toVaultError } from '@/lib/vault/errors';
import { unitTestConfig } from '@/test/support/unit-config';
import { customerApiFailure, type CustomerApiCaller } from './api';
import { reconsentPromptWords } from './reconsent-words';
import { settle } from './settle';
import { portalsOwnFailure, translatingTo } from './failures.test-support';

/*
 * The customer API answered a token failure in the customers catalogue's generic words while
 * the page said what happened: "Partner Center is not connected for your partner tenant" where
 * the page said the consent had expired, "Partner Center access is briefly unavailable" where
 * it said Key Vault asked for 12 s. Its JSON now says what the page says to the same reader,
 * with the same status, code and Retry-After.
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

const tenantId = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';
const correlationId = '0b8a3c1e-5d2f-4a6b-9c7d-1e2f3a4b5c6d';

/** The home tenant's Admin (a platform operator), a partner's Admin and a partner's sales agent. */
const callers: Record<'operator' | 'partnerAdmin' | 'partnerAgent', CustomerApiCaller> = {
  operator: { correlationId, reader: 'operator', user: { roles: ['admin'] } },
  partnerAdmin: { correlationId, reader: 'partner', user: { roles: ['admin'] } },
  partnerAgent: { correlationId, reader: 'partner', user: { roles: ['salesAgent'] } },
};
const everyCaller = Object.entries(callers);

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { error: string; message: string; fix?: string; action: string; correlationId?: string };
}

async function apiAnswer(error: unknown, caller: CustomerApiCaller): Promise<Answer> {
  const response = customerApiFailure(error, caller);
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Answer['body'],
  };
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** What the customers page shows `caller` when its load fails on `error`. */
async function pageText(error: unknown, caller: CustomerApiCaller): Promise<string> {
  const settled = await settle(
    correlationId,
    () => Promise.reject(error),
    'customers',
    caller.reader,
  );
  if (settled.kind === 'ok') throw new Error('expected a failure');
  const isAdmin = caller.user.roles.includes('admin');
  return text(
    renderToStaticMarkup(createElement(Problem, { settled, isAdmin, retryHref: '/customers' })),
  );
}

const tokens = (err: unknown) => toFailure(err, { for: 'tokens', tenantId });

describe('a tenant without a working grant, on the customer API', () => {
  const cases = [
    [
      'needs_reconsent',
      'needs-reconsent',
      () => tokens(new EntraError({ error: 'invalid_grant', status: 400, aadsts: 700082 })),
    ],
    ['not_connected', 'not-connected', () => notConnectedFailure(tenantId)],
  ] as const;

  it.each(cases)(
    '%s says what the re-consent prompt says, to each reader',
    async (code, reason, failure) => {
      for (const [who, caller] of everyCaller) {
        const isAdmin = caller.user.roles.includes('admin');
        const prompt = reconsentPromptWords(reason, isAdmin);
        const answer = await apiAnswer(failure(), caller);
        expect(answer, who).toMatchObject({
          status: 409,
          body: {
            error: code,
            message: `${prompt.title}. ${prompt.cause}`,
            fix: prompt.next,
            action: 'grant-consent',
            correlationId,
          },
        });
        const page = await pageText(failure(), caller);
        for (const words of [prompt.title, prompt.cause, prompt.next])
          expect(page, who).toContain(words);
      }
    },
  );

  it('no longer calls an expired consent "not connected"', async () => {
    const expired = tokens(new EntraError({ error: 'invalid_grant', status: 400, aadsts: 700082 }));
    const { body } = await apiAnswer(expired, callers.partnerAgent);
    expect(body.message).toMatch(/^Partner Center needs consent again\. /);
    expect(body.fix).toMatch(/^Ask an Admin of your partner tenant to reconnect it/);
  });
});

describe('a token failure the page shows on its failure panel, on the customer API', () => {
  const briefly = 'Partner Center access is briefly unavailable';
  const cases = [
    [
      'Key Vault throttling',
      () =>
        tokens(throttledVaultError({ operation: 'getSecret', status: 429, retryAfterSeconds: 12 })),
      { status: 503, retryAfter: '12', error: 'vault_throttled' },
      [briefly, 'Key Vault is throttling requests; try again in 12 s.'],
    ],
    [
      'Entra throttling the redemption (AADSTS50196)',
      () => tokens(new EntraError({ error: 'invalid_grant', status: 400, aadsts: 50196 })),
      // Entra's wait, not Key Vault's: the code said `vault_throttled`.
      { status: 503, retryAfter: '60', error: 'token_unavailable' },
      [briefly],
    ],
    [
      'Key Vault not answering',
      () => tokens(toVaultError('getSecret', { name: 'RestError', statusCode: 503 })),
      { status: 502, retryAfter: null, error: 'token_unavailable' },
      [
        briefly,
        'The portal could not get an access token for Partner Center (Entra ID or Key Vault did not answer). Try again in a minute.',
      ],
    ],
    [
      "Entra refusing the portal's configuration",
      () => tokens(new EntraError({ error: 'invalid_client', status: 401, aadsts: 7000215 })),
      { status: 502, retryAfter: null, error: 'configuration_error' },
      [
        'The portal cannot sign in to Partner Center',
        'The portal\u2019s own Entra configuration was refused (for example an expired client secret). An administrator must fix the portal\u2019s settings.',
      ],
    ],
  ] as const;

  it.each(cases)(
    '%s: the panel’s heading and text, with its status',
    async (_name, failure, wire, shown) => {
      for (const [who, caller] of everyCaller) {
        const answer = await apiAnswer(failure(), caller);
        const { error, ...http } = wire as { error?: string; status: number; retryAfter: string };
        expect({ status: answer.status, retryAfter: answer.retryAfter }, who).toEqual(http);
        if (error) expect(answer.body.error, who).toBe(error);
        const page = await pageText(failure(), caller);
        // The message is the panel's heading, then its text: each part as the page shows it.
        const [heading, ...rest] = answer.body.message.split('. ');
        expect(page, who).toContain(heading);
        expect(page, who).toContain(rest.join('. '));
        for (const words of shown) expect(answer.body.message, who).toContain(words);
        if (answer.body.fix) expect(page, who).toContain(answer.body.fix);
      }
    },
  );

  it("names Entra's throttling in Entra's words, as the page does", async () => {
    const throttled = () =>
      tokens(new EntraError({ error: 'invalid_grant', status: 400, aadsts: 50196 }));
    const { body } = await apiAnswer(throttled(), callers.partnerAgent);
    expect(body.message).not.toBe(briefly);
    expect(body.message).toBe(`${briefly}. ${throttled().problem}`);
  });
});

const portalsOwn = portalsOwnFailure(correlationId);

describe("a fix only the portal's operator can make, on the customer API", () => {
  it("reaches a partner's caller as the operator's to make, never as their steps", async () => {
    await translatingTo(portalsOwn, async () => {
      for (const caller of [callers.partnerAdmin, callers.partnerAgent]) {
        const answer = await apiAnswer(new Error('refused'), caller);
        expect(answer.status).toBe(502);
        expect(answer.body).toMatchObject({
          error: 'configuration_error',
          message:
            "The portal's client secret is not valid. Entra refused the portal's client secret.",
          fix: "The portal's operator must fix this; nothing is needed from you. Try again once they have.",
        });
        expect(JSON.stringify(answer.body)).not.toMatch(/ENTRA_CLIENT_SECRET|app registration/);
        expect(await pageText(new Error('refused'), caller)).toContain(answer.body.fix);
      }
    });
  });

  it('gives a platform operator the fix, whose steps their page shows', async () => {
    await translatingTo(portalsOwn, async () => {
      const answer = await apiAnswer(new Error('refused'), callers.operator);
      expect(answer.body.fix).toBe(portalsOwn.fix);
      expect(await pageText(new Error('refused'), callers.operator)).toContain(
        'Set ENTRA_CLIENT_SECRET to the Value of a current client secret',
      );
    });
  });
});

// The users export answered a script's failed start in the catalogue's generic words, with the
// operator's steps for a partner, while the users page said what happened.
describe('a users export that fails before its file, for a script', () => {
  it('answers in the words the customer API gives the same reader', async () => {
    const { exportFailureResponse } = await import('./export-failure');
    await translatingTo(portalsOwn, async () => {
      const script = new Request('https://portal.test/api/customers/x/users/export');
      const user = { tid: tenantId, oid: 'o', name: 'n', upn: 'u', roles: ['salesAgent'] as const };
      const response = await exportFailureResponse(new Error('refused'), script, {
        user: { ...user, roles: [...user.roles] },
        reader: 'partner',
        correlationId,
        usersPage: '/customers/x/users',
      });
      expect(response.status).toBe(502);
      const body = (await response.json()) as Answer['body'];
      expect(body.fix).toBe(
        "The portal's operator must fix this; nothing is needed from you. Try again once they have.",
      );
      expect(JSON.stringify(body)).not.toMatch(/ENTRA_CLIENT_SECRET|app registration/);
    });
  });
});
