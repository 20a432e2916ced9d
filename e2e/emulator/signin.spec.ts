import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import {
  partnerCenterResource,
  partnerTenants,
  portalApp,
} from '../../emulator/src/seed/identities';

/**
 * The emulator's own sign-in pages in a real browser: password, TOTP, consent, and the
 * cross-site form_post to a local callback. The emulator runs in this worker on ephemeral
 * ports with the test TLS key that playwright.config.ts pins Chromium to.
 */
let emulator: RunningEmulator;
let callbackServer: Server;
let callbackUrl: string;
const received: Array<Record<string, string>> = [];

/** Reads a control over HTTPS, trusting exactly the emulator's CA. */
function control(path: string): Promise<Record<string, unknown>> {
  const ca = readFileSync(emulator.tls.caFile);
  return new Promise((resolve, reject) => {
    const req = request(`${emulator.endpoints.controlUrl}/${path}`, { ca }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(JSON.parse(text) as Record<string, unknown>));
    });
    req.on('error', reject);
    req.end();
  });
}

test.beforeAll(async () => {
  emulator = await startEmulator({ stateDir: null, tlsDir: '.emulator/test-tls' });
  callbackServer = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (req.method === 'POST') received.push(Object.fromEntries(new URLSearchParams(body)));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Callback</title><h1>Callback received</h1>');
    });
  });
  await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
  // Registered as http://localhost/api/consent/callback: Entra ignores the port on localhost.
  callbackUrl = `http://localhost:${(callbackServer.address() as AddressInfo).port}/api/consent/callback`;
});

test.afterAll(async () => {
  await emulator?.close();
  await new Promise<void>((resolve) =>
    callbackServer ? callbackServer.close(() => resolve()) : resolve(),
  );
});

test('signs in with password and TOTP, consents, and form_posts code + id_token + state', async ({
  page,
}) => {
  const upn = `admin@${partnerTenants[0]!.domain}`;
  const query = new URLSearchParams({
    client_id: portalApp.clientId,
    response_type: 'code id_token',
    response_mode: 'form_post',
    redirect_uri: callbackUrl,
    scope: `openid profile offline_access ${partnerCenterResource}/user_impersonation`,
    state: 'e2e-state-123',
    nonce: 'e2e-nonce',
    prompt: 'login',
    login_hint: upn,
  });
  await page.goto(`${emulator.endpoints.loginUrl}/organizations/oauth2/v2.0/authorize?${query}`);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('Email, phone, or Skype')).toHaveValue(upn);
  await page.screenshot({ path: 'test-results/emulator-signin.png' });
  await page.getByLabel('Password').fill('Passw0rd!demo');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('heading', { name: 'Enter code' })).toBeVisible();
  await page.screenshot({ path: 'test-results/emulator-mfa.png' });
  const { code } = await control(`totp/${encodeURIComponent(upn)}`);
  await page.getByLabel('Code').fill(String(code));
  await page.getByRole('button', { name: 'Verify' }).click();

  await expect(page.getByRole('heading', { name: 'Permissions requested' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Requested permissions' })).toContainText(
    'Access Partner Center as you',
  );
  await page.screenshot({ path: 'test-results/emulator-consent.png' });
  await page.getByRole('button', { name: 'Accept' }).click();

  await expect(page.getByRole('heading', { name: 'Callback received' })).toBeVisible();
  expect(received).toHaveLength(1);
  const fields = received[0]!;
  expect(fields.state).toBe('e2e-state-123');
  expect(fields.code).toBeTruthy();
  expect(fields.id_token?.split('.')).toHaveLength(3);
  const claims = await emulator.context.tokens.verify(fields.id_token!, {
    audience: portalApp.clientId,
  });
  expect(claims.nonce).toBe('e2e-nonce');
});
