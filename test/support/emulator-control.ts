import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { readEmulatorEndpoints } from '../../lib/config/local-profile';

/**
 * Calls the control API (`/_emulator/...`) of the emulator whose CLI wrote `endpointsFile`,
 * over HTTPS trusting exactly the emulator's CA. Resolves with status and parsed JSON body.
 * Shared by the e2e run and the bench, each with its own emulator.
 */
export async function emulatorControlAt(
  endpointsFile: string,
  controlPath: string,
  body?: unknown,
  method = body === undefined ? 'GET' : 'POST',
): Promise<{ status: number; body: unknown }> {
  const endpoints = readEmulatorEndpoints(endpointsFile);
  const url = new URL(`${endpoints.controlUrl}/${controlPath.replace(/^\/+/, '')}`);
  const ca = readFileSync(endpoints.caFile);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, ca, headers: payload ? { 'content-type': 'application/json' } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text ? (JSON.parse(text) as unknown) : undefined,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The user's current TOTP code, read from the emulator the way the demo tells people to. */
export async function totpAt(endpointsFile: string, upn: string): Promise<string> {
  const { status, body } = await emulatorControlAt(
    endpointsFile,
    `totp/${encodeURIComponent(upn)}`,
  );
  const code = (body as { code?: unknown } | undefined)?.code;
  if (status !== 200 || typeof code !== 'string')
    throw new Error(`No TOTP code for ${upn} (status ${status})`);
  return code;
}
