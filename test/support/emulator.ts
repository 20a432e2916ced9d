import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../emulator/src/index';
import { demoPassword, partnerCenterResource, portalApp } from '../../emulator/src/seed/identities';
import { testTlsDir } from './tls-global-setup';

export interface TestEmulator extends RunningEmulator {
  /** Calls a test control: `control('clock', { advanceSeconds: 60 })` POSTs, no body GETs. */
  control<T = unknown>(path: string, body?: unknown, method?: string): Promise<T>;
}

/**
 * Starts an in-memory emulator on ephemeral ports with the test CA (trusted by the vitest
 * workers through NODE_EXTRA_CA_CERTS, see tls-global-setup.ts). Close it in `afterAll`.
 */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ stateDir: null, tlsDir: testTlsDir, ...options });
  const control = async <T>(path: string, body?: unknown, method?: string): Promise<T> => {
    const response = await fetch(`${emulator.endpoints.controlUrl}/${path.replace(/^\//, '')}`, {
      method: method ?? (body === undefined ? 'GET' : 'POST'),
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`emulator control ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return Object.assign(emulator, { control });
}

export interface MintCodeOptions {
  upn: string;
  version: 'v1' | 'v2';
  /** v1 `resource` or v2 `scope`; default Partner Center (v2 adds `openid profile offline_access`). */
  scopeOrResource?: string;
  redirectUri?: string;
  codeChallenge?: string;
  nonce?: string;
  state?: string;
  tenant?: string;
  clientId?: string;
  password?: string;
  prompt?: string;
  /** What to click on the consent page if it shows; default Accept. */
  consent?: 'accept' | 'cancel';
  /** A browser's cookies for the emulator (Entra's session cookie): sent, and kept when set. */
  browser?: { cookie: string | null };
}

export interface MintedCode {
  /** Every field the form_post delivered: `code`, `id_token`, `state`, `session_state` or `error`... */
  fields: Record<string, string>;
  code: string;
  idToken: string;
  redirectUri: string;
  /** The pages the flow went through, e.g. ['signin', 'mfa', 'consent']. */
  pages: string[];
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&');
}

function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[unescapeHtml(match[1]!)] = unescapeHtml(match[2]!);
  }
  return fields;
}

async function postForm(
  url: string,
  form: Record<string, string>,
  browser?: { cookie: string | null },
): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    body: new URLSearchParams(form),
    redirect: 'manual',
    headers: browser?.cookie ? { cookie: browser.cookie } : {},
  });
  keepCookie(response, browser);
  return response.text();
}

/** Keeps the name=value part of a `Set-Cookie` answer, as a browser would (one cookie). */
function keepCookie(response: Response, browser?: { cookie: string | null }): void {
  const set = response.headers.get('set-cookie');
  if (browser && set) browser.cookie = set.split(';')[0]!;
}

function pageKind(html: string): 'signin' | 'mfa' | 'consent' | 'form_post' | 'error' {
  if (html.includes('id="response"')) return 'form_post';
  if (html.includes('name="otc"')) return 'mfa';
  if (html.includes('name="decision"')) return 'consent';
  if (html.includes('name="password"')) return 'signin';
  return 'error';
}

/**
 * Drives the emulator's authorize pages with plain fetch, exactly as a browser would (password,
 * TOTP read from the control API, consent), with `response_mode=form_post` and
 * `response_type=code id_token`; returns what the form_post would deliver.
 */
export async function mintAuthorizationCode(
  emulator: TestEmulator,
  options: MintCodeOptions,
): Promise<MintedCode> {
  const { loginUrl } = emulator.endpoints;
  const redirectUri = options.redirectUri ?? 'http://localhost:3000/api/consent/callback';
  const v2 = options.version === 'v2';
  const query = new URLSearchParams({
    client_id: options.clientId ?? portalApp.clientId,
    response_type: 'code id_token',
    response_mode: 'form_post',
    redirect_uri: redirectUri,
    state: options.state ?? 'test-state',
    nonce: options.nonce ?? 'test-nonce',
    ...(options.prompt ? { prompt: options.prompt } : {}),
    ...(options.codeChallenge
      ? { code_challenge: options.codeChallenge, code_challenge_method: 'S256' }
      : {}),
    ...(v2
      ? {
          scope:
            options.scopeOrResource ??
            `openid profile offline_access ${partnerCenterResource}/user_impersonation`,
        }
      : { resource: options.scopeOrResource ?? partnerCenterResource, scope: 'openid profile' }),
  });
  const path = v2 ? 'oauth2/v2.0/authorize' : 'oauth2/authorize';
  const { browser } = options;
  const first = await fetch(`${loginUrl}/${options.tenant ?? 'organizations'}/${path}?${query}`, {
    headers: browser?.cookie ? { cookie: browser.cookie } : {},
  });
  keepCookie(first, browser);
  let html = await first.text();
  const pages: string[] = [];
  for (let step = 0; step < 5; step += 1) {
    const kind = pageKind(html);
    pages.push(kind);
    const flow = hiddenFields(html).flow ?? '';
    if (kind === 'signin') {
      if (pages.filter((p) => p === 'signin').length > 1)
        throw new Error(`sign-in failed for ${options.upn}`);
      html = await postForm(
        `${loginUrl}/common/login`,
        {
          flow,
          username: options.upn,
          password: options.password ?? demoPassword,
        },
        browser,
      );
    } else if (kind === 'mfa') {
      const { code } = await emulator.control<{ code: string }>(
        `totp/${encodeURIComponent(options.upn)}`,
      );
      html = await postForm(`${loginUrl}/common/mfa`, { flow, otc: code }, browser);
    } else if (kind === 'consent') {
      html = await postForm(
        `${loginUrl}/common/consent`,
        {
          flow,
          decision: options.consent ?? 'accept',
        },
        browser,
      );
    } else if (kind === 'form_post') {
      const fields = hiddenFields(html);
      return {
        fields,
        code: fields.code ?? '',
        idToken: fields.id_token ?? '',
        redirectUri,
        pages,
      };
    } else {
      throw new Error(
        `authorize flow ended on an error page: ${html
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 400)}`,
      );
    }
  }
  throw new Error('authorize flow did not finish');
}

/**
 * A real delegated Partner Center grant for `upn`: signs in through the pages, then redeems
 * the code with the portal app's secret at the v1 or v2 token endpoint.
 */
export async function mintPartnerCenterGrant(
  emulator: TestEmulator,
  upn: string,
  version: 'v1' | 'v2' = 'v2',
): Promise<{ refreshToken: string; accessToken: string; idToken: string }> {
  const minted = await mintAuthorizationCode(emulator, { upn, version });
  const tokenPath = version === 'v2' ? 'oauth2/v2.0/token' : 'oauth2/token';
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: portalApp.clientId,
    client_secret: portalApp.clientSecret,
    code: minted.code,
    redirect_uri: minted.redirectUri,
    ...(version === 'v2'
      ? { scope: `${partnerCenterResource}/user_impersonation offline_access openid` }
      : { resource: partnerCenterResource }),
  });
  const response = await fetch(`${emulator.endpoints.loginUrl}/organizations/${tokenPath}`, {
    method: 'POST',
    body: form,
  });
  const body = (await response.json()) as Record<string, string>;
  if (!response.ok || !body.refresh_token || !body.access_token) {
    throw new Error(
      `code redemption failed: ${response.status} ${body.error ?? ''} ${body.error_codes ?? ''}`,
    );
  }
  return {
    refreshToken: body.refresh_token,
    accessToken: body.access_token,
    idToken: body.id_token ?? minted.idToken,
  };
}

/** POSTs a form to the emulator's v1 or v2 token endpoint; returns status and parsed body. */
export async function tokenRequest(
  emulator: RunningEmulator,
  form: Record<string, string>,
  options: { version?: 'v1' | 'v2'; tenant?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const path = options.version === 'v1' ? 'oauth2/token' : 'oauth2/v2.0/token';
  const response = await fetch(
    `${emulator.endpoints.loginUrl}/${options.tenant ?? 'organizations'}/${path}`,
    {
      method: 'POST',
      headers: options.headers,
      body: new URLSearchParams(form),
    },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
