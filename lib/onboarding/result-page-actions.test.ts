import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetOnboardingFacts } from './page-facts';
import { navigation } from '@/lib/auth/roles';
import type { FailureView } from '@/lib/failure';
import type { ConsentOutcome } from './consent-flow';
import {
  cardHeadings,
  pageTitle,
  primaryButtons,
  stepBarLabels,
  stepBarSteps,
  stepHeadings,
} from './onboarding-markup.test-support';
import type { ConnectionStatus } from './status';
import { completedConsent, renderResultPage } from './result-page.test-support';

/**
 * /onboarding/result (app/onboarding/result/page.tsx) once Key Vault answers: right after a
 * consent, on a later visit whose live check fails, and with nothing stored. Which button is
 * the main (brand) one, and the step names it shares with /onboarding.
 */
const admin = {
  tid: '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
  oid: 'oid-admin',
  upn: 'admin@contoso.test',
  roles: ['admin'],
};

const mocks = vi.hoisted(() => ({ outcome: null as unknown, status: null as unknown }));

vi.mock('@/lib/auth', () => ({
  requireRole: async () => admin,
  signInAgainNoteWords: async () => null,
}));
vi.mock('@/lib/partner-name', () => ({
  partnerDisplayName: async () => null,
  partnerLabel: (tid: string) => tid,
}));
// The home tenant's Admin, who reads the portal's own fixes as they are (reader.ts).
vi.mock('@/lib/onboarding/reader', () => ({ onboardingReader: () => 'operator' }));
vi.mock('@/lib/onboarding/flash-store', () => ({ recallForOwner: async () => mocks.outcome }));
vi.mock('@/lib/onboarding/ports-default', () => ({ defaultOnboardingPorts: () => ({}) }));
vi.mock('@/lib/onboarding/status', async (importActual) => ({
  ...(await importActual<typeof import('./status')>()),
  getConnectionStatus: async () => mocks.status,
}));

const version = {
  version: 'v1',
  createdAt: '2026-01-02T03:04:05.000Z',
  mintedBy: 'agent@contoso.test',
  mfa: true,
  purpose: 'consent',
  current: true,
};

function connected(liveCheck: ConsentOutcome['liveCheck'] | null): ConnectionStatus {
  return {
    state: 'connected',
    secretName: `sam-refresh-token-${admin.tid}`,
    current: version,
    history: [version],
    liveCheck,
  };
}

/** The secret after a day's token rotation: v2 current, the consent's v1 before it. */
function rotated(): ConnectionStatus {
  const v2 = {
    ...version,
    version: 'v2',
    createdAt: '2026-01-03T03:04:05.000Z',
    purpose: 'rotation',
  };
  return {
    state: 'connected',
    secretName: `sam-refresh-token-${admin.tid}`,
    current: v2,
    history: [v2, { ...version, current: false }],
    liveCheck: { ok: true, customerCount: 3 },
  };
}

function failedCheck(action: FailureView['action']): ConsentOutcome['liveCheck'] {
  return { ok: false, failure: { code: 'pc_refused', problem: 'Partner Center refused.', action } };
}

const outcome = completedConsent(admin);

const resultPage = renderResultPage;

/** The Re-consent button: its label and whether it is drawn as the main action. */
function reconsentButton(html: string): { label: string; primary: boolean } {
  const link = /<a href="\/api\/consent\/start" class="([^"]*)">(.*?)<\/a>/.exec(html);
  expect(link, 'the page offers re-consent').not.toBeNull();
  // The label's words, without the spans that keep "Re-consent" whole.
  return { label: link![2]!.replace(/<[^>]+>/g, ''), primary: link![1]!.includes('bg-brand-600') };
}

beforeEach(() => {
  // What the pages looked up is reused for seconds (page-facts.ts): each case looks afresh.
  forgetOnboardingFacts(admin.tid);
  mocks.outcome = null;
  mocks.status = connected({ ok: true, customerCount: 3 });
});

