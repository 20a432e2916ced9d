import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetOnboardingFacts } from './page-facts';
import { navigation } from '@/lib/auth/roles';
import type { TenantHealth } from '@/lib/health/types';
import type { PreflightCheck } from './preflight';
import type { ConnectionStatus } from './status';
import type { OnboardingFailureView } from './http';
import { failureView, toFailure } from '@/lib/failure';
import { vaultEntries } from '@/lib/failure/catalogue/vault';
import { toVaultError } from '@/lib/vault/errors';
import {
  connectionNoticeBox,
  connectionNoticeRow,
} from '@/components/onboarding/connection-notice-box';
import {
  cardHeadings,
  drawnCardHeadings,
  pageTitle,
  primaryButtons,
  stepBarLabels,
  stepBarSteps,
  stepHeadings,
} from './onboarding-markup.test-support';

/**
 * /onboarding (app/onboarding/page.tsx) in each state a partner admin meets it: not
 * connected, connected and healthy, connected with a problem, after a failed consent. What is
 * asserted: one name per step everywhere, and which button is the page's main (brand) one.
 */
const admin = {
  tid: '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
  oid: 'oid-admin',
  upn: 'admin@contoso.test',
  roles: ['admin'],
};

const mocks = vi.hoisted(() => ({
  checks: [] as unknown[],
  status: null as unknown,
  health: null as unknown,
  failure: null as unknown,
  reader: 'operator' as 'operator' | 'partner',
}));

vi.mock('@/lib/auth', () => ({
  requireRole: async () => admin,
  signInTimeStated: async () => true,
}));
vi.mock('@/lib/onboarding/flash-store', () => ({ recallForOwner: async () => mocks.failure }));
// No failure kept for this browser alone (lib/onboarding/http.ts): no such cookie.
vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => undefined }) }));
vi.mock('@/lib/onboarding/ports-default', () => ({ defaultOnboardingPorts: () => ({}) }));
vi.mock('@/lib/onboarding/preflight', async (importActual) => ({
  ...(await importActual<typeof import('./preflight')>()),
  runPreflightChecks: async () => mocks.checks,
}));
vi.mock('@/lib/onboarding/reader', () => ({ onboardingReader: () => mocks.reader }));
vi.mock('@/lib/onboarding/status', async (importActual) => ({
  ...(await importActual<typeof import('./status')>()),
  getConnectionStatus: async () => mocks.status,
}));
vi.mock('@/lib/health', () => ({
  getHealthReport: async () => ({ tenants: mocks.health ? [mocks.health] : [] }),
}));

const passing: PreflightCheck[] = [
  { id: 'app-registration', title: 'App registration reachable', status: 'pass', summary: 'OK.' },
  { id: 'key-vault', title: 'Key Vault reachable', status: 'pass', summary: 'OK.' },
];

/** A failed set-up check: connecting would fail until it passes. */
const keyVaultFailing: PreflightCheck = {
  id: 'key-vault',
  title: 'Key Vault reachable',
  status: 'fail',
  summary: 'Down.',
  fix: 'Fix.',
};

const version = {
  version: 'v1',
  createdAt: '2026-01-02T03:04:05.000Z',
  mintedBy: 'agent@contoso.test',
  mfa: true,
  purpose: 'consent',
  current: true,
};
const connected: ConnectionStatus = {
  state: 'connected',
  secretName: `sam-refresh-token-${admin.tid}`,
  current: version,
  history: [version],
  liveCheck: null,
};
const notConnected: ConnectionStatus = {
  state: 'not-connected',
  secretName: `sam-refresh-token-${admin.tid}`,
};

function health(status: TenantHealth['status'], action?: string): TenantHealth {
  return {
    tenantId: admin.tid,
    displayName: 'contoso.test',
    status,
    problem: action ? { cause: 'Cause.', fix: 'Fix.', action } : null,
    grant: null,
    lastSuccessfulRedemptionAt: null,
    inactivity: {
      limitDays: 90,
      lastActivityAt: null,
      expiresAt: null,
      daysLeft: status === 'expiring-soon' ? 5 : 80,
      warning: status === 'expiring-soon' ? 'second' : 'none',
    },
    accessTokenCache: { cached: false, expiresAt: null, valid: false },
    nextRefreshAt: null,
    consecutiveFailures: 0,
    lastError: null,
  } as TenantHealth;
}

async function onboardingPage(params: Record<string, string> = {}): Promise<string> {
  const { default: OnboardingPage } = await import('@/app/onboarding/page');
  return renderToStaticMarkup(await OnboardingPage({ searchParams: Promise.resolve(params) }));
}

