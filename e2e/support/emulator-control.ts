import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { readE2eEndpoints } from './environment';

/**
 * Calls the emulator's control API (`/_emulator/...`) over HTTPS, trusting exactly the
 * emulator's CA. Resolves with status and parsed JSON body.
 */
export async function emulatorControl(
  controlPath: string,
  body?: unknown,
  method = body === undefined ? 'GET' : 'POST',
): Promise<{ status: number; body: unknown }> {
  const endpoints = readE2eEndpoints();
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
export async function currentTotp(upn: string): Promise<string> {
  const { status, body } = await emulatorControl(`totp/${encodeURIComponent(upn)}`);
  const code = (body as { code?: unknown } | undefined)?.code;
  if (status !== 200 || typeof code !== 'string')
    throw new Error(`No TOTP code for ${upn} (status ${status})`);
  return code;
}
