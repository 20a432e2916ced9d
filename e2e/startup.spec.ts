import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { portalServerCommand } from '../scripts/lib/processes';
import { freeLoopbackPort } from '../test/support/ports';

/** Runs the standalone production server with `env` until it exits; resolves with exit code and output. */
async function startPortal(
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  const server = portalServerCommand(await freeLoopbackPort());
  return new Promise((resolve) => {
    const child = spawn(server.command, server.args, {
      env: { ...server.env, ...env } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const validAzureEnv = {
  PORTAL_PROFILE: 'azure',
  PORTAL_PUBLIC_URL: 'https://portal.example.com',
  AUTH_SECRET: 'startup-test-secret-0123456789-abcdefgh',
  ENTRA_TENANT_ID: '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
  ENTRA_CLIENT_ID: 'c4a1e5f0-7b2d-4e89-a6c3-0f5d8b2e9a31',
  ENTRA_CLIENT_SECRET: 'not-a-real-secret',
  KEY_VAULT_URL: 'https://example.vault.azure.net',
};

test('start-up with a missing setting fails and names it', async () => {
  const { AUTH_SECRET: _omitted, ...withoutSecret } = validAzureEnv;
  const base = { PATH: process.env.PATH, HOME: process.env.HOME };
  const { code, output } = await startPortal({ ...base, ...withoutSecret });
  expect(code).toBe(1);
  expect(output).toContain('AUTH_SECRET is not set');
  expect(output).not.toContain('ENTRA_CLIENT_ID');
});

test('start-up with an invalid setting fails and names it', async () => {
  const base = { PATH: process.env.PATH, HOME: process.env.HOME };
  const { code, output } = await startPortal({
    ...base,
    ...validAzureEnv,
    ENTRA_CLIENT_ID: 'not-a-guid',
  });
  expect(code).toBe(1);
  expect(output).toMatch(/ENTRA_CLIENT_ID: must be a GUID/);
});