/** A label's words: its hyphenated words sit in spans that keep them whole (WholeWords). */
const words = (html: string) => html.replace(/<[^>]+>/g, '');

/**
 * Every link that starts the consent, in page order: its label, and whether it is in the
 * failure panel or step 2.
 */
function consentLinks(html: string): Array<[string, 'failure' | 'step 2']> {
  const panelEnd = html.indexOf('</section>', html.indexOf('data-testid="onboarding-failure"'));
  return [...html.matchAll(/<a href="\/api\/consent\/start"[^>]*>(.*?)<\/a>/g)].map((m) => [
    words(m[1]!),
    html.includes('data-testid="onboarding-failure"') && m.index! < panelEnd ? 'failure' : 'step 2',
  ]);
}

/** The connection notice's links down the page ([label, href]), below a failure panel if any. */
function noticeLinks(html: string): Array<[string, string]> {
  const panel = html.indexOf('data-testid="onboarding-failure"');
  const from = panel < 0 ? html.indexOf('</header>') : html.indexOf('</section>', panel);
  const notice = html.slice(from, html.indexOf('<section', from));
  expect(notice).toMatch(
    /data-testid="(not-connected|disconnected|connection-problem|already-connected)"/,
  );
  return [...notice.matchAll(/<a href="(#[^"]*)"[^>]*>(.*?)<\/a>/g)].map((m) => [
    words(m[2]!).replace(/\s*↓$/, ''),
    m[1]!,
  ]);
}