describe('the result page names its step as the step bar does', () => {
  it("its title is onboarding's menu entry; its card is step 3, Verify connection", async () => {
    const html = await resultPage();
    expect(pageTitle(html)).toBe(navigation.find((item) => item.href === '/onboarding')!.label);
    expect(stepBarLabels(html)).toEqual([
      'Check setup',
      'Consent at Microsoft',
      'Verify connection',
    ]);
    expect(stepHeadings(html)).toEqual(['Step 3: Verify connection']);
  });

  it('nothing stored: the bar does not tick steps 1 and 2, and leads back to step 1', async () => {
    mocks.status = { state: 'not-connected', secretName: `sam-refresh-token-${admin.tid}` };
    const html = await resultPage();
    expect(html).not.toContain('data-step-state="done"');
    expect(html).toMatch(/aria-current="step"[^>]*><span[^>]*data-step-state="current">1</);
    expect(primaryButtons(html)).toEqual(['Go to Check setup']);
  });
});

// Step 3 was never ticked, even with the connection stored and answering the live check.
describe("the result page's step 3", () => {
  it('ticked when Partner Center answers the live check, and still current', async () => {
    const steps = stepBarSteps(await resultPage());
    expect(steps.map((step) => step.state)).toEqual(['done', 'done', 'done']);
    expect(steps[2]!.read).toBe('Step 3: Verify connection (done)');
  });

  it('ticked right after a consent whose live check passed', async () => {
    mocks.outcome = outcome;
    const html = await resultPage({ outcome: '3f1d2c4b-0000-4000-8000-000000000002' });
    expect(stepBarSteps(html).map((step) => step.state)).toEqual(['done', 'done', 'done']);
  });

  it.each([
    ['a failed live check', failedCheck('retry')],
    ['no live check', null],
  ])('%s: current, not done', async (_name, liveCheck) => {
    mocks.status = connected(liveCheck);
    const html = await resultPage();
    expect(stepBarSteps(html).map((step) => step.state)).toEqual(['done', 'done', 'current']);
  });
});

// "MFA: Confirmed (amr contains mfa)" and "Stored by: Consent" (read as a person's name).
describe("the result page's connection facts", () => {
  it('say MFA and how the version was stored in words', async () => {
    const text = (await resultPage()).replace(/<\/(dt|dd)>/g, '\n').replace(/<[^>]+>/g, '');
    expect(text).toContain('MFA\nConfirmed: Entra recorded MFA for the consent’s sign-in\n');
    expect(text).toContain('How stored\nFrom the consent\n');
    expect(text).not.toContain('amr');
  });
});

describe("the result page's main action", () => {
  // Onboarding is done: the page's only buttons were Re-consent and the live check, no way on.
  it('right after a consent that works: the way on is the customers; Re-consent says when to use it', async () => {
    mocks.outcome = outcome;
    const html = await resultPage({ outcome: '3f1d2c4b-0000-4000-8000-000000000002' });
    expect(html).toContain('data-testid="consent-success"');
    expect(reconsentButton(html)).toEqual({ label: 'Re-consent Partner Center', primary: false });
    expect(html).toContain('Re-consent only when this page or Health asks for it');
    expect(primaryButtons(html)).toEqual(['Browse customers']);
    expect(html).toMatch(/<a [^>]*href="\/customers"[^>]*>Browse customers<\/a>/);
  });

  it('a connection whose live check fails offers no way to the customers it cannot read', async () => {
    mocks.status = connected(failedCheck('retry'));
    expect(await resultPage()).not.toContain('Browse customers');
  });

  it.each(['re-consent', 'grant-consent'] as const)(
    'a live check whose fix is a new consent (%s): Re-consent is the main action',
    async (action) => {
      mocks.status = connected(failedCheck(action));
      const html = await resultPage();
      expect(reconsentButton(html).primary).toBe(true);
      expect(primaryButtons(html)).toEqual(['Re-consent Partner Center']);
      expect(html).not.toContain('Nothing to do while the connection works');
    },
  );

  it('a live check that failed for a passing reason: checking again is the main action', async () => {
    mocks.status = connected(failedCheck('retry'));
    const html = await resultPage();
    expect(reconsentButton(html).primary).toBe(false);
    expect(primaryButtons(html)).toEqual(['Run the live check again']);
  });
});