/** Step 2's side box: its text. */
function stepTwoBox(html: string): string {
  const card = html.slice(html.indexOf('<h2 id="connect"'));
  return /<div class="flex flex-col[^"]*rounded-lg bg-slate-50[^"]*">([\s\S]*?)<\/div>/
    .exec(card)![1]!
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The Connect step's button, with its classes: the page's last link to the consent start (a
 * failure panel above it may have its own).
 */
function connectButton(html: string): { label: string; primary: boolean } {
  const links = [...html.matchAll(/<a href="\/api\/consent\/start" class="([^"]*)">(.*?)<\/a>/g)];
  const link = links.at(-1);
  expect(link, 'step 2 has its Connect button').toBeDefined();
  return { label: words(link![2]!), primary: link![1]!.includes('bg-brand-600') };
}

beforeEach(() => {
  // What the pages looked up is reused for seconds (page-facts.ts): each case looks afresh.
  forgetOnboardingFacts(admin.tid);
  mocks.checks = passing;
  mocks.status = notConnected;
  mocks.health = null;
  mocks.failure = null;
  mocks.reader = 'operator';
});

describe('the onboarding page names each step once', () => {
  it('its title is its menu entry, and each card is headed by its step-bar name', async () => {
    mocks.status = connected;
    mocks.health = health('healthy');
    const html = await onboardingPage();
    const entry = navigation.find((item) => item.href === '/onboarding')!;
    expect(pageTitle(html)).toBe(entry.label);
    expect(stepBarLabels(html)).toEqual([
      'Check setup',
      'Consent at Microsoft',
      'Verify connection',
    ]);
    expect(stepHeadings(html)).toEqual(['Step 1: Check setup', 'Step 2: Consent at Microsoft']);
  });

  // The bar ticked "Verify connection", a step this page has no card for: it leads to its page.
  it("links a connected tenant's Verify connection step to its page, and no step before then", async () => {
    mocks.status = connected;
    mocks.health = health('healthy');
    const bar = (html: string) =>
      /<ol aria-label="Onboarding steps"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
    expect(bar(await onboardingPage())).toMatch(
      /<a [^>]*href="\/onboarding\/result"[^>]*>Verify connection<\/a>/,
    );
    expect(bar(await onboardingPage()).match(/<a /g)).toHaveLength(1);
    forgetOnboardingFacts(admin.tid);
    mocks.status = notConnected;
    mocks.health = null;
    expect(bar(await onboardingPage())).not.toContain('<a ');
  });

  it('the Consent at Microsoft card keeps its name when the button says Re-consent', async () => {
    mocks.status = connected;
    mocks.health = health('needs-reconsent', 're-consent');
    const html = await onboardingPage();
    expect(stepHeadings(html)).toEqual(['Step 1: Check setup', 'Step 2: Consent at Microsoft']);
    expect(connectButton(html).label).toBe('Re-consent Partner Center');
  });

  // The number and the name were adjacent text: a screen reader read "1.Check setup".
  it('a step card is named "Step 1: Check setup" to screen readers, and still drawn "1.Check setup"', async () => {
    const html = await onboardingPage();
    expect(cardHeadings(html)).toEqual(['Step 1: Check setup', 'Step 2: Consent at Microsoft']);
    expect(drawnCardHeadings(html)).toEqual(['1.Check setup', '2.Consent at Microsoft']);
    // The drawn number keeps its colour and its gap to the name.
    expect(html).toMatch(
      /<h2 id="preflight"[^>]*><span class="sr-only">Step 1: <\/span><span aria-hidden="true" class="mr-2 text-brand-600">1\.<\/span>Check setup<\/h2>/,
    );
    // The card is named by its heading.
    expect(html).toContain('<section aria-labelledby="preflight"');
  });

  it('says no pre-flight: that was the old name of Check setup', async () => {
    const html = await onboardingPage();
    expect(html.toLowerCase()).not.toContain('pre-flight');
  });
});

describe("the onboarding page's main action", () => {
  it('not connected: Connect is the main action', async () => {
    const html = await onboardingPage();
    expect(connectButton(html)).toEqual({ label: 'Connect Partner Center', primary: true });
  });

  it('connected and healthy: Re-consent is a secondary action, with when to use it', async () => {
    mocks.status = connected;
    mocks.health = health('healthy');
    const html = await onboardingPage();
    expect(connectButton(html)).toEqual({ label: 'Re-consent Partner Center', primary: false });
    expect(html).toContain('Re-consent only when this page or Health asks for it');
    expect(primaryButtons(html)).toEqual([]);
  });

  it('connected, health not probed since the consent: still secondary', async () => {
    mocks.status = connected;
    mocks.health = null;
    expect(connectButton(await onboardingPage()).primary).toBe(false);
  });

  it.each([
    ['needs re-consent', health('needs-reconsent', 're-consent')],
    ['expiring soon', health('expiring-soon', 're-consent')],
  ])('connected, %s: Re-consent is the main action', async (_name, tenant) => {
    mocks.status = connected;
    mocks.health = tenant;
    const html = await onboardingPage();
    expect(connectButton(html)).toEqual({ label: 'Re-consent Partner Center', primary: true });
    expect(html).not.toContain('Nothing to do while the connection works');
    expect(html).toContain('Re-consent below');
    // Whole in the notice on a phone: never "Re-" / "consent below ↓".
    expect(
      /<a href="#connect" class="([^"]*)">Re-consent below/.exec(html)?.[1]?.split(' '),
    ).toContain('whitespace-nowrap');
  });

  // Only a tenant's own Admins read onboarding: the health catalogue's "The partner's admins can
  // also re-consent" sat beside their own Re-consent button.
  it("connected, expiring soon: the notice's fix is addressed to the admin reading it", async () => {
    mocks.status = connected;
    mocks.health = {
      ...health('expiring-soon', 're-consent'),
      problem: {
        cause: 'The refresh token is close to its limit.',
        fix: "Check the keep-alive. The partner's admins can also re-consent in onboarding to renew it now.",
        action: 're-consent',
      },
    };
    const html = (await onboardingPage()).replace(/&#x27;/g, "'");
    expect(html).toContain('You can also re-consent in onboarding to renew it now.');
    expect(html).not.toContain("The partner's admins");
  });

  // The token service cannot read the stored connection (disabled in Key Vault): health's card
  // carries its words as they are; the notice under the bar is the reader's own connection.
  it("connected, degraded by a disabled stored version: the notice's cause is addressed to the admin too", async () => {
    mocks.status = connected;
    const disabled = vaultEntries.vault_secret_disabled;
    mocks.health = {
      ...health('degraded', 're-consent'),
      problem: { cause: disabled.problem, fix: disabled.partnerWay!.fix, action: 're-consent' },
    };
    const html = (await onboardingPage()).replace(/&#x27;/g, "'");
    expect(html).toContain(
      "Your stored Partner Center connection is disabled in Key Vault. Re-consent in onboarding to store a new connection, or ask the portal's operator to enable the stored one again.",
    );
    expect(html).not.toContain("The partner's stored");
  });

  it('connected, degraded by a transient fault: re-consenting is not the fix', async () => {
    mocks.status = connected;
    mocks.health = health('degraded', 'retry');
    const html = await onboardingPage();
    expect(connectButton(html).primary).toBe(false);
    expect(html).not.toContain('Re-consent below');
  });

  it('a failed re-consent of a healthy connection: the failure panel has the main action', async () => {
    mocks.status = connected;
    mocks.health = health('healthy');
    mocks.failure = {
      code: 'access_denied',
      problem: 'You cancelled the consent.',
      action: 'retry',
    } satisfies Partial<OnboardingFailureView>;
    const html = await onboardingPage({ failure: '3f1d2c4b-0000-4000-8000-000000000003' });
    expect(html).toContain('data-testid="connection-unchanged"');
    // The panel's button is the page's one way to the consent, named as step 2's.
    expect(primaryButtons(html)).toEqual(['Re-consent Partner Center']);
    expect(consentLinks(html)).toEqual([['Re-consent Partner Center', 'failure']]);
  });
});

const unknown: ConnectionStatus = {
  state: 'unknown',
  secretName: `sam-refresh-token-${admin.tid}`,
  failure: { code: 'vault_unavailable', problem: 'Key Vault is down.', action: 'retry' },
};

/**
 * What comes right after the header (title, intro, step bar): its test id and classes. A
 * notice there in some states only pushed the step cards down when the page replaced its
 * loading state, which cannot know the state: every state has one, in one box.
 */
function underTheHeader(html: string): { testId: string | null; classes: string } {
  const next = /<\/header><(?:div|p)([^>]*)>/.exec(html);
  expect(next, 'something follows the header').not.toBeNull();
  return {
    testId: /data-testid="([^"]*)"/.exec(next![1]!)?.[1] ?? null,
    classes: /class="([^"]*)"/.exec(next![1]!)?.[1] ?? '',
  };
}

describe("the connection notice's place under the step bar", () => {
  it.each([
    ['not connected', notConnected, null, {}, 'not-connected'],
    ['just disconnected', notConnected, null, { disconnected: '1' }, 'disconnected'],
    ['connected and healthy', connected, health('healthy'), {}, 'already-connected'],
    [
      'connected, needing re-consent',
      connected,
      health('needs-reconsent', 're-consent'),
      {},
      'connection-problem',
    ],
    ['Key Vault unreadable', unknown, null, {}, 'connection-unknown'],
  ] as const)('%s: one notice, in the one box', async (_name, status, tenant, params, testId) => {
    mocks.status = status;
    mocks.health = tenant;
    const html = await onboardingPage({ ...params });
    const notice = underTheHeader(html);
    expect(notice.testId).toBe(testId);
    expect(notice.classes).toContain(connectionNoticeBox);
    expect(html.split(connectionNoticeBox)).toHaveLength(2);
  });

  it('Key Vault unreadable: says neither connected nor that nothing is stored', async () => {
    mocks.status = unknown;
    mocks.checks = [
      { id: 'key-vault', title: 'Key Vault reachable', status: 'fail', summary: 'Down.' },
    ];
    const html = await onboardingPage();
    expect(html).toContain('Whether Partner Center is connected is not known');
    expect(html).not.toContain('no refresh token is stored');
    expect(html).not.toContain('is connected for your tenant');
  });

  // A disabled stored version, or the portal's identity refused, lasts: "Reload the page" sent
  // the Admin round a loop. Its own words say what to do, as the reader may act on them.
  describe('Key Vault refusing the read for good', () => {
    // As lib/onboarding/status.ts words a failed read of the stored connection.
    const statusFailing = (error: unknown): ConnectionStatus => ({
      ...unknown,
      failure: failureView(toFailure(error, { for: 'onboarding', correlationId: 'c-1' })),
    });
    const restError = (statusCode: number, innerCode?: string) =>
      toVaultError('getSecret', {
        name: 'RestError',
        statusCode,
        ...(innerCode ? { details: { error: { innerError: { code: innerCode } } } } : {}),
      });
    const noticeAs = async (reader: 'partner' | 'operator') => {
      mocks.reader = reader;
      const html = await onboardingPage();
      return /data-testid="connection-unknown"[^>]*>([^<]*)</
        .exec(html)![1]!
        .replace(/&#x27;/g, "'");
    };
    afterEach(() => {
      mocks.reader = 'operator';
    });

    // A disabled version, or the portal's identity refused, lasts: "Reload the page" sent the
    // Admin round a loop. Its own words say what to do, as the reader may act on them.
    it('a disabled stored version: says so, and the partner\u2019s way out or the operator\u2019s fix', async () => {
      // The reader's own connection: "The partner's stored…" spoke of them in the third person.
      const yours = vaultEntries.vault_secret_disabled.ownAdmin!.problem;
      expect(yours).toBe('Your stored Partner Center connection is disabled in Key Vault.');
      mocks.status = statusFailing(restError(403, 'SecretDisabled'));
      const partner = await noticeAs('partner');
      expect(partner).toBe(
        `${yours} Re-consent in onboarding to store a new connection, or ask the portal's operator to enable the stored one again.`,
      );
      expect(await noticeAs('operator')).toBe(
        `${yours} Enable its current version in Key Vault, or re-consent in onboarding to store a new one.`,
      );
    });

    // "cannot read the stored connection. The stored connection is disabled" said it twice;
    // "have one of the partner's admins connect" spoke of the reader, who is one of them.
    it('a disabled stored version: says it once, and addresses the fix to the reader', async () => {
      mocks.status = statusFailing(restError(403, 'SecretDisabled'));
      for (const reader of ['partner', 'operator'] as const) {
        const notice = await noticeAs(reader);
        expect(notice).not.toContain('The portal cannot read the stored Partner Center connection');
        expect(notice.match(/stored Partner Center connection/g)).toHaveLength(1);
        expect(notice).not.toMatch(/partner's admins|A partner admin|partner's stored/);
      }
    });

    // Its problem names Key Vault's refusal, not what the refusal keeps from the page.
    it("the portal's identity refused: still leads with what cannot be read", async () => {
      mocks.status = statusFailing(restError(403));
      expect(await noticeAs('operator')).toBe(
        `The portal cannot read the stored Partner Center connection from Key Vault. ${vaultEntries.vault_forbidden.problem} ${vaultEntries.vault_forbidden.fix}`,
      );
    });

    it("the portal's identity refused: a partner is told it is the operator's to fix", async () => {
      mocks.status = statusFailing(restError(403));
      const partner = await noticeAs('partner');
      expect(partner).toContain(vaultEntries.vault_forbidden.problem);
      expect(partner).toContain("The portal's operator must fix this");
      expect(partner).not.toContain('Reload the page');
      expect(partner).not.toContain(vaultEntries.vault_forbidden.fix);
    });

    // The SDK's CredentialUnavailableError is a credential not set up, or a managed identity's
    // endpoint not answering, and says not which: the words give both (lib/failure/catalogue).
    it('no token for Key Vault: the operator reads both causes, and that a passing one needs nothing', async () => {
      mocks.status = statusFailing(
        toVaultError('getSecret', { name: 'CredentialUnavailableError' }),
      );
      const operator = await noticeAs('operator');
      expect(operator).toContain('its managed identity endpoint did not answer');
      expect(operator).toContain(
        'a managed identity endpoint that was only briefly unavailable needs no change',
      );
      const partner = await noticeAs('partner');
      expect(partner).toContain(vaultEntries.vault_credential.problem);
      expect(partner).not.toContain('KEY_VAULT_CREDENTIAL');
    });

    it('an outage, throttling or an unexpected error keeps "reload": a new look may clear them', async () => {
      for (const error of [restError(503), restError(429), new Error('socket hang up')]) {
        mocks.status = statusFailing(error);
        expect(await noticeAs('partner')).toContain('Reload the page to ask it again');
      }
    });
  });

  it('the loading state keeps that place, in the same box, before the first step card', async () => {
    const { default: Loading } = await import('@/app/onboarding/loading');
    const loading = renderToStaticMarkup(createElement(Loading));
    expect(underTheHeader(loading).classes).toContain(connectionNoticeBox);
    expect(loading.indexOf(connectionNoticeBox)).toBeLessThan(loading.indexOf('<section'));
  });
});

describe('the onboarding loading state', () => {
  async function loadingState(): Promise<string> {
    const { default: Loading } = await import('@/app/onboarding/loading');
    return renderToStaticMarkup(createElement(Loading));
  }

  it('is one busy region, drawn as the page is: title, intro, step bar, the two step cards', async () => {
    const [page, loading] = await Promise.all([onboardingPage(), loadingState()]);
    expect(loading.match(/role="status"/g)).toHaveLength(1);
    expect(loading).toContain('aria-busy="true"');
    expect(pageTitle(loading)).toBe(pageTitle(page));
    const intro = (html: string) => /<p class="max-w-3xl[^"]*">[^<]*<\/p>/.exec(html)?.[0];
    expect(intro(loading)).toBeDefined();
    expect(intro(loading)).toBe(intro(page));
    expect(stepBarLabels(loading)).toEqual(stepBarLabels(page));
    expect(cardHeadings(loading)).toEqual(cardHeadings(page));
    // The Connect card: its two columns from `md`, and what connecting does, word for word.
    const steps = (html: string) => /<ol class="list-decimal[\s\S]*?<\/ol>/.exec(html)?.[0];
    expect(steps(loading)).toBeDefined();
    expect(steps(loading)).toBe(steps(page));
    expect(loading).toContain('md:grid-cols-[3fr_2fr]');
  });

  it('draws Check setup as a set-up that works shows it: folded under one line, in its row', async () => {
    const [page, loading] = await Promise.all([onboardingPage(), loadingState()]);
    const rowClass = (html: string) =>
      /<(?:summary|div) class="(grid grid-cols-\[5rem[^"]*?)(?: cursor-pointer[^"]*)?"/.exec(
        html,
      )?.[1];
    expect(page).toContain('data-testid="preflight-folded"');
    expect(rowClass(loading)).toBeDefined();
    expect(rowClass(loading)).toBe(rowClass(page));
  });

  // The notice's sentence and link wrap alike in the page and in the place kept for it, so the
  // step cards below do not jump when the page arrives (a phone: three lines and the link).
  it("keeps the notice's place in the notice's own row: the sentence's lines, then the link's", async () => {
    const [page, loading] = await Promise.all([onboardingPage(), loadingState()]);
    expect(underTheHeader(page).classes).toContain(connectionNoticeRow);
    expect(underTheHeader(loading).classes).toContain(connectionNoticeRow);
  });
});