// A one-row history repeated what step 3 had just said: the same time, author, MFA and version.
describe("the result page's version history", () => {
  const historyRows = (html: string) =>
    /data-testid="version-history"[\s\S]*?<tbody[^>]*>([\s\S]*?)<\/tbody>/
      .exec(html)?.[1]
      ?.match(/<tr>/g)?.length ?? 0;

  it('is left out while the secret has only the version step 3 names', async () => {
    mocks.outcome = outcome;
    const html = await resultPage({ outcome: '3f1d2c4b-0000-4000-8000-000000000002' });
    expect(html).toContain('data-testid="secret-version">v1</dd>');
    expect(html).not.toContain('data-testid="version-history"');
    expect(cardHeadings(html)).toEqual(['Step 3: Verify connection']);
    // Step 3's facts and Disconnect stay.
    expect(html).toContain('data-testid="connection-summary"');
    expect(html).toContain('Disconnect Partner Center');
  });

  it('lists every version once there is more than one: a rotation and the consent before it', async () => {
    mocks.status = rotated();
    const html = await resultPage();
    expect(cardHeadings(html)).toEqual(['Step 3: Verify connection', 'Version history']);
    expect(html).toContain('Every consent and token rotation is a new version');
    expect(historyRows(html)).toBe(2);
    expect(html).toContain('data-testid="secret-version">v2</dd>');
  });
});

// The loading state drew a version history, which a first consent's page (one version) has
// not: the block vanished as the page arrived. It now draws only what every connected page
// begins with; what differs (the history, Disconnect) arrives under it, moving nothing drawn.
describe('the result page loading state', () => {
  const loadingState = async () => {
    const { default: Loading } = await import('@/app/onboarding/result/loading');
    return renderToStaticMarkup(createElement(Loading));
  };
  /** The Disconnect box (the page's only red-bordered one), or its placeholder. */
  const disconnectBox = (html: string) =>
    [...html.matchAll(/class="([^"]*border-red-200[^"]*)"/g)].pop()?.[1];

  it('is one busy region, drawn as the page begins: title, step bar, step 3', async () => {
    mocks.outcome = outcome;
    const page = await resultPage({ outcome: '3f1d2c4b-0000-4000-8000-000000000002' });
    const loading = await loadingState();
    expect(loading.match(/role="status"/g)).toHaveLength(1);
    expect(loading).toContain('aria-busy="true"');
    expect(pageTitle(loading)).toBe(pageTitle(page));
    expect(stepBarLabels(loading)).toEqual(stepBarLabels(page));
    expect(cardHeadings(loading)).toEqual(['Step 3: Verify connection']);
    // The facts in two columns from `sm`, as on the page.
    expect(loading).toContain('grid gap-x-8 gap-y-3 sm:grid-cols-2');
    expect(page).toContain('grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2');
    // Nothing under step 3: no history, no Disconnect box for a history to push down.
    expect(loading).not.toContain('Version history');
    expect(disconnectBox(loading)).toBeUndefined();
    expect(disconnectBox(page)).toContain('rounded-lg border border-red-200 p-4');
  });

  it('right after a first consent, and on a visit with a history, the page adds its cards under what it drew', async () => {
    const loading = cardHeadings(await loadingState());
    mocks.outcome = outcome;
    const firstConsent = await resultPage({ outcome: '3f1d2c4b-0000-4000-8000-000000000002' });
    expect(cardHeadings(firstConsent)).toEqual(loading);
    forgetOnboardingFacts(admin.tid);
    mocks.outcome = null;
    mocks.status = rotated();
    const inUse = await resultPage();
    expect(cardHeadings(inUse)).toEqual([...loading, 'Version history']);
  });
});