const consenterNotAdmin = {
  code: 'consenter_not_admin',
  title: 'The account that consented is not a portal Admin',
  problem: 'Nothing was stored.',
  action: 'retry',
} satisfies Partial<OnboardingFailureView>;
const failureParam = { failure: '3f1d2c4b-0000-4000-8000-000000000003' };
const stepStates = (html: string) => stepBarSteps(html).map((step) => step.state);

describe('the step bar after a failure agrees with the connection notice', () => {
  // A re-consent that failed left the connection as it was: the bar showed step 2 as current
  // (step 3 grey) above a green "connected" notice.
  it('a failed re-consent of a working connection: Verify connection stays current, and done', async () => {
    mocks.status = connected;
    mocks.health = health('healthy');
    mocks.failure = consenterNotAdmin;
    const html = await onboardingPage(failureParam);
    expect(stepStates(html)).toEqual(['done', 'done', 'done']);
    expect(html).toMatch(/aria-current="step"[^>]*><span[^>]*data-step-state="done">✓</);
    expect(html).toContain('data-testid="already-connected"');
    expect(html).toContain('data-testid="connection-unchanged"');
    // The panel names what failed: the re-consent, not the connection the notice calls working.
    expect(html).toContain('Re-consent failed');
    expect(html).not.toContain('Connection failed');
  });

  it('a failed re-consent of a connection that needs one: Consent at Microsoft is current', async () => {
    mocks.status = connected;
    mocks.health = health('needs-reconsent', 're-consent');
    mocks.failure = consenterNotAdmin;
    const html = await onboardingPage(failureParam);
    expect(stepStates(html)).toEqual(['done', 'current', 'todo']);
    expect(html).toContain('data-testid="connection-problem"');
  });

  it('a failed first connection: Consent at Microsoft is current, and the panel says the connection failed', async () => {
    mocks.failure = consenterNotAdmin;
    const html = await onboardingPage(failureParam);
    expect(stepStates(html)).toEqual(['done', 'current', 'todo']);
    expect(html).toContain('Connection failed');
    expect(html).not.toContain('data-testid="connection-unchanged"');
  });

  it('a failed check blocks connecting: Check setup is current', async () => {
    mocks.checks = [keyVaultFailing];
    expect(stepStates(await onboardingPage())).toEqual(['current', 'todo', 'todo']);
  });
});

// Step 3 was never ticked, even with the connection stored and health finding it working.
describe("the step bar's step 3 on /onboarding", () => {
  it('a connection health finds healthy: every step is done, step 3 still current', async () => {
    mocks.status = connected;
    mocks.health = health('healthy');
    const steps = stepBarSteps(await onboardingPage());
    expect(steps.map((step) => step.state)).toEqual(['done', 'done', 'done']);
    expect(steps[2]!.read).toBe('Step 3: Verify connection (done)');
  });

  // What the portal could not see, or what still asks a re-consent, is not shown as done.
  it.each([
    ['no health report for the tenant', null],
    ['health degraded', health('degraded', 'retry')],
    ['expiring soon', health('expiring-soon', 're-consent')],
  ])('%s: step 3 is current, not done', async (_name, report) => {
    mocks.status = connected;
    mocks.health = report;
    expect(stepStates(await onboardingPage())).toEqual(['done', 'done', 'current']);
  });
});

/** The notice's links that lead further down the page: [label, href]. */
function inPageLinks(html: string): Array<[string, string]> {
  const notice = /<\/header>([\s\S]*?)<section/.exec(html)?.[1] ?? '';
  return [...notice.matchAll(/<a href="(#[^"]*)"[^>]*>(.*?)<\/a>/g)].map((m) => [
    words(m[2]!).replace(/\s*↓$/, ''),
    m[1]!,
  ]);
}

describe('the way from the notice to the main action', () => {
  // "Connect Partner Center" sat 1,450 px down at 1280 px, 3,000 px on a phone.
  it.each([
    ['not connected', {}],
    ['just disconnected', { disconnected: '1' }],
  ])('%s: the notice links down to the Connect button of step 2', async (_name, params) => {
    const html = await onboardingPage(params);
    expect(inPageLinks(html)).toEqual([['Connect below', '#connect']]);
    expect(html).toContain('<h2 id="connect"');
  });

  it('not connected, a failed check: it links to the checks instead (the button is disabled)', async () => {
    mocks.checks = [keyVaultFailing];
    const html = await onboardingPage();
    expect(inPageLinks(html)).toEqual([['See why Connect waits', '#preflight']]);
    expect(html).toContain('<h2 id="preflight"');
  });

  it('connected and working: nothing to connect, no such link', async () => {
    mocks.status = connected;
    mocks.health = health('healthy');
    expect(inPageLinks(await onboardingPage())).toEqual([]);
  });
});

describe('Check setup on the page', () => {
  it('a set-up that works: its checks behind one closed line', async () => {
    const html = await onboardingPage();
    const fold = /<details class="group[^"]*" data-testid="preflight-folded">/.exec(html);
    expect(fold, 'the checks are folded, and the fold is closed').not.toBeNull();
    expect(html).toContain('All 2 checks passed');
    expect(html.indexOf('data-check="app-registration"')).toBeGreaterThan(fold!.index);
  });

  it('a failed check stays in view above the fold', async () => {
    mocks.checks = [
      ...passing,
      {
        id: 'redirect-uri',
        title: 'Redirect URI',
        status: 'fail',
        summary: 'Not https.',
        fix: 'Fix.',
      },
    ];
    const html = await onboardingPage();
    const fold = html.indexOf('data-testid="preflight-folded"');
    expect(html.indexOf('data-check="redirect-uri"')).toBeLessThan(fold);
    expect(html).toContain('2 other checks passed');
  });
});

describe("the portal's own set-up as a partner's Admin reads it", () => {
  const vaultDown: PreflightCheck = {
    id: 'key-vault',
    title: 'Key Vault reachable',
    status: 'fail',
    summary: 'Key Vault could not be reached or is temporarily failing.',
    fix: 'Check KEY_VAULT_URL and network access to the vault, then retry.',
    transient: true,
  };

  it("names the operator, never the operator's settings; connecting still waits", async () => {
    mocks.checks = [passing[0]!, vaultDown];
    mocks.failure = {
      code: 'vault_forbidden',
      problem: "Key Vault refused the portal's identity.",
      fix: "Grant the portal's identity get/set/list/delete on secrets (Key Vault Secrets Officer).",
      action: 'fix-configuration',
      owner: 'portal',
    };
    mocks.reader = 'partner';
    const html = await onboardingPage({ failure: '3f1d2c4b-0000-4000-8000-000000000009' });
    expect(html).not.toContain('KEY_VAULT_URL');
    expect(html).not.toContain('Key Vault Secrets Officer');
    expect(html).toContain(
      'The portal&#x27;s operator must fix this if it lasts; nothing is needed from you. Try again in a few minutes.',
    );
    expect(html).toContain(
      'The portal&#x27;s operator must fix this; nothing is needed from you. Try again once they have.',
    );
    expect(html).toMatch(/data-check="key-vault"[^>]*data-status="fail"/);
    // The platform operator reads the same page with the settings to fix.
    mocks.reader = 'operator';
    const operators = await onboardingPage({ failure: '3f1d2c4b-0000-4000-8000-000000000009' });
    expect(operators).toContain('KEY_VAULT_URL');
    expect(operators).toContain('Key Vault Secrets Officer');
  });
});

// After a failed consent the page offered one action three times: the panel's "Try again",
// the notice's "Connect below" and step 2's button; after a failed re-consent, step 2 said
// "Nothing to do while the connection works" right under the error.
describe('after a failed consent, one way to start it again', () => {
  const cookieMissing = {
    code: 'cookie_missing',
    title: 'The consent attempt was not found',
    problem: 'The consent session was not found.',
    fix: 'Start the connection again from this page.',
    action: 'retry',
  } satisfies Partial<OnboardingFailureView>;

  it('not connected: the panel carries it, named as step 2 names it; no "Connect below", no second button', async () => {
    mocks.failure = cookieMissing;
    const html = await onboardingPage(failureParam);
    expect(consentLinks(html)).toEqual([['Connect Partner Center', 'failure']]);
    expect(html).not.toContain('Try again');
    expect(noticeLinks(html)).toEqual([]);
    expect(stepTwoBox(html)).toBe(
      'Takes about a minute. Have your authenticator app ready. Start it with the button in the failure above.',
    );
  });

  it('a failed re-consent of a working connection: one Re-consent, and no "Nothing to do"', async () => {
    mocks.status = connected;
    mocks.health = health('healthy');
    mocks.failure = consenterNotAdmin;
    const html = await onboardingPage(failureParam);
    expect(consentLinks(html)).toEqual([['Re-consent Partner Center', 'failure']]);
    expect(html).not.toContain('Nothing to do');
    expect(stepTwoBox(html)).toBe(
      'Re-consenting stores the new refresh token as a new Key Vault version; the previous one stays in the version history, disabled. Start it with the button in the failure above.',
    );
  });

  it('a failed re-consent of a connection that needs one: no "Re-consent below" either', async () => {
    mocks.status = connected;
    mocks.health = health('needs-reconsent', 're-consent');
    mocks.failure = consenterNotAdmin;
    const html = await onboardingPage(failureParam);
    expect(consentLinks(html)).toEqual([['Re-consent Partner Center', 'failure']]);
    expect(html).not.toContain('Re-consent below');
    expect(html).toContain('View connection');
  });

  // Connecting again fails the same way until the account has an MFA method.
  it('a Microsoft page to fix the cause on first stays, with the consent after it; step 2 points up', async () => {
    mocks.failure = {
      code: 'AADSTS50079',
      problem: 'No MFA method.',
      action: 'sign-in-again',
      fixAt: {
        label: 'Register an MFA method',
        href: 'https://aka.ms/mfasetup',
        then: 'once registered',
      },
    } satisfies Partial<OnboardingFailureView>;
    const html = await onboardingPage(failureParam);
    expect(primaryButtons(html)).toEqual(['Register an MFA method']);
    expect(consentLinks(html)).toEqual([['Connect Partner Center once registered', 'failure']]);
    expect(stepTwoBox(html)).toContain('Start it with the button in the failure above');
  });

  // "Check again after fixing" is not the consent: step 2 keeps its button, the page's one.
  it('a failure fixed in the configuration first: step 2 keeps the consent; the notice does not point at it', async () => {
    mocks.failure = {
      code: 'redirect_uri_mismatch',
      problem: 'The redirect URI is not registered.',
      action: 'fix-configuration',
    } satisfies Partial<OnboardingFailureView>;
    const html = await onboardingPage(failureParam);
    expect(primaryButtons(html)).toEqual(['Check again after fixing', 'Connect Partner Center']);
    expect(consentLinks(html)).toEqual([['Connect Partner Center', 'step 2']]);
    expect(noticeLinks(html)).toEqual([]);
  });

  it('a failed disconnect of a working connection: step 2 keeps its button, without "Nothing to do"', async () => {
    mocks.status = connected;
    mocks.health = health('healthy');
    mocks.failure = {
      code: 'vault_unavailable',
      problem: 'Key Vault is down.',
      action: 'retry',
      step: 'disconnect',
    } satisfies Partial<OnboardingFailureView>;
    const html = await onboardingPage(failureParam);
    expect(consentLinks(html)).toEqual([['Re-consent Partner Center', 'step 2']]);
    expect(html).not.toContain('Nothing to do');
  });

  // Connecting would fail: the panel no longer offers what step 2 shows disabled.
  it('a failed check blocks connecting: the panel offers no consent; the notice leads to the checks', async () => {
    mocks.checks = [keyVaultFailing];
    mocks.failure = cookieMissing;
    const html = await onboardingPage(failureParam);
    expect(consentLinks(html)).toEqual([]);
    expect(html).toMatch(/<a role="link" aria-disabled="true"[^>]*>Connect Partner Center<\/a>/);
    expect(noticeLinks(html)).toEqual([['See why Connect waits', '#preflight']]);
  });

  it('without a failure, the page is as it was: the notice links down, step 2 has the button', async () => {
    const html = await onboardingPage();
    expect(consentLinks(html)).toEqual([['Connect Partner Center', 'step 2']]);
    expect(noticeLinks(html)).toEqual([['Connect below', '#connect']]);
  });
});
